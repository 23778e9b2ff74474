import CLua
import WargameKit

// Meta-commands for files and scripts.
extension MetaCommands {
    /// Saving.
    static let authoringBodies: [String: String] = [
        ":save": """
            local f = arg(..., "usage: :save file")
            need():save(f)
            print("saved to " .. f)
            """,
    ]

    /// Loading (which re-attaches the script's policies and hooks) and reloading.
    static let authoringNative: [String: Native] = [
        ":load": { words, state in
            guard runLua(":load", loadBody, words, state) else { return .proceed }
            print(ScriptReload.reattach(in: state))
            return .proceed
        },
        ":reload": { _, state in
            do {
                let message = try Interrupts.whileRunning(state) { try ScriptReload.reload(in: state) }
                print(message)
            } catch let e as LuaError {
                // The script failed: s is unchanged; its error as a script's error reads.
                CommandLineTool.report(ErrorContext.format(e, callback: state.callbackFailure))
                print("s is unchanged")
            } catch {
                CommandLineTool.report("\(error)")
            }
            return .proceed
        },
    ]

    static let loadBody = """
        local f = arg(..., "usage: :load file")
        claim("s", "load", "set s = nil first")
        local loaded = wg.load(f)
        rawset(_ENV, "s", loaded)
        print(("loaded %s into s"):format(f))
        """

    /// Runs a Lua body as ``run(_:state:)`` does for ``bodies``; false when it failed
    /// (the error is reported).
    static func runLua(_ name: String, _ body: String, _ words: [String], _ state: LuaState) -> Bool {
        let top = lua_gettop(state.L)
        defer { lua_settop(state.L, top) }
        do {
            try Interrupts.whileRunning(state) {
                try state.load(preamble + "\n" + body, name: "=" + name)
                for w in words { state.push(.string(w)) }
                try state.pcall(nargs: Int32(words.count), nresults: 0)
            }
            return true
        } catch let e as LuaError {
            CommandLineTool.report(strip(e.message, chunk: name))
        } catch {
            CommandLineTool.report("\(error)")
        }
        return false
    }
}
