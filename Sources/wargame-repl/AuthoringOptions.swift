/// Options for authors of scenario scripts.
struct AuthoringOptions: Equatable {
    /// `--check FILE...`: the script and its arguments are the files to check.
    var check = false

    /// Lines of `--help`, each ending in a newline.
    static let usage = """
          --check FILE...     check scenario scripts in the sandbox without playing a
                              turn: one line 'file:line: problem' each (then exit
                              status 1), or 'file: ok'

        """

    /// Takes `flag` when it is one of these options; `value()` reads its argument.
    mutating func accept(_ flag: String, value: () throws -> String) throws -> Bool {
        switch flag {
        case "--check": check = true; return true
        default: return false
        }
    }
}
