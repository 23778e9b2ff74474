import CLua
import Foundation

/// The scenario API (docs/lua-api.md): `wg.scenario`, `wg.load`, `wg.last`, `wg.ladder` and the
/// methods of a scenario object. Each entry converts its arguments and calls the engine.
enum ScenarioBindings {
    static var functions: [LuaFunction] { [
        LuaFunction("scenario") { a in
            let spec = try a.table(1)
            let caps: Capabilities
            // year: that year's bundled capabilities and nuclear possession (docs/data.md).
            let year = try spec.integer("year", range: -1_000_000...1_000_000).map { Int($0) }
            if wg_rawgetfield(a.L, 1, "capabilities") != LUA_TNIL {
                do {
                    caps = try ForceBalanceBindings.capabilities(a.L, at: lua_gettop(a.L))
                } catch {
                    throw a.error(1, "field 'capabilities': \((error as? LuaCallError)?.message ?? "\(error)")")
                }
                if let year, year != caps.year {
                    throw a.error(1, "field 'year': \(year) differs from the capabilities' year \(caps.year)")
                }
            } else {
                do {
                    caps = try Bundled.capabilities(year: year)
                } catch let e as DataFileError {
                    throw a.error(1, "field 'year': \(e.description)")
                }
            }
            lua_settop(a.L, 1)
            // Warhead counts: FAS 2024 for the latest year (as without `year`); for an earlier
            // year the bundled data holds possession only, so the possessors are listed and
            // each counts `warhead_scale` warheads (Scenario.opposingWarheads).
            let historical = try year.map { $0 < (try Bundled.yearRange().upperBound) } ?? false
            let warheads = historical ? [:] : try Bundled.warheads()
            var scenario = try Scenario(
                name: try spec.name("name") ?? "scenario",
                seed: try spec.integer("seed") ?? defaultSeed(a.L),
                capabilities: caps, warheads: warheads,
                ladder: try ladder(spec["ladder"], a, field: "ladder") ?? .standard,
                rung: Int(try spec.integer("rung", range: 0...10_000) ?? 1),
                turnLimit: Int(try spec.integer("turns", range: 1...Int64(ScenarioLimits.maxTurn)) ?? 40))
            if historical {
                scenario.nuclearStates = try Bundled.nuclearStates(in: caps.year).filter { caps[$0] != nil }.sorted()
            }
            if case .table = spec["doctrine"] { scenario.doctrine = try overrideGroup(spec["doctrine"]) }
            if case .table = spec["theatre"] { scenario.theatre = try overrideGroup(spec["theatre"]) }
            if case .table = spec["sanctions"] {
                scenario.sanctions.parameters = try overrideGroup(spec["sanctions"])
            }
            if case .table(let nuclear) = spec["nuclear"] {
                for (k, v) in nuclear {
                    guard let k = k.asString, k.utf8.count <= InputLimits.name else {
                        throw a.error(1, "field 'nuclear': keys must be state codes of at most \(InputLimits.name) bytes")
                    }
                    guard let n = v.asDouble else { throw a.error(1, "field 'nuclear': \(k) warheads must be a number") }
                    guard n.isFinite, n >= 0, n <= 1e6 else {
                        throw a.error(1, "field 'nuclear': \(k) warheads must be a number in 0..1000000, got \(LuaValue.format(n))")
                    }
                    scenario.warheads[k] = Int(n)
                }
            }
            try scenario.validate()  // what loading checks: a scenario made here saves and loads
            ScenarioHandle.push(ScenarioHandle(ScenarioHistory(scenario)), on: a.L)
            return 1
        },
        LuaFunction("ladder") { a in
            let l = try ladder(a.isNoneOrNil(1) ? .nil : a.bounded(1), a) ?? .standard
            // Names (rung 0 first), then the one-line descriptions in the same order.
            a.push(LuaTables.array(l.rungs.map { .string($0.name) }))
            a.push(LuaTables.array(l.rungs.map { .string($0.description) }))
            return 2
        },
        LuaFunction("load") { a in
            let path = try a.string(1)
            try a.refuseFileAccessInSandbox()
            let history: ScenarioHistory, script: ScriptRecord?
            do {
                (history, script) = try SaveFile.readEnvelope(path)
            } catch let e as FileError {
                throw LuaCallError(e.description, addsPosition: false)  // names the file already
            }
            ScenarioHandle.push(ScenarioHandle(history, origin: script, originKnown: true), on: a.L)
            return 1
        },
        LuaFunction("options") { a in
            var options: [LuaValue: LuaValue] = [:]
            for i in 1...max(a.count, 1) where a.count > 0 {
                switch try a.bounded(i, depth: 1) {
                case .table(let t): for (k, v) in t { options[k] = v }
                case .string(let s): if let (k, v) = option(s) { options[.string(k)] = v }
                default: break
                }
            }
            a.push(.table(options))
            return 1
        },
        LuaFunction("last") { a in
            if wg_rawgetfield(a.L, LUA_REGISTRYINDEX, ScenarioHandle.lastKey) == LUA_TTABLE {
                lua_rawgeti(a.L, -1, 1)
            } else {
                lua_pushnil(a.L)
            }
            return 1
        },
    ] }

    /// `key=value` as a script's variant argument: true, false, a number, or the text.
    static func option(_ s: String) -> (String, LuaValue)? {
        guard let eq = s.firstIndex(of: "=") else { return nil }
        let key = String(s[..<eq]), text = String(s[s.index(after: eq)...])
        guard !key.isEmpty, key.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else { return nil }
        switch text {
        case "true": return (key, .boolean(true))
        case "false": return (key, .boolean(false))
        default:
            if let i = Int64(text) { return (key, .integer(i)) }
            if let d = Double(text), d.isFinite, text.first.map({ $0.isNumber || $0 == "-" || $0 == "." || $0 == "+" }) == true {
                return (key, .number(d))
            }
            return (key, .string(text))
        }
    }

    @inline(__always)
    static func handle(_ a: LuaArgs) throws -> ScenarioHandle {
        guard let h = a.stack.object(at: 1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
            throw a.typeError(1, "scenario")
        }
        return h
    }

    /// `wg.seed` (set by `--seed`) when a scenario names no seed; else 1.
    static func defaultSeed(_ L: OpaquePointer) -> Int64 {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_pushglobaltable(L)
        guard wg_rawgetfield(L, -1, "wg") == LUA_TTABLE, wg_rawgetfield(L, -1, "seed") == LUA_TNUMBER else { return 1 }
        return lua_tointegerx(L, -1, nil)
    }

    /// A ladder from `{ "peace", "crisis", ... }` or `{ {name=, description=, war=, nuclear=}, ... }`,
    /// argument 1 of the call (or its `field`); at most ``InputLimits/rungs`` rungs.
    static func ladder(_ v: LuaValue, _ a: LuaArgs, field: String? = nil) throws -> Ladder? {
        func bad(_ reason: String) -> LuaCallError { a.error(1, (field.map { "field '\($0)': " } ?? "") + reason) }
        guard case .table(let t) = v else {
            if v == .nil { return nil }
            throw LuaCallError("ladder must be an array of rung names or {name=, description=, war=, nuclear=} tables")
        }
        guard t.count <= InputLimits.rungs else { throw bad("more than \(InputLimits.rungs) rungs") }
        var rungs: [Ladder.Rung] = []
        for i in 1...max(t.count, 1) {
            switch t[.integer(Int64(i))] ?? .nil {
            case .string(let name):
                guard name.utf8.count <= InputLimits.name else { throw bad("rung \(i): name longer than \(InputLimits.name) bytes") }
                rungs.append(Ladder.Rung(name: name))
            case .table(let r):
                guard case .string(let name) = r[.string("name")] ?? .nil else {
                    throw LuaCallError("ladder rung \(i) has no name")
                }
                let rv = LuaValue.table(r)
                guard name.utf8.count <= InputLimits.name else { throw bad("rung \(i): name longer than \(InputLimits.name) bytes") }
                let description = r[.string("description")]?.asString ?? ""
                guard description.utf8.count <= InputLimits.text else {
                    throw bad("rung \(i): description longer than \(InputLimits.text) bytes")
                }
                rungs.append(Ladder.Rung(name: name, description: description,
                                         armedAttack: r[.string("war")] == .boolean(true),
                                         nuclear: r[.string("nuclear")] == .boolean(true),
                                         warShare: try rv.number("war_share"), cost: try rv.number("cost"),
                                         risk: try rv.number("risk")))
            case .nil where i == 1 && t.isEmpty: throw LuaCallError("ladder has no rungs")
            case .nil: break
            default: throw LuaCallError("ladder rung \(i) must be a name or a table")
            }
        }
        guard rungs.count == t.count else { throw LuaCallError("ladder must be an array (1..n) of rungs") }
        let ladder = Ladder(rungs: rungs)
        try Scenario.validate(ladder: ladder)
        return ladder
    }

    /// A parameter group with the overrides of a Lua table (`doctrine = { rationality = 10 }`),
    /// each checked by the group's table.
    static func overrideGroup<G: ParameterGroup>(_ v: LuaValue) throws -> G {
        var pairs: [(name: String, value: Double)] = []
        for (k, val) in v.asTable ?? [:] {
            guard let key = k.asString else { throw LuaCallError("\(G.groupName): keys must be names") }
            guard let d = val.asDouble else { throw LuaCallError("\(G.groupName).\(key) must be a number") }
            pairs.append((key, d))
        }
        do {
            return try G.overriding(pairs.sorted { $0.name < $1.name })
        } catch { throw LuaCallError(error.message) }
    }
}
