import CLua
import Foundation

/// The Lua side of a turn: policies and `on` hooks are Lua functions called with
/// `lua_pcall` on the state the step was called with, so a failing one is an ordinary
/// thrown error for the engine; and `math.random` is reseeded from the scenario.
enum StepRunner {
    /// Policies of the scenario at `index` as engine closures, keyed by side index.
    static func hooks(_ L: OpaquePointer, scenario index: Int32, _ scenario: Scenario) throws -> StepHooks {
        let index = lua_absindex(L, index)
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard ScenarioHandle.pushFunctions(L, scenario: index, group: "policies") else { return withReseed(L) }
        return hooks(L, table: lua_gettop(L), scenario) { L in
            _ = ScenarioHandle.pushFunctions(L, scenario: index, group: "policies")
        }
    }

    /// Policies kept in the table at `index` (a Monte Carlo run's own copy, which stays on
    /// the stack while the run steps) as engine closures, keyed by side index. The strings
    /// every view of the run repeats (side, leader, rung names) and the policies' keys are
    /// made once and left on the stack above it, for the run: pushed anew each turn, they
    /// were a tenth of a view (issue 14's profile). The caller clears the stack after the run.
    static func hooks(_ L: OpaquePointer, policies index: Int32, _ scenario: Scenario) -> StepHooks {
        let index = lua_absindex(L, index)
        let stack = LuaStack(L)
        // Three strings for each policy, and a side has at most two keys (its name, its leader).
        guard lua_checkstack(L, Int32(clamping: scenario.ladder.rungs.count + 6 * scenario.sides.count + 4)) != 0 else {
            return hooks(L, table: index, scenario) { L in lua_pushvalue(L, index) }
        }
        let rungNames = lua_gettop(L) + 1
        for rung in scenario.ladder.rungs { stack.pushString(rung.name) }
        return hooks(L, table: index, scenario, strings: { key, i in
            stack.pushString(key); stack.pushString(scenario.sides[i].name); stack.pushString(scenario.sides[i].leader)
            let top = lua_gettop(L)
            return ViewStrings(key: top - 2, side: top - 1, leader: top, rungNames: rungNames, rungCount: scenario.ladder.rungs.count)
        }) { L in lua_pushvalue(L, index) }
    }

    /// The closures for the policies listed in the table at `table`; each call finds its
    /// function again in the table that `push` pushes. `strings` makes the stack slots of a
    /// policy's strings where the caller keeps them (a Monte Carlo run), nil elsewhere.
    private static func hooks(_ L: OpaquePointer, table: Int32, _ scenario: Scenario,
                              strings: (_ key: String, _ side: Int) -> ViewStrings? = { _, _ in nil },
                              push: @escaping (OpaquePointer) -> Void) -> StepHooks {
        var hooks = withReseed(L)
        var found: [(key: String, side: Int)] = []
        lua_pushnil(L)
        while lua_next(L, table) != 0 {
            if let key = LuaStack(L).string(at: -2), let i = scenario.sideIndex(key) { found.append((key, i)) }
            lua_settop(L, -2)
        }
        for (key, i) in found {
            let kept = strings(key, i)
            hooks.policies[i] = { view in try callPolicy(L, key: key, view: view, strings: kept, push: push) }
        }
        return hooks
    }

    private static func withReseed(_ L: OpaquePointer) -> StepHooks {
        var hooks = StepHooks()
        hooks.reseedScripts = { seed in try reseedMath(L, seed) }
        return hooks
    }

    static func callPolicy(_ L: OpaquePointer, key: String, view: SideView, strings: ViewStrings? = nil,
                           push: (OpaquePointer) -> Void) throws -> Move? {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        push(L)
        if let strings { lua_pushvalue(L, strings.key) } else { LuaStack(L).pushString(key) }
        guard lua_type(L, -2) == LUA_TTABLE, lua_rawget(L, -2) == LUA_TFUNCTION else { return .hold }
        LuaTables.push(view, L, strings: strings)
        do {
            try LuaState.protectedCall(L, nargs: 1, nresults: 1)
        } catch {
            throw LuaCallError(error.message, addsPosition: false)  // the engine adds side and turn
        }
        // The usual answers, nil or a word, are read in place; anything else is copied into
        // Swift (with its limits) to be checked. Copying every answer was a tenth of the
        // policy call (issue 14's profile).
        switch lua_type(L, -1) {
        case LUA_TNIL: return nil
        case LUA_TSTRING:
            var len = 0
            if let p = lua_tolstring(L, -1, &len) {
                if equals(p, len, "escalate") { return .escalate }
                if equals(p, len, "hold") { return .hold }
                if equals(p, len, "deescalate") { return .deescalate }
            }
        default: break
        }
        let result: LuaValue
        do {
            result = try LuaStack(L).boundedValue(at: -1, depth: 2)
        } catch {
            throw LuaCallError("returned a \(error.message)", addsPosition: false)
        }
        switch result {
        case .nil: return nil  // the built-in doctrine decides this turn
        case .string("escalate"): return .escalate
        case .string("hold"): return .hold
        case .string("deescalate"): return .deescalate
        case .table(let t):
            if let r = t[.string("rung")], let d = r.asDouble, d.isFinite, d == d.rounded(), abs(d) < 1e9 { return .rung(Int(d)) }
            fallthrough
        default:
            throw LuaCallError("returned '\(result)': expected \"escalate\", \"hold\", \"deescalate\", {rung=n} or nil (the doctrine decides)", addsPosition: false)
        }
    }

    private static func equals(_ p: UnsafePointer<CChar>, _ len: Int, _ word: StaticString) -> Bool {
        len == word.utf8CodeUnitCount && memcmp(p, word.utf8Start, len) == 0
    }

    /// `math.randomseed(seed)` with the library's own function, kept when the state was made,
    /// so a script that replaced `math` or `math.randomseed` does not change what is seeded.
    static func reseedMath(_ L: OpaquePointer, _ seed: Int64) throws {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let status = wg_reseed(L, seed)
        guard status == WG_LUA_OK else { throw LuaState.failure(L, status: status) }
    }

    /// Runs the `on` hooks for a turn: "turn" with the report, then one call per event
    /// of each kind that has hooks, with the event; "end" with the report when it ended.
    static func runHooks(_ L: OpaquePointer, scenario index: Int32, report: TurnReport) throws {
        let index = lua_absindex(L, index)
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard ScenarioHandle.pushFunctions(L, scenario: index, group: "hooks") else { return }
        try runHooks(L, hooks: lua_gettop(L), report: report)
    }

    /// ``runHooks(_:scenario:report:)`` with the hook table at `hooksIndex`.
    static func runHooks(_ L: OpaquePointer, hooks hooksIndex: Int32, report: TurnReport) throws {
        let hooksIndex = lua_absindex(L, hooksIndex)
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        func call(_ event: String, _ push: () -> Void) throws {
            LuaStack(L).pushString(event)
            guard lua_rawget(L, hooksIndex) == LUA_TTABLE else { lua_settop(L, -2); return }
            let list = lua_gettop(L)
            let n = Int(lua_rawlen(L, list))
            if n > 0 {
                for i in 1...n {
                    guard lua_rawgeti(L, list, Int64(i)) == LUA_TFUNCTION else { lua_settop(L, -2); continue }
                    push()
                    do {
                        try LuaState.protectedCall(L, nargs: 1, nresults: 0)
                    } catch .runtime(let message, _) {
                        // The turn it failed on, as a policy's failure says it (the engine adds it there).
                        throw LuaCallError("'\(event)' hook failed at turn \(report.turn): \(message)")
                    }
                }
            }
            lua_settop(L, list - 1)
        }
        try call("turn") { LuaTables.push(report, L) }
        for e in report.events where e.kind != .turn && e.kind != .end {
            try call(e.kind.rawValue) { LuaTables.push(e, L) }
        }
        if report.ending != nil { try call("end") { LuaTables.push(report, L) } }
    }
}
