import CEditLine
import CLua
import Foundation
import WargameKit

/// Colour on a terminal only, and never with NO_COLOR (https://no-color.org).
enum Style {
    static let colour: Bool = {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return noColor.isEmpty && isatty(1) != 0
    }()
    static let errorColour: Bool = colour && isatty(2) != 0

    /// Text libedit prints but does not count in the prompt's width: the readline
    /// compatibility layer toggles on RL_PROMPT_START_IGNORE (\1).
    static func promptEscape(_ code: String) -> String { "\u{1}\u{1b}[\(code)m\u{1}" }
}

/// The read-eval-print loop: lua.c's doREPL on libedit, plus `:` meta-commands.
struct REPL {
    let state: LuaState
    var reader: any LineReader

    init(state: LuaState, terminal: Bool, environment: [String: String]) {
        self.state = state
        ValuePrinter.install(in: state)
        if terminal {
            completionState = state.L
            reader = EditLineReader(historyPath: EditLineReader.defaultHistoryPath(environment: environment),
                                    completer: wargameComplete)
        } else {
            reader = PlainReader()
        }
    }

    /// `name t<turn> <rung name>> ` when there is a current scenario, else `> `.
    var prompt: String {
        guard let label = MetaCommands.promptLabel(state) else { return "> " }
        guard Style.colour else { return label + "> " }
        return Style.promptEscape("32") + label + Style.promptEscape("0") + "> "
    }
    var continuationPrompt: String { ">> " }

    enum Chunk { case lua, meta(String), end }

    mutating func run() {
        loop: while true {
            switch readChunk() {
            case .lua: evaluate()
            case .meta(let line):
                if MetaCommands.run(line, state: state) == .quit { break loop }
            case .end:
                print()
                break loop
            }
        }
        reader.save()
    }

    /// Reads lines until they compile, leaving the chunk on the stack; a real syntax error
    /// is reported and reading starts over. A first line starting with `:` is a
    /// meta-command.
    mutating func readChunk() -> Chunk {
        var buffer: String?
        while true {
            let (line, interrupted) = reader.readLine(prompt: buffer == nil ? prompt : continuationPrompt)
            if interrupted {
                print("^C")
                buffer = nil
                continue
            }
            guard let line else { return .end }
            if buffer == nil && MetaCommands.isMetaCommand(line) {
                reader.remember(line)
                return .meta(line)
            }
            // `=expr` prints expr, as lua(1) has done since 5.1.
            let typed = buffer == nil && line.hasPrefix("=") ? "return " + line.dropFirst() : line
            let source = buffer.map { $0 + "\n" + typed } ?? typed
            do {
                _ = try state.loadInteractive(source)
                reader.remember(source)
                return .lua
            } catch .incomplete {
                buffer = source
            } catch {
                reader.remember(source)
                CommandLineTool.report(error.description)
                buffer = nil
            }
        }
    }

    /// Runs the chunk on the stack and prints its results with the global `print`, tables
    /// readably (``ValuePrinter``), a Monte Carlo summary in the session's `:mode`; `_`
    /// then holds the (first) value printed. What is printed goes through the pager.
    func evaluate() {
        let top = lua_gettop(state.L) - 1
        _ = CommandLineTool.attempt(state) {
            try state.pcall(nargs: 0)
            let n = lua_gettop(state.L) - top
            guard n > 0 else { return }
            ValuePrinter.setLast(state, from: top + 1)
            if Settings.mode != .table, n == 1, case let v = state.value(at: top + 1), MonteCarloGrid.isSummary(v) {
                Pager.paging { print(MonteCarloGrid.grid(v).render(Settings.mode)) }
                return
            }
            var failure: (any Error)?
            Pager.paging { do { try printValues(top: top, count: n) } catch { failure = error } }
            if let failure { throw failure }
        }
        lua_settop(state.L, top)
    }

    /// Calls the global `print` with the `count` values above `top`, formatted first.
    func printValues(top: Int32, count n: Int32) throws {
        ValuePrinter.format(state, count: n)
        lua_pushglobaltable(state.L)  // raw: a metamethod on _G must not raise here
        lua_pushstring(state.L, "print")
        lua_rawget(state.L, -2)
        lua_rotate(state.L, -2, -1)
        lua_settop(state.L, -2)
        lua_rotate(state.L, top + 1, 1)
        do {
            try state.pcall(nargs: n, nresults: 0)
        } catch {
            throw LuaCallError("error calling 'print' (\((error as? LuaError)?.message ?? "\(error)"))")
        }
    }
}
