import CLua
import Foundation
import WargameKit

/// wargame-repl's command line, following lua(1): options, `arg`, script, `-e`, `-i`,
/// `-` and stdin, and `wargame-repl: message` with a traceback and status 1 on error.
enum CommandLineTool {
    static let progname = "wargame-repl"

    static func main(_ argv: [String]) -> Int32 {
        let options: Options
        do {
            options = try Options.parse(argv)
        } catch let e as Options.UsageError {
            report(e.message)
            FileHandle.standardError.write(Data((Options.usage + "\n").utf8))
            return 1
        } catch {
            report("\(error)")
            return 1
        }
        if options.help {
            print(Options.usage)
            return 0
        }
        if options.apiMarkdown {
            print(APIReference.markdown(), terminator: "")
            return 0
        }
        if options.typings {
            print(APIReference.typings(), terminator: "")
            return 0
        }
        // Modes that run on their own terms (checking scripts, an exercise): exit status or nil.
        if let status = runAuthoringMode(options) { return status }
        if let status = runExerciseMode(options) { return status }
        let state: LuaState
        do {
            // --sandbox: the allow-list, text chunks only, no file access from wg, and the
            // per-chunk time, instruction and memory limits (Sandbox.swift).
            state = options.sandbox ? try Sandbox.makeState() : try LuaState()
            // --time-limit and --memory-limit set (or, with --sandbox, replace) the limits.
            if let seconds = options.timeLimit { state.limits.seconds = seconds }
            if let mib = options.memoryLimit { state.memoryLimit = max(mib << 20, state.memoryUsed + (1 << 20)) }
        } catch {
            report("cannot create state: \(error.message)")
            return 1
        }
        if !options.sandbox { WargameModule.install(in: state) }
        Interrupts.install()
        MonteCarloProgressBar.install(in: state)
        return run(options, argv: argv, state: state) ? 0 : 1
    }

    /// lua.c's pmain: everything after the state exists. False when an error ended the run.
    static func run(_ o: Options, argv: [String], state: LuaState) -> Bool {
        let env = ProcessInfo.processInfo.environment
        createArgTable(argv, scriptIndex: o.script == nil ? 0 : o.scriptIndex, state: state)
        if o.warnings { lua_warning(state.L, "@on", 0) }
        if let seed = o.seed, !applySeed(seed, state) { return false }
        if !o.ignoreEnvironment, !runInit(env, state) { return false }
        for action in o.actions {
            switch action {
            case .execute(let code):
                guard attempt(state, { try state.run(code, name: "=(command line)") }) else { return false }
            case .require(let name):
                let code = "\(name) = require(...)"
                guard attempt(state, {
                    try state.load(code, name: "=(command line)")
                    state.push(.string(name))
                    try state.pcall(nargs: 1, nresults: 0)
                }) else { return false }
            }
        }
        if o.version { print("wargame \(Wargame.version) (\(String(cString: WG_LUA_RELEASE)))") }
        if let file = o.monteCarlo.script { return runMonteCarlo(file, o, state: state) }
        if let file = o.monteCarlo.sweep { return runSweep(file, o, state: state) }
        if let file = o.monteCarlo.merge { return runMerge(file, o) }
        if let script = o.script {
            guard runScript(script, args: o.scriptArgs, state: state) else { return false }
        }
        let stdinIsTTY = isatty(0) != 0
        if o.interactive {
            var repl = REPL(state: state, terminal: stdinIsTTY, environment: env)
            repl.run()
        } else if o.script == nil && !o.version && !o.actions.contains(where: { if case .execute = $0 { true } else { false } }) {
            if stdinIsTTY {
                print("wargame \(Wargame.version) (\(String(cString: WG_LUA_RELEASE))) — Lua with the wg module; Ctrl-D leaves")
                DefaultScenario.load(into: state, environment: env)
                var repl = REPL(state: state, terminal: true, environment: env)
                repl.run()
            } else {
                return runScript("-", args: [], state: state)
            }
        }
        return true
    }

    /// `--seed n`: `wg.seed = n` and `math.randomseed(n)`, before any script runs.
    static func applySeed(_ seed: Int64, _ state: LuaState) -> Bool {
        attempt(state) {
            try state.load("local n = ...; wg.seed = n; math.randomseed(n)", name: "=(--seed)")
            state.push(.integer(seed))
            try state.pcall(nargs: 1, nresults: 0)
        }
    }

    /// `arg[0]` is the script; options before it get negative indices, as in lua.c.
    static func createArgTable(_ argv: [String], scriptIndex: Int, state: LuaState) {
        var table: [LuaValue: LuaValue] = [:]
        for (i, a) in argv.enumerated() { table[.integer(Int64(i - scriptIndex))] = .string(a) }
        state.push(.table(table))
        state.setGlobal("arg")
    }

    /// LUA_INIT_5_4 or LUA_INIT: `@file` runs a file, anything else is code.
    static func runInit(_ env: [String: String], _ state: LuaState) -> Bool {
        let (name, value): (String, String?) = env["LUA_INIT_5_4"] != nil
            ? ("=LUA_INIT_5_4", env["LUA_INIT_5_4"]) : ("=LUA_INIT", env["LUA_INIT"])
        guard let value else { return true }
        if value.hasPrefix("@") { return attempt(state, { try state.runFile(String(value.dropFirst())) }) }
        return attempt(state, { try state.run(value, name: name) })
    }

    /// Runs `body` with Ctrl-C routed to Lua; reports an error as lua.c does.
    static func attempt(_ state: LuaState, _ body: () throws -> Void) -> Bool {
        do {
            try Interrupts.whileRunning(state, body)
            return true
        } catch let e as LuaError {
            // lua(1)'s message line, then the script line with a caret and the script frames.
            report(ErrorContext.format(e, callback: state.callbackFailure))
            return false
        } catch {
            report("\(error)")
            return false
        }
    }

    /// The script line a one-line error names, with a caret, on standard error (for the
    /// meta-commands, whose errors are one line without a traceback).
    static func reportExcerpt(of message: String) {
        guard let excerpt = ErrorContext.sourceExcerpt(for: message) else { return }
        FileHandle.standardError.write(Data((excerpt + "\n").utf8))
    }

    /// `wargame-repl: message` on standard error, red on a terminal (see ``Style``).
    static func report(_ message: String) {
        let text = "\(progname): \(message)"
        FileHandle.standardError.write(Data((Style.errorColour ? "\u{1b}[31m\(text)\u{1b}[0m\n" : text + "\n").utf8))
    }
}
