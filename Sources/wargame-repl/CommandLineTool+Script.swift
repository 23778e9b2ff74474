import CLua
import Foundation
import WargameKit

// Running a script given on the command line.
extension CommandLineTool {
    /// Shows a scenario a script returned: its status, and the scenario as the global `s`
    /// (so `-i` starts the prompt on it, as the default scenario does). Any other result is
    /// ignored, as lua(1) ignores a script's results. Runs as Lua so that it sees exactly
    /// what the meta-commands see (a scenario's metatable reads "scenario").
    static let showReturnedScenario = """
        local s = ...
        if getmetatable(s) ~= "scenario" then return end
        rawset(_ENV, "s", s)
        print(s:status())
        """

    /// Under --sandbox, `require "lib/NAME"` for the scripts of the tree the script is in:
    /// NAME.lua of the `lib` folder beside the script's own folder (Scripts/lib for
    /// Scripts/questions/x.lua), loaded as text by the host before the script runs and run
    /// on first `require`, in the sandbox. The script still reaches no file itself; any
    /// other name goes to the sandbox's own `require` (only "wargame").
    static let sandboxRequire = """
        local loaders = ...
        local original, loaded = require, {}
        require = function(name)
          local m = loaded[name]
          if m ~= nil then return m end
          local f = loaders[name]
          if f == nil then return original(name) end
          m = f(name)
          if m == nil then m = true end
          loaded[name] = m
          return m
        end
        """

    static func serveLibraries(besides path: String, state: LuaState) throws {
        guard state.isSandboxed, path != "-" else { return }
        let lib = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: lib.path) else { return }
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_createtable(L, 0, 8)
        for name in names.sorted() where name.hasSuffix(".lua") {
            try state.loadFile(lib.appendingPathComponent(name).path)  // text only in the sandbox
            wg_rawsetfield(L, top + 1, "lib/" + name.dropLast(4))
        }
        try state.load(sandboxRequire, name: "=(sandbox require)")
        lua_pushvalue(L, top + 1)
        try state.pcall(nargs: 1, nresults: 0)
    }

    /// Runs a script file (or stdin for "-") with `args` as `...`. A scenario script (one
    /// that returns a scenario) run from a file prints where the scenario stands and leaves
    /// it in `s`; a chunk piped on stdin is run as lua(1) runs it.
    static func runScript(_ path: String, args: [String], state: LuaState) -> Bool {
        attempt(state) {
            let L = state.L
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            try serveLibraries(besides: path, state: state)
            try state.loadFile(path == "-" ? nil : path)
            for a in args { state.push(.string(a)) }
            try state.pcall(nargs: Int32(args.count), nresults: 1)
            guard path != "-", lua_type(L, -1) == LUA_TUSERDATA else { return }
            try state.load(showReturnedScenario, name: "=(script result)")
            lua_pushvalue(L, -2)
            try state.pcall(nargs: 1, nresults: 0)
        }
    }
}
