import WargameKit

/// `--montecarlo FILE`, `--sweep FILE`, `--merge FILE...` and the options that go with them.
struct MonteCarloOptions: Equatable {
    var script: String?    // --montecarlo FILE: many runs of a scenario script
    var sweep: String?     // --sweep FILE: runs over a design of parameter values
    var merge: String?     // --merge FILE...: shards' per-run files into one summary
    var runs: Int64?       // --runs n
    var turns: Int64?      // --turns n
    var threads: Int64?    // --threads n
    var out: String?       // --out FILE (.csv or .jsonl)
    var shard: String?     // --shard K/N
    var params: [String] = []  // --param name=v1,v2,... (repeated)
    var design: String?    // --design grid|lhs|FILE.csv
    var samples: Int64?    // --samples n

    /// Lines of `--help`, each ending in a newline.
    static let usage = """
          --montecarlo FILE [k=v ...]  run the scenario script FILE many times and print a
                              summary (--runs n, default 1000; --turns n; --threads n;
                              --seed n); k=v pairs are the script's arguments
          --sweep FILE [k=v ...]  run FILE over a design: --param name=v1,v2,... (repeat),
                              --design grid|lhs|FILE.csv, --samples n (lhs), --runs n per row
          --out FILE          with either: one row per run, .csv or .jsonl (docs/montecarlo.md)
          --shard K/N         with either: only the K-th of N shares of the runs
          --merge FILE...     merge the --out files of shards and print the summary (--out
                              FILE writes the merged rows)

        """

    /// Takes `flag` when it is one of these options; `value()` reads its argument.
    mutating func accept(_ flag: String, value: () throws -> String) throws -> Bool {
        switch flag {
        case "--montecarlo": script = try value()
        case "--sweep": sweep = try value()
        case "--merge": merge = try value()
        case "--out": out = try value()
        case "--design": design = try value()
        case "--param":
            let v = try value()
            guard let eq = v.firstIndex(of: "="), eq != v.startIndex, v.index(after: eq) != v.endIndex else {
                throw Options.UsageError(message: "'--param' needs name=v1,v2,..., got '\(v)'")
            }
            params.append(v)
        case "--shard":
            let v = try value()
            guard Shard(parsing: v) != nil else { throw Options.UsageError(message: "'--shard' needs K/N with 1 <= K <= N, got '\(v)'") }
            shard = v
        case "--runs", "--turns", "--threads", "--samples":
            let v = try value()
            guard let n = Int64(v), n >= 1 else { throw Options.UsageError(message: "'\(flag)' needs a positive integer, got '\(v)'") }
            switch flag {
            case "--runs": runs = n
            case "--turns": turns = n
            case "--threads": threads = n
            default: samples = n
            }
        default: return false
        }
        return true
    }
}
