import CLua
import Foundation
import WargameKit

/// The scenario a terminal session starts with: Scripts/scenarios/default.lua, run as any
/// scenario script (it returns the scenario), set as the global `s`.
enum DefaultScenario {
    static let relativePath = "Scripts/scenarios/default.lua"

    /// `WARGAME_DEFAULT_SCENARIO` (empty: none), else the first Scripts/scenarios/default.lua
    /// found walking up from the executable's directory, then from the current directory.
    static func locate(environment: [String: String]) -> (path: String?, disabled: Bool) {
        if let p = environment["WARGAME_DEFAULT_SCENARIO"] { return (p.isEmpty ? nil : p, p.isEmpty) }
        var starts: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        } else if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(exe.deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent(relativePath).path
                if FileManager.default.isReadableFile(atPath: candidate) { return (candidate, false) }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return (nil, false)
    }

    /// Loads the default scenario into `s` and says what to type first; a one-line notice
    /// when it is missing or fails.
    static func load(into state: LuaState, environment: [String: String]) {
        let (found, disabled) = locate(environment: environment)
        guard !disabled else { return }
        guard let path = found else {
            print("No default scenario (\(relativePath) not found): a plain Lua prompt.")
            return
        }
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        do {
            try Interrupts.whileRunning(state) {
                try state.loadFile(path)
                try state.pcall(nargs: 0, nresults: 1)
            }
        } catch {
            let full = (error as? LuaError)?.message ?? "\(error)"
            let message = full.split(separator: "\n").first.map(String.init) ?? full
            print("Default scenario not loaded (\(message)): a plain Lua prompt.")
            return
        }
        guard lua_type(L, -1) != LUA_TNIL else {
            print("Default scenario not loaded (\(path) returned nothing): a plain Lua prompt.")
            return
        }
        state.setGlobal("s")
        let label = MetaCommands.promptLabel(state) ?? "scenario"
        print("s is the default scenario (\(label)). Type :status to see where things stand, :step to advance a turn.")
        print(":help lists the commands and the wg API, Tab completes, Ctrl-D leaves.")
    }
}
