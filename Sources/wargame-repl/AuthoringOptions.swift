/// Options for authors of scenario scripts (none yet).
struct AuthoringOptions: Equatable {
    /// Lines of `--help`, each ending in a newline.
    static let usage = ""

    /// Takes `flag` when it is one of these options; `value()` reads its argument.
    mutating func accept(_ flag: String, value: () throws -> String) throws -> Bool { false }
}
