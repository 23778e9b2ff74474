import CLua
import Foundation

// A sandboxed script's own libraries.
extension Sandbox {
    /// Under --sandbox, `require "lib/NAME"` for the scripts of the tree the script is in:
    /// NAME.lua of the `lib` folder beside the script's own folder (Scripts/lib for
    /// Scripts/questions/x.lua), loaded as text by the host before the script runs and run
    /// on first `require`, in the sandbox. The script still reaches no file itself; any
    /// other name goes to the sandbox's own `require` (only "wargame").
    static let libraryRequire = """
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

    /// Serves the `lib` folder beside `path`'s folder to `require "lib/NAME"` (see above);
    /// used when a sandboxed script runs and when `--check` runs one.
    public static func serveLibraries(besides path: String, state: LuaState) throws {
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
        try state.load(libraryRequire, name: "=(sandbox require)")
        lua_pushvalue(L, top + 1)
        try state.pcall(nargs: 1, nresults: 0)
    }
}
