import CLua

/// What a scenario userdata holds: the engine's history. Lua functions attached to it
/// (policies, `on` hooks) live in the userdata's user value, so the collector sees them.
final class ScenarioHandle {
    static let metatable = "wargame.scenario"
    static let tag = LuaStack.tag(for: metatable)
    /// Change it only through ``update(_:)``, which keeps the accessor cache right.
    private(set) var history: ScenarioHistory
    /// The current state (a read through the history's stored property, not a copy).
    var scenario: Scenario {
        _read { yield history.current }
    }

    /// What the hot accessors (`s.turn`, `s.rung`, `s:rung_name()`) return, kept beside
    /// the history so that reading them copies no scenario (measured: a copy per call made
    /// an accessor 20× a Lua call; see `make bench`).
    private(set) var turn = 0
    private(set) var rung = 0
    private(set) var rungName = ""
    private(set) var ended: String?
    /// What the instance's field table last showed (see `syncFields`).
    private var shown: (turn: Int, rung: Int, ended: String?)?

    /// The script that built the scenario, when one did (see ``ScriptRecord``): found on
    /// the Lua stack when the scenario is created, read from a save when it is loaded,
    /// copied by a fork. nil for a scenario typed at the prompt.
    var origin: ScriptRecord?
    /// Set when ``origin`` came from elsewhere (a save): creation does not look for it.
    var originKnown = false

    init(_ history: ScenarioHistory, origin: ScriptRecord? = nil, originKnown: Bool = false) {
        self.history = history
        self.origin = origin
        self.originKnown = originKnown
        refresh()
    }

    /// True while the engine steps this scenario (policies are running): a policy may read
    /// the scenario but not change it.
    private(set) var stepping = false

    /// Every change to the history goes through here. The body works on a copy, so no
    /// access to `history` is held while Lua code runs inside it.
    func update<T>(_ body: (inout ScenarioHistory) throws -> T) throws -> T {
        guard !stepping else {
            throw LuaCallError("the scenario cannot be changed while it steps (from a policy)")
        }
        var copy = history
        let result = try body(&copy)
        replace(copy)
        return result
    }

    /// Advances one turn on a copy, with `stepping` set so that policies cannot change
    /// the scenario under the engine; the result replaces the history only on success.
    func stepOneTurn(_ hooks: StepHooks) throws -> TurnReport? {
        guard !stepping else { throw LuaCallError("the scenario cannot step while it steps (from a policy)") }
        var copy = history
        stepping = true
        defer { stepping = false }
        let report = try copy.step(1, hooks: hooks)
        replace(copy)
        return report
    }

    /// Puts back a history (a rollback) and refreshes the accessors.
    func replace(_ new: ScenarioHistory) {
        history = new
        refresh()
    }

    private func refresh() {
        turn = history.current.turn
        rung = history.current.rung
        rungName = history.current.rungName
        ended = history.current.ending?.reason.rawValue
    }

    /// Copies the read-only fields into the object's own field table, when they changed.
    /// `s.turn` is then a plain table read in the VM: no C call at all.
    func syncFields(_ L: OpaquePointer, object index: Int32) {
        if let shown, shown.turn == turn, shown.rung == rung, shown.ended == ended, !history.current.name.isEmpty { return }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_getmetatable(L, index) != 0, wg_rawgetfield(L, -1, "__index") == LUA_TTABLE else { return }
        let stack = LuaStack(L)
        for (key, value) in [("turn", LuaValue.integer(Int64(turn))), ("rung", .integer(Int64(rung))),
                             ("name", .string(history.current.name)), ("__rung_name", .string(rungName)),
                             ("ended", ended.map { .string($0) } ?? .nil)] {
            stack.pushString(key)
            stack.push(value)
            lua_rawset(L, -3)
        }
        shown = (turn, rung, ended)
    }

    /// Pushes a new scenario userdata with an empty `{policies={}, hooks={}}` user value,
    /// or a copy of `functions` (the table at that index) for a fork.
    static func push(_ handle: ScenarioHandle, on L: OpaquePointer, copyingFunctionsFrom source: Int32? = nil) {
        let stack = LuaStack(L)
        let source = source.map { lua_absindex(L, $0) }
        if !handle.originKnown {
            if let source, let parent = stack.object(at: source, tag: tag, as: ScenarioHandle.self) {
                handle.origin = parent.origin
            } else {
                handle.origin = scriptOnStack(L)
            }
            handle.originKnown = true
        }
        stack.pushObject(handle, metatable: metatable)
        giveOwnMetatable(L)
        handle.syncFields(L, object: lua_gettop(L))
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
            wg_rawsetfield(L, -2, key)
        }
        lua_setiuservalue(L, -2, 1)
        lastCreated(on: L, set: -1)
    }

    /// The innermost script file running on `L`'s stack (the main chunk of a `@file`
    /// source) and its string arguments: the script that is creating a scenario now.
    /// Reads the stack with `lua_getstack`/`lua_getinfo`/`lua_getlocal`, which raise no error.
    static func scriptOnStack(_ L: OpaquePointer) -> ScriptRecord? {
        var ar = lua_Debug()
        var level: Int32 = 0
        while lua_getstack(L, level, &ar) != 0 {
            level += 1
            guard lua_getinfo(L, "S", &ar) != 0, let what = ar.what, String(cString: what) == "main",
                  let source = ar.source, source.pointee == UInt8(ascii: "@") else { continue }
            let path = String(cString: source + 1)
            var args: [String] = []
            var n: Int32 = -1
            // Varargs of the main chunk are locals -1, -2, ... (Lua 5.4's lua_getlocal).
            while args.count < 100, lua_getlocal(L, &ar, n) != nil {
                args += argumentStrings(L, -1)
                lua_settop(L, -2)
                n -= 1
            }
            return ScriptRecord(path: path, args: args)
        }
        return nil
    }

    /// A script argument as `:reload` passes it again: a string or number as it is, a flat
    /// table of options as `key=value` strings (sorted, so that two runs record the same).
    private static func argumentStrings(_ L: OpaquePointer, _ index: Int32) -> [String] {
        let stack = LuaStack(L)
        switch lua_type(L, index) {
        case LUA_TSTRING:
            guard lua_rawlen(L, index) <= 4096 else { return [] }
            return [stack.string(at: index) ?? ""]
        case LUA_TNUMBER:
            return ["\(stack.value(at: index))"]
        case LUA_TTABLE:
            guard case .table(let t) = (try? stack.boundedValue(at: index, depth: 1)) ?? .nil else { return [] }
            return t.compactMap { k, v -> String? in
                guard let key = k.asString else { return nil }
                switch v {
                case .string(let s): return "\(key)=\(s)"
                case .boolean(let b): return "\(key)=\(b)"
                case .integer, .number: return "\(key)=\(v)"
                default: return nil
                }
            }.sorted()
        default:
            return []
        }
    }

    /// Replaces the shared metatable of the object on top with its own copy whose
    /// `__index` is the object's own table: the methods (shared function values) and the
    /// read-only fields. Method and field lookups are then table reads in the VM, which is
    /// what keeps an engine accessor within 1.5× of a Lua call. `__metatable` hides it
    /// from scripts, so the fields cannot be written from Lua.
    private static func giveOwnMetatable(_ L: OpaquePointer) {
        let object = lua_gettop(L)
        guard lua_getmetatable(L, object) != 0 else { return }
        let shared = lua_gettop(L)
        lua_createtable(L, 0, 8)
        let own = lua_gettop(L)
        copyTable(L, from: shared, to: own, deep: false)
        lua_createtable(L, 0, 32)
        if wg_rawgetfield(L, shared, "__methods") == LUA_TTABLE { copyTable(L, from: -1, to: -2, deep: false) }
        lua_settop(L, -2)
        wg_rawsetfield(L, own, "__index")
        lua_pushnil(L)
        wg_rawsetfield(L, own, "__methods")
        lua_pushvalue(L, own)
        lua_setmetatable(L, object)
        lua_settop(L, object)
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

    /// Pushes a copy of the function list `group` of the scenario at `index`, as a fork
    /// takes it (hook lists copied one level deeper); an empty table when it has none.
    static func pushFunctionsCopy(_ L: OpaquePointer, scenario index: Int32, group: String) {
        let index = lua_absindex(L, index)
        lua_createtable(L, 0, 4)
        if pushFunctions(L, scenario: index, group: group) { copyTable(L, from: -1, to: -2, deep: group == "hooks") }
        lua_settop(L, -2)
    }

    /// `wg.last()`: the registry holds the last scenario created, strongly, so that the
    /// REPL's meta-commands still find it when the script kept no reference (a weak one
    /// was collected between two commands).
    static let lastKey = "wargame.last"
    static func lastCreated(on L: OpaquePointer, set index: Int32) {
        let v = lua_absindex(L, index)
        if wg_rawgetfield(L, LUA_REGISTRYINDEX, lastKey) != LUA_TTABLE {
            lua_settop(L, -2)
            lua_createtable(L, 1, 0)
            lua_pushvalue(L, -1)
            wg_rawsetfield(L, LUA_REGISTRYINDEX, lastKey)
        }
        lua_pushvalue(L, v)
        lua_rawseti(L, -2, 1)
        lua_settop(L, -2)
    }
}
