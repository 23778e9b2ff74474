import CLua

/// The `wg` module: a global table that `require "wargame"` also returns.
public enum WargameModule {
    /// Binding tables that contribute functions to `wg`, in registration order.
    static var libraries: [[LuaFunction]] { [ForceBalanceBindings.functions, ScenarioBindings.functions, MonteCarloBindings.functions] }

    /// Creates `wg`, sets it as a global and as `package.loaded.wargame`.
    public static func install(in state: LuaState) {
        let L = state.L
        LuaTables.installPrintable(in: state)
        ScenarioMethods.installMetatable(in: state)
        state.pushLibrary(libraries.flatMap { $0 })
        state.push(.string(Wargame.version))
        lua_setfield(L, -2, "version")
        // package.loaded.wargame = wg, when the package library is present
        lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE)
        if lua_type(L, -1) == LUA_TTABLE {
            lua_pushvalue(L, -2)
            lua_setfield(L, -2, "wargame")
        }
        lua_settop(L, -2)
        state.setGlobal("wg")
    }
}
