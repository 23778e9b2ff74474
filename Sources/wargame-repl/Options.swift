/// The command line of lua(1), plus wargame's own options.
struct Options: Equatable {
    enum Action: Equatable {
        case execute(String)   // -e stat
        case require(String)   // -l name
    }
    var actions: [Action] = []
    var interactive = false     // -i
    var version = false         // -v
    var ignoreEnvironment = false  // -E
    var warnings = false        // -W
    var help = false            // --help
    var sandbox = false         // --sandbox
    var seed: Int64?            // --seed n
    var timeLimit: Double?      // --time-limit s: wall clock per chunk
    var memoryLimit: Int?       // --memory-limit MiB: the state's allocations
    /// Options by topic, each parsed by its own type (in its own file).
    var monteCarlo = MonteCarloOptions()
    var authoring = AuthoringOptions()
    var exercise = ExerciseOptions()
    var apiMarkdown = false     // --api-markdown (hidden): print docs/lua-api.md
    var typings = false         // --typings (hidden): print types/wargame.lua
    /// The script, "-" for stdin, nil for none.
    var script: String?
    /// Index in argv of the script (or of the end of options), for the `arg` table.
    var scriptIndex: Int
    var scriptArgs: [String] = []

    static let usage = coreUsage + MonteCarloOptions.usage + AuthoringOptions.usage + ExerciseOptions.usage + usageEnd

    static let coreUsage = """
        usage: wargame-repl [options] [script [args]]
        Available options are:
          -e stat    execute string 'stat'
          -i         enter interactive mode after executing 'script'
          -l name    require library 'name' into global 'name'
          -v         show version information
          -E         ignore environment variables
          -W         turn warnings on
          --seed n   seed the scenario generator and math.random with n
          --sandbox  run untrusted code: no files, processes or C modules; each chunk
                     runs at most 1 s, the state holds at most 64 MiB (options below)
          --time-limit s      seconds a chunk may run (sandbox default 1)
          --memory-limit MiB  memory the Lua state may hold (sandbox default 64)

        """

    static let usageEnd = """
          --help     show this help
          --         stop handling options
          -          stop handling options and execute stdin
        With no script and a terminal, the default scenario is loaded into 's'.
        """

    struct UsageError: Error { let message: String }

    /// Parses argv (argv[0] included) the way lua.c's collectargs does.
    static func parse(_ argv: [String]) throws -> Options {
        var o = Options(scriptIndex: argv.count)
        var i = 1
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < argv.count, !argv[i].hasPrefix("-") || argv[i] == "-" || Int64(argv[i]) != nil else {
                throw UsageError(message: "'\(flag)' needs argument")
            }
            return argv[i]
        }
        while i < argv.count {
            let a = argv[i]
            if !a.hasPrefix("-") { o.script = a; o.scriptIndex = i; break }
            switch a {
            case "-": o.script = "-"; o.scriptIndex = i; o.scriptArgs = Array(argv[(i + 1)...]); return o
            case "--": i += 1; o.scriptIndex = i; if i < argv.count { o.script = argv[i] }; break
            case "-i": o.interactive = true; o.version = true
            case "-v": o.version = true
            case "-E": o.ignoreEnvironment = true
            case "-W": o.warnings = true
            case "--help", "-h": o.help = true
            case "--sandbox": o.sandbox = true
            case "--api-markdown": o.apiMarkdown = true
            case "--typings": o.typings = true
            case "--seed":
                let v = try value(a)
                guard let n = Int64(v) else { throw UsageError(message: "'--seed' needs an integer, got '\(v)'") }
                o.seed = n
            case "--time-limit":
                let v = try value(a)
                guard let x = Double(v), x.isFinite, x > 0, x <= 86_400 else {
                    throw UsageError(message: "'--time-limit' needs seconds in (0, 86400], got '\(v)'")
                }
                o.timeLimit = x
            case "--memory-limit":
                let v = try value(a)
                guard let x = Int(v), x >= 1, x <= 1 << 20 else {
                    throw UsageError(message: "'--memory-limit' needs MiB in 1...1048576, got '\(v)'")
                }
                o.memoryLimit = x
            case "-e": o.actions.append(.execute(try value(a)))
            case "-l": o.actions.append(.require(try value(a)))
            default:
                if a.hasPrefix("-e") && a.count > 2 { o.actions.append(.execute(String(a.dropFirst(2)))) }
                else if a.hasPrefix("-l") && a.count > 2 { o.actions.append(.require(String(a.dropFirst(2)))) }
                else if try o.monteCarlo.accept(a, value: { try value(a) }) {}
                else if try o.authoring.accept(a, value: { try value(a) }) {}
                else if try o.exercise.accept(a, value: { try value(a) }) {}
                else { throw UsageError(message: "unrecognized option '\(a)'") }
            }
            if a == "--" { break }
            i += 1
        }
        if o.script != nil, o.scriptIndex + 1 <= argv.count { o.scriptArgs = Array(argv[(o.scriptIndex + 1)...]) }
        return o
    }
}
