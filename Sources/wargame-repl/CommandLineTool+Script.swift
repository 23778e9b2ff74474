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

    /// Runs a script file (or stdin for "-") with `args` as `...`. A scenario script (one
    /// that returns a scenario) run from a file prints where the scenario stands and leaves
    /// it in `s`; a chunk piped on stdin is run as lua(1) runs it.
    static func runScript(_ path: String, args: [String], state: LuaState) -> Bool {
        attempt(state) {
            let L = state.L
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            if state.isSandboxed, path != "-" { try Sandbox.serveLibraries(besides: path, state: state) }
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
