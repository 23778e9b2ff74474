import CLua

/// Lua states for untrusted scripts (`--sandbox`, classroom exercises).
///
/// What a sandboxed script can reach is one allow-list, below, and nothing else: the state
/// opens the standard libraries, copies the allowed entries into a fresh global table, and
/// makes that table the registry's globals, so even C functions (`load`, `require`) see
/// only it. The `wg` module is installed into it; its functions that read or write files
/// refuse to run (``LuaState/isSandboxed``). Each top-level chunk runs under
/// ``defaultLimits`` and the state's allocations under ``defaultMemory``.
public enum Sandbox {
    /// Library name → the names a sandboxed script gets from it ("_G": base functions).
    /// `load` is replaced by a text-only version (binary chunks refused, 1 MiB at most),
    /// `require` by one that returns `wg` for "wargame" and refuses anything else, `print` by
    /// one that writes at most 1 MiB a call; the costly ones are guarded (``guards``).
    public static let allowList: [String: [String]] = [
        "_G": ["assert", "collectgarbage", "error", "getmetatable", "ipairs", "load", "next", "pairs",
               "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "require", "select",
               "setmetatable", "tonumber", "tostring", "type", "warn", "xpcall", "_VERSION"],
        "string": ["byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
                   "packsize", "rep", "reverse", "sub", "unpack", "upper"],
        "table": ["concat", "insert", "move", "pack", "remove", "sort", "unpack"],
        "math": ["abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge",
                 "log", "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random",
                 "randomseed", "sin", "sqrt", "tan", "tointeger", "type", "ult"],
        "utf8": ["char", "charpattern", "codepoint", "codes", "len", "offset"],
        "coroutine": ["close", "create", "isyieldable", "resume", "running", "status", "wrap", "yield"],
        "os": ["clock", "date", "difftime", "time"],
    ]

    /// Per-chunk limits: a runaway loop stops within a second.
    public static let defaultLimits = LuaState.Limits(instructions: 200_000_000, seconds: 1)
    /// Bytes a sandboxed state may hold.
    public static let defaultMemory = 64 << 20
    /// The mode hosts must load sandboxed chunks with (`LuaState.load`/`loadFile`): text only.
    public static let loadMode = "t"

    /// A new sandboxed state. `memory` nil means no memory limit.
    public static func makeState(limits: LuaState.Limits = defaultLimits,
                                 memory: Int? = defaultMemory) throws(LuaError) -> LuaState {
        let state = try LuaState()
        // Built inside a protected call, so that no Lua API call here can raise through Swift.
        // unowned: the state keeps this function's box, so a strong capture would be a
        // cycle and every sandboxed state would leak (LeakSanitizer showed it).
        state.push(LuaFunction("sandbox") { [unowned state] a in
            build(state, a.L)
            return 0
        })
        try state.pcall(nargs: 0, nresults: 0)
        state.isSandboxed = true
        state.limits = limits
        state.memoryLimit = memory.map { max($0, state.memoryUsed + 1) }
        return state
    }

    /// Loads the file at `path` (text only) into the sandboxed `state` and runs it with
    /// `args` as `...`; returns its results. Errors name `path:line:`.
    @discardableResult
    public static func runFile(_ path: String, in state: LuaState, args: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        let top = lua_gettop(state.L)
        try state.loadFile(path, mode: loadMode)
        for a in args { state.push(a) }
        try state.pcall(nargs: Int32(args.count))
        return state.popResults(above: top)
    }

    /// Loads and runs `source` (text only) in `state`; returns its results.
    @discardableResult
    public static func run(_ source: String, name: String = "=(sandbox)", in state: LuaState) throws(LuaError) -> [LuaValue] {
        let top = lua_gettop(state.L)
        try state.load(source, name: name, mode: loadMode)
        try state.pcall(nargs: 0)
        return state.popResults(above: top)
    }

    /// Library functions that run long in C, out of the count hook's sight, and the guard
    /// each gets (Sources/CLua/sandbox.h): every one checks the limits before it runs, so a
    /// loop of costly calls stops at the deadline; most also bound their arguments. The
    /// pattern functions (find, match, gmatch, gsub) are the sandbox's own matcher
    /// (Sources/CLua/patterns.h), which also checks the limits while it backtracks.
    /// `print` is replaced (bounded output), `load` and `require` too (see ``allowList``).
    static let guards: [String: Int32] = [
        "_G.collectgarbage": WG_GUARD_COLLECT, "_G.setmetatable": WG_GUARD_SETMETATABLE, "_G.warn": WG_GUARD_WARN,
        "_G.tostring": WG_GUARD_CHECK, "_G.tonumber": WG_GUARD_CHECK,
        "string.rep": WG_GUARD_REP, "string.find": WG_GUARD_FIND, "string.match": WG_GUARD_MATCH,
        "string.gmatch": WG_GUARD_GMATCH, "string.gsub": WG_GUARD_GSUB,
        "string.pack": WG_GUARD_FORMAT, "string.packsize": WG_GUARD_FORMAT, "string.unpack": WG_GUARD_FORMAT,
        "string.byte": WG_GUARD_CHECK, "string.char": WG_GUARD_CHECK, "string.format": WG_GUARD_CHECK,
        "string.lower": WG_GUARD_CHECK, "string.upper": WG_GUARD_CHECK, "string.reverse": WG_GUARD_CHECK,
        "string.sub": WG_GUARD_CHECK,
        "table.move": WG_GUARD_MOVE, "table.insert": WG_GUARD_INSERT, "table.remove": WG_GUARD_REMOVE,
        "table.concat": WG_GUARD_CONCAT, "table.sort": WG_GUARD_SORT, "table.pack": WG_GUARD_CHECK,
        "table.unpack": WG_GUARD_CHECK,
        "utf8.char": WG_GUARD_CHECK, "utf8.codepoint": WG_GUARD_CHECK, "utf8.codes": WG_GUARD_CHECK,
        "utf8.len": WG_GUARD_CHECK, "utf8.offset": WG_GUARD_CHECK,
        "os.date": WG_GUARD_FORMAT,
    ]

    private static func build(_ state: LuaState, _ L: OpaquePointer) {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        wg_rawgetloaded(L)
        let loaded = lua_gettop(L)
        lua_createtable(L, 0, 32)
        let env = lua_gettop(L)
        for (library, names) in allowList.sorted(by: { $0.key < $1.key }) {
            guard wg_rawgetfield(L, loaded, library) == LUA_TTABLE else { lua_settop(L, env); continue }
            let source = lua_gettop(L)
            if library == "_G" {
                lua_pushvalue(L, env)
            } else {
                lua_createtable(L, 0, Int32(names.count))
                LuaStack(L).pushString(library)
                lua_pushvalue(L, -2)
                lua_rawset(L, env)
            }
            let target = lua_gettop(L)
            for name in names {
                LuaStack(L).pushString(name)
                if wg_rawgetfield(L, source, name) == LUA_TFUNCTION, let kind = guards["\(library).\(name)"] {
                    lua_pushinteger(L, Int64(kind))
                    lua_pushcclosure(L, wg_sandbox_guard_fn(), 2)
                    // Also where Lua looks up names for messages (a call through pcall
                    // still reads "bad argument #1 to 'collectgarbage'"); scripts cannot
                    // reach the library tables.
                    LuaStack(L).pushString(name)
                    lua_pushvalue(L, -2)
                    lua_rawset(L, source)
                }
                lua_rawset(L, target)
            }
            lua_settop(L, env)
        }
        // _G is the sandbox's own table; load is text-only.
        LuaStack(L).pushString("_G")
        lua_pushvalue(L, env)
        lua_rawset(L, env)
        LuaStack(L).pushString("load")
        _ = wg_rawgetfield(L, env, "load")
        lua_pushcclosure(L, wg_sandbox_load_fn(), 1)
        lua_rawset(L, env)
        LuaStack(L).pushString("print")
        lua_pushcclosure(L, wg_sandbox_print_fn(), 0)
        lua_rawset(L, env)
        // Strings index the sandbox's string table, so ("").dump does not exist. The string
        // metatable is hidden behind a copy (`getmetatable("")` gives {__index = string}): a
        // script that changes the copy changes nothing else.
        LuaStack(L).pushString("")
        if lua_getmetatable(L, -1) != 0 {
            let meta = lua_gettop(L)
            LuaStack(L).pushString("__index")
            _ = wg_rawgetfield(L, env, "string")
            lua_rawset(L, meta)
            LuaStack(L).pushString("__metatable")
            lua_createtable(L, 0, 1)
            LuaStack(L).pushString("__index")
            _ = wg_rawgetfield(L, env, "string")
            lua_rawset(L, -3)
            lua_rawset(L, meta)
        }
        lua_settop(L, env)
        // The sandbox table becomes the globals every function sees.
        lua_pushvalue(L, env)
        lua_rawseti(L, LUA_REGISTRYINDEX, Int64(LUA_RIDX_GLOBALS))
        WargameModule.install(in: state)
        LuaStack(L).pushString("require")
        _ = wg_rawgetfield(L, env, "wg")
        lua_pushcclosure(L, wg_sandbox_require_fn(), 1)
        lua_rawset(L, env)
    }
}

extension LuaArgs {
    /// Refuses a binding that reads or writes files when the state is sandboxed.
    func refuseFileAccessInSandbox() throws {
        if LuaState.owner(of: L)?.isSandboxed == true {
            throw LuaCallError("'\(function.name)' reads or writes files, which the sandbox does not allow")
        }
    }
}
