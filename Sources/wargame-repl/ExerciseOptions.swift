/// Options that run a classroom exercise: the white cell's REPL.
struct ExerciseOptions: Equatable {
    /// `--exercise FILE`: the exercise file (Lua, loaded sandboxed).
    var file: String?
    /// `--journal FILE`: where orders and decisions are appended.
    var journal: String?
    /// `--resume JOURNAL`: rebuild the exercise from its journal and go on appending to it.
    var resume: String?
    /// `--serve [addr:]port`: each team plays from its own device, through a web server in
    /// this process (address 127.0.0.1 unless given; port 0: a free port).
    var serve: (address: String, port: Int)? {
        get { serveAddress.map { ($0, servePort) } }
        set { serveAddress = newValue?.address; servePort = newValue?.port ?? 0 }
    }
    private var serveAddress: String?
    private var servePort = 0

    var requested: Bool { file != nil || resume != nil }

    /// Lines of `--help`, each ending in a newline.
    static let usage = """
          --exercise FILE     run a classroom exercise (sandboxed): the REPL is the white
                              cell; :help lists its commands (:hotseat, :resolve, ...)
          --journal FILE      append the exercise's journal to FILE (one JSON object a
                              line; default: exercise-<time>.jsonl)
          --resume JOURNAL    rebuild an exercise from its journal and go on
          --serve [ADDR:]PORT with --exercise or --resume: each team plays from its own
                              device; prints one join link per team (ADDR: 127.0.0.1
                              unless given; PORT 0: a free port)

        """

    /// Takes `flag` when it is one of these options; `value()` reads its argument.
    mutating func accept(_ flag: String, value: () throws -> String) throws -> Bool {
        switch flag {
        case "--exercise": file = try value(); return true
        case "--journal": journal = try value(); return true
        case "--resume": resume = try value(); return true
        case "--serve": serve = try Self.parseServe(try value()); return true
        default: return false
        }
    }

    /// `[addr:]port`, the address as given (brackets dropped from an IPv6 one).
    static func parseServe(_ text: String) throws -> (address: String, port: Int) {
        var address = "127.0.0.1", portText = Substring(text)
        if let colon = text.lastIndex(of: ":") {
            address = String(text[..<colon])
            portText = text[text.index(after: colon)...]
            if address.hasPrefix("["), address.hasSuffix("]") { address = String(address.dropFirst().dropLast()) }
        }
        guard !address.isEmpty, let port = Int(portText), (0...65535).contains(port) else {
            throw Options.UsageError(message: "'--serve' needs [address:]port with a port from 0 to 65535, got '\(text.prefix(60))'")
        }
        return (address, port)
    }
}
