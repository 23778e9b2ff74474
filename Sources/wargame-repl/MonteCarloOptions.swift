/// `--montecarlo FILE` and the options that go with it.
struct MonteCarloOptions: Equatable {
    var script: String?    // --montecarlo FILE: many runs of a scenario script
    var runs: Int64?       // --runs n
    var turns: Int64?      // --turns n
    var threads: Int64?    // --threads n

    /// Lines of `--help`, each ending in a newline.
    static let usage = """
          --montecarlo FILE   run the scenario script FILE many times and print a summary
                              (--runs n, default 1000; --turns n; --threads n; --seed n)

        """

    /// Takes `flag` when it is one of these options; `value()` reads its argument.
    mutating func accept(_ flag: String, value: () throws -> String) throws -> Bool {
        switch flag {
        case "--montecarlo": script = try value()
        case "--runs", "--turns", "--threads":
            let v = try value()
            guard let n = Int64(v), n >= 1 else { throw Options.UsageError(message: "'\(flag)' needs a positive integer, got '\(v)'") }
            if flag == "--runs" { runs = n } else if flag == "--turns" { turns = n } else { threads = n }
        default: return false
        }
        return true
    }
}
