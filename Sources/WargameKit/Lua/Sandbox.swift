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
    /// `load` is replaced by a text-only version (binary chunks refused), `require` by one
    /// that returns `wg` for "wargame" and refuses anything else.
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

    /// Runs once in each sandbox, as its first chunk. `setmetatable` refuses `__gc`;
    /// `find`, `match`, `gmatch` and `gsub` refuse a subject and pattern whose worst-case
    /// backtracking, (length + 1) ^ repetitions, exceeds 1e9 steps (about a second).
    static let guards = """
        local setmetatable, rawget, type, error, tostring = setmetatable, rawget, type, error, tostring
        _G.setmetatable = function(t, mt)
          if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
            error("__gc is not allowed in the sandbox (finalizers run without limits)", 2)
          end
          return setmetatable(t, mt)
        end
        local function repetitions(p)
          local k, i, n = 0, 1, #p
          while i <= n do
            local c = p:byte(i)
            if c == 37 then i = i + 2                              -- %x: an escape
            elseif c == 91 then                                    -- [set]
              i = i + 1
              if p:byte(i) == 94 then i = i + 1 end
              if p:byte(i) == 93 then i = i + 1 end
              while i <= n and p:byte(i) ~= 93 do
                if p:byte(i) == 37 then i = i + 1 end
                i = i + 1
              end
              i = i + 1
            else
              if c == 42 or c == 43 or c == 45 then k = k + 1 end  -- * + -
              i = i + 1
            end
          end
          return k
        end
        local function guard(s, p)
          if type(s) == "string" and type(p) == "string" then
            local k = repetitions(p)
            if k >= 2 and (#s + 1) ^ k > 1e9 then
              error("pattern too costly for the sandbox (" .. k .. " repetitions over "
                    .. #s .. " characters)", 3)
            end
          end
        end
        for _, name in ipairs{ "find", "match", "gmatch", "gsub" } do
          local f = string[name]
          string[name] = function(s, p, ...) guard(s, p) return f(s, p, ...) end
        end
        """

    private static func build(_ state: LuaState, _ L: OpaquePointer) {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE)
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
                _ = wg_rawgetfield(L, source, name)
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
        // Strings index the sandbox's string table, so ("").dump does not exist.
        LuaStack(L).pushString("")
        if lua_getmetatable(L, -1) != 0 {
            LuaStack(L).pushString("__index")
            _ = wg_rawgetfield(L, env, "string")
            lua_rawset(L, -3)
        }
        lua_settop(L, env)
        // The sandbox table becomes the globals every function sees.
        lua_pushvalue(L, env)
        lua_rawseti(L, LUA_REGISTRYINDEX, Int64(LUA_RIDX_GLOBALS))
        // Two holes in the count hook, closed in Lua: finalizers run with hooks off (a
        // __gc loop would never stop), and pattern matching backtracks in C (a pattern
        // like ("a*"):rep(8).."b" on a long string runs for minutes).
        if luaL_loadbufferx(L, guards, guards.utf8.count, "=sandbox", "t") == LUA_OK {
            try? LuaState.protectedCall(L, nargs: 0, nresults: 0)
        }
        lua_settop(L, env)
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
