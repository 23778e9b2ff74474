import CLua

/// What a scenario userdata holds: the engine's history. Lua functions attached to it
/// (policies, `on` hooks) live in the userdata's user value, so the collector sees them.
final class ScenarioHandle {
    static let metatable = "wargame.scenario"
    var history: ScenarioHistory
    var scenario: Scenario { history.current }

    init(_ history: ScenarioHistory) { self.history = history }

    /// Pushes a new scenario userdata with an empty `{policies={}, hooks={}}` user value,
    /// or a copy of `functions` (the table at that index) for a fork.
    static func push(_ handle: ScenarioHandle, on L: OpaquePointer, copyingFunctionsFrom source: Int32? = nil) {
        let stack = LuaStack(L)
        let source = source.map { lua_absindex(L, $0) }
        stack.pushObject(handle, metatable: metatable)
        lua_createtable(L, 0, 2)
        for key in ["policies", "hooks"] {
            lua_createtable(L, 0, 4)
            if let source, lua_getiuservalue(L, source, 1) == LUA_TTABLE {
                stack.pushString(key)
                if lua_rawget(L, -2) == LUA_TTABLE { copyTable(L, from: -1, to: -3, deep: key == "hooks") }
                lua_settop(L, -3)
            } else if source != nil {
                lua_settop(L, -2)
            }
            lua_setfield(L, -2, key)
        }
        lua_setiuservalue(L, -2, 1)
        lastCreated(on: L, set: -1)
    }

    /// Copies the entries of the table at `from` into the table at `to` (one level deeper
    /// for hook lists, so that a fork's hooks are its own list).
    private static func copyTable(_ L: OpaquePointer, from: Int32, to: Int32, deep: Bool) {
        let from = lua_absindex(L, from), to = lua_absindex(L, to)
        lua_pushnil(L)
        while lua_next(L, from) != 0 {
            lua_pushvalue(L, -2)
            if deep && lua_type(L, -2) == LUA_TTABLE {
                lua_createtable(L, 0, 0)
                copyTable(L, from: -3, to: -1, deep: false)
            } else {
                lua_pushvalue(L, -2)
            }
            lua_rawset(L, to)
            lua_settop(L, -2)
        }
    }

    /// Pushes the function list `group` ("policies"/"hooks") of the scenario at `index`;
    /// always pushes one value, true when it is a table.
    static func pushFunctions(_ L: OpaquePointer, scenario index: Int32, group: String) -> Bool {
        guard lua_getiuservalue(L, index, 1) == LUA_TTABLE else { return false }
        LuaStack(L).pushString(group)
        let t = lua_rawget(L, -2)
        lua_rotate(L, -2, -1)  // drop the user value, keep the group
        lua_settop(L, -2)
        return t == LUA_TTABLE
    }

    /// `wg.last()`: the registry remembers the last scenario created (weakly: a collected
    /// scenario is not kept alive by it).
    static let lastKey = "wargame.last"
    static func lastCreated(on L: OpaquePointer, set index: Int32) {
        let v = lua_absindex(L, index)
        if lua_getfield(L, LUA_REGISTRYINDEX, lastKey) != LUA_TTABLE {
            lua_settop(L, -2)
            lua_createtable(L, 0, 1)
            lua_createtable(L, 0, 1)
            LuaStack(L).pushString("v")
            lua_setfield(L, -2, "__mode")
            lua_setmetatable(L, -2)
            lua_pushvalue(L, -1)
            lua_setfield(L, LUA_REGISTRYINDEX, lastKey)
        }
        lua_pushvalue(L, v)
        lua_rawseti(L, -2, 1)
        lua_settop(L, -2)
    }
}
