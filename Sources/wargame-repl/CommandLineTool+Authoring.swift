// Modes for authors of scenario scripts.
extension CommandLineTool {
    /// Runs a mode of ``AuthoringOptions`` when one was asked for: its exit status, or nil.
    static func runAuthoringMode(_ o: Options) -> Int32? { nil }
}
