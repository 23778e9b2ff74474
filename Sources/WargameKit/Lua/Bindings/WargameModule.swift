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
        wg_rawsetfield(L, -2, "version")
        // package.loaded.wargame = wg, when the package library is present
        wg_rawgetloaded(L)
        if lua_type(L, -1) == LUA_TTABLE {
            lua_pushvalue(L, -2)
            wg_rawsetfield(L, -2, "wargame")
        }
        lua_settop(L, -2)
        state.setGlobal("wg")
    }
}
