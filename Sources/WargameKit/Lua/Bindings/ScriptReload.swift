import CLua
import Foundation

/// Running a scenario's script again: `:reload` after an edit, and `:load` re-attaching
/// the policies and hooks of the script that built a saved scenario (functions are not
/// saved; the script that made them is recorded, see ``ScriptRecord``).
///
/// Both act on the REPL's current scenario (the global `s`, else `wg.last()`), return a
/// message to print, and throw a one-line error when they cannot act at all.
public enum ScriptReload {
    /// A refusal, in plain words.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `:reload`: runs the script that built the current scenario again and puts the new
    /// scenario in global `name`. When the script builds the same sides, the moves
    /// recorded turn by turn are replayed up to the turn the old scenario had reached
    /// (`on` hooks do not run while replaying); when it does not, the new scenario stays at
    /// turn 0 and the message says why. A script that fails leaves `name` as it was.
    public static func reload(in state: LuaState, global name: String = "s") throws -> String {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let (_, old) = try current(L, name)
        guard let record = old.origin else {
            throw Failure(description: "the current scenario was not built by a script file (it was typed at the prompt, "
                          + "or loaded from a save that names none): nothing to reload")
        }
        let (newIndex, new) = try run(record, state)
        var message = "reloaded \(record.path)"
        let target = old.turn
        if !sameSides(old.scenario, new.scenario) {
            message += ": the sides changed (\(describe(old.scenario)) before, \(describe(new.scenario)) now), "
                + "so the \(target) recorded turn\(target == 1 ? "" : "s") could not be replayed; s is at turn 0"
        } else if target == 0 {
            message += "; s is at turn 0"
        } else {
            let replayed = try replay(old.history, onto: new, at: newIndex, L)
            message += replayed == target
                ? "; replayed \(target) turn\(target == 1 ? "" : "s") of recorded moves; s is at turn \(new.turn) (\(new.rung) \(new.rungName))"
                : "; replayed \(replayed) of \(target) turns: the run now ends at turn \(new.turn) (\(new.ended ?? "?")); s is at turn \(new.turn)"
        }
        lua_pushvalue(L, newIndex)
        state.setGlobal(name)
        return message
    }

    /// After `:load`: re-attaches the policies and hooks of the script the save names, by
    /// running it again and taking its functions when it still builds the same sides.
    /// Returns what happened, in plain words either way.
    public static func reattach(in state: LuaState, global name: String = "s") -> String {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard let found = try? current(L, name) else { return "" }
        let (index, loaded) = found
        let none = "no policies or hooks re-attached"
        let doctrine = "the built-in doctrine decides for every side"
        guard let record = loaded.origin else {
            return "\(none): the save does not name the script that built it; \(doctrine)"
        }
        guard FileManager.default.isReadableFile(atPath: record.path) else {
            return "\(none): \(record.path), the script that built it, cannot be read here; \(doctrine)"
        }
        let new: ScenarioHandle, newIndex: Int32
        do {
            (newIndex, new) = try run(record, state)
        } catch {
            let text = (error as? LuaError)?.message ?? "\(error)"
            return "\(none): running \(record.path) failed (\(text.split(separator: "\n").first ?? "")); \(doctrine)"
        }
        guard sameSides(loaded.scenario, new.scenario) else {
            return "\(none): \(record.path) now builds other sides (\(describe(new.scenario)), the save has \(describe(loaded.scenario))); \(doctrine)"
        }
        let policies = count(L, newIndex, "policies"), hooks = count(L, newIndex, "hooks")
        _ = lua_getiuservalue(L, newIndex, 1)
        _ = lua_setiuservalue(L, index, 1)
        ScenarioHandle.lastCreated(on: L, set: index)  // the loaded one, not the rerun's
        return "re-attached \(policies) polic\(policies == 1 ? "y" : "ies") and \(hooks) hook\(hooks == 1 ? "" : "s") from \(record.path)"
            + (record.args.isEmpty ? "" : " " + record.args.joined(separator: " "))
    }

    /// The scenario in global `name`, else `wg.last()`, pushed; its handle.
    static func current(_ L: OpaquePointer, _ name: String) throws -> (Int32, ScenarioHandle) {
        lua_pushglobaltable(L)
        LuaStack(L).pushString(name)
        lua_rawget(L, -2)
        lua_rotate(L, -2, -1)
        lua_settop(L, -2)
        if lua_type(L, -1) == LUA_TNIL {
            lua_settop(L, -2)
            if wg_rawgetfield(L, LUA_REGISTRYINDEX, ScenarioHandle.lastKey) == LUA_TTABLE {
                lua_rawgeti(L, -1, 1)
                lua_rotate(L, -2, -1)
                lua_settop(L, -2)
            }
        }
        guard let h = LuaStack(L).object(at: -1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
            throw Failure(description: "no scenario: set s, or create one with wg.scenario{...}")
        }
        return (lua_gettop(L), h)
    }

    /// Runs the script with its recorded arguments; pushes what it returned, which must be
    /// a scenario.
    static func run(_ record: ScriptRecord, _ state: LuaState) throws -> (Int32, ScenarioHandle) {
        let L = state.L
        try state.loadFile(record.path, mode: state.isSandboxed ? Sandbox.loadMode : "bt")
        for a in record.args { state.push(.string(a)) }
        try state.pcall(nargs: Int32(record.args.count), nresults: 1)
        guard let h = LuaStack(L).object(at: -1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
            throw Failure(description: "\(record.path) returned a \(LuaStack(L).typeName(at: -1)), not a scenario (a scenario script ends with: return s)")
        }
        return (lua_gettop(L), h)
    }

    static func sameSides(_ a: Scenario, _ b: Scenario) -> Bool {
        a.sides.map(\.name) == b.sides.map(\.name) && a.sides.map(\.members) == b.sides.map(\.members)
    }

    static func describe(_ s: Scenario) -> String {
        s.sides.isEmpty ? "no sides" : s.sides.map { "\($0.name): \($0.members.joined(separator: " "))" }.joined(separator: "; ")
    }

    /// Steps `new` through the moves `old` recorded, turn by turn, from the seed `old`
    /// started with; returns the turns replayed (fewer when the run now ends sooner).
    static func replay(_ old: ScenarioHistory, onto new: ScenarioHandle, at index: Int32, _ L: OpaquePointer) throws -> Int {
        let timeline = old.timeline
        var moves: [Int: [SideMove]] = [:]
        for s in timeline { if let r = s.lastReport { moves[r.turn] = r.moves } }
        if let seed = timeline.first?.seed, seed != new.scenario.seed {
            try new.update { try $0.configure { $0.reseed(seed) } }
        }
        var replayed = 0
        for turn in 1...max(old.current.turn, 1) where turn <= old.current.turn {
            guard new.scenario.ending == nil, let recorded = moves[turn] else { break }
            var hooks = try StepRunner.hooks(L, scenario: index, new.scenario)
            hooks.policies = [:]
            for m in recorded {
                guard let i = new.scenario.sideIndex(m.side) else { continue }
                let move = m.move
                hooks.policies[i] = { _ in move }
            }
            _ = try new.stepOneTurn(hooks)
            replayed += 1
        }
        new.syncFields(L, object: index)
        return replayed
    }

    /// How many functions the scenario at `index` holds in `group`.
    static func count(_ L: OpaquePointer, _ index: Int32, _ group: String) -> Int {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard ScenarioHandle.pushFunctions(L, scenario: index, group: group) else { return 0 }
        var n = 0
        lua_pushnil(L)
        while lua_next(L, -2) != 0 {
            n += lua_type(L, -1) == LUA_TTABLE ? Int(lua_rawlen(L, -1)) : 1
            lua_settop(L, -2)
        }
        return n
    }
}
