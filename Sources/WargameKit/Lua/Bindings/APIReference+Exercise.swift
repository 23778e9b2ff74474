// The REPL's meta-commands for classroom exercises (the white cell).
extension APIReference {
    /// None yet.
    static let exerciseCommands: [Entry] = []
}
