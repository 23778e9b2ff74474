import CLua
import Foundation
import WargameKit

/// The read-eval-print loop: lua.c's doREPL on libedit.
struct REPL {
    let state: LuaState
    var reader: any LineReader

    init(state: LuaState, terminal: Bool, environment: [String: String]) {
        self.state = state
        if terminal {
            reader = EditLineReader(historyPath: EditLineReader.defaultHistoryPath(environment: environment),
                                    completer: nil)
        } else {
            reader = PlainReader()
        }
    }

    var prompt: String { "> " }
    var continuationPrompt: String { ">> " }

    mutating func run() {
        while readChunk() {
            evaluate()
        }
        reader.save()
        print()
    }

    /// Reads lines until they compile, leaving the chunk on the stack; a real syntax error
    /// is reported and reading starts over. False at end of input.
    mutating func readChunk() -> Bool {
        var buffer: String?
        while true {
            let (line, interrupted) = reader.readLine(prompt: buffer == nil ? prompt : continuationPrompt)
            if interrupted {
                print("^C")
                buffer = nil
                continue
            }
            guard let line else { return false }
            let source = buffer.map { $0 + "\n" + line } ?? line
            do {
                _ = try state.loadInteractive(source)
                reader.remember(source)
                return true
            } catch .incomplete {
                buffer = source
            } catch {
                reader.remember(source)
                CommandLineTool.report(error.description)
                buffer = nil
            }
        }
    }

    /// Runs the chunk on the stack and prints its results with the global `print`.
    func evaluate() {
        let top = lua_gettop(state.L) - 1
        _ = CommandLineTool.attempt(state) {
            try state.pcall(nargs: 0)
            let n = lua_gettop(state.L) - top
            guard n > 0 else { return }
            lua_getglobal(state.L, "print")
            lua_rotate(state.L, top + 1, 1)
            do {
                try state.pcall(nargs: n, nresults: 0)
            } catch {
                throw LuaCallError("error calling 'print' (\((error as? LuaError)?.message ?? "\(error)"))")
            }
        }
        lua_settop(state.L, top)
    }
}
