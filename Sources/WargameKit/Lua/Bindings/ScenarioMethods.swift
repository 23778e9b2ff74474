import CLua
import Foundation

/// Methods of a scenario object (`s:step()`, ...) and its read-only fields.
enum ScenarioMethods {
    /// A method: checks `self`, runs, and refreshes the object's read-only fields when the
    /// call changed them (so every mutating method keeps `s.turn` right without saying so).
    static func method(_ name: String, _ body: @escaping (LuaArgs, ScenarioHandle) throws -> Int32) -> LuaFunction {
        LuaFunction(name, method: true) { a in
            let h = try ScenarioBindings.handle(a)
            defer { h.syncFields(a.L, object: 1) }
            return try body(a, h)
        }
    }

    /// Configuration changes go through the history, so they are part of the state that
    /// undo and save see.
    static func configure(_ h: ScenarioHandle, _ body: (inout Scenario) throws -> Void) throws {
        try h.update { try $0.configure(body) }
    }

    /// ``configure(_:_:)`` for what a data file brought in: the scenario's one validation
    /// checks it as it checks a table, and its refusal names the file.
    static func configure(_ h: ScenarioHandle, file: String, _ body: (inout Scenario) throws -> Void) throws {
        do {
            try configure(h, body)
        } catch let e as ScenarioError {
            throw LuaCallError("\(file): \(e)", addsPosition: false)
        } catch let e as SanctionsInputError {
            throw LuaCallError("\(file): \(e)", addsPosition: false)
        }
    }

    static let fields = ["name", "turn", "rung", "ended"]  // `seed` is a method (reseed)

    static var methods: [LuaFunction] { [
        method("side") { a, h in
            let name = try a.name(2)
            guard a.type(3) == LUA_TTABLE else { throw a.typeError(3, "table") }
            let members: [String]
            do {
                members = try LuaValue.table([.string("m"): a.table(3)]).strings("m") ?? []
            } catch is FieldError {
                throw a.error(3, "state codes (names of at most \(InputLimits.name) bytes) expected")
            }
            let opts = a.isNoneOrNil(4) ? LuaValue.nil : try a.table(4)
            let nuclear: Bool? = { if case .boolean(let b) = opts["nuclear"] { return b }; return nil }()
            let stake = try opts.number("stake")
            if let stake, !(0...1).contains(stake) { throw a.error(4, "field 'stake' must be in [0, 1]") }
            guard !members.isEmpty else { throw a.error(3, "at least one state code expected") }
            try configure(h) { try $0.setSide(Side(name: name, members: members, nuclear: nuclear, stake: stake)) }
            return 0
        },
        method("alliance") { a, h in
            let t = try a.table(2)
            guard let name = try t.name("name") else { throw a.error(2, "field 'name' expected") }
            guard let members = try t.strings("members"), members.count >= 2 else { throw a.error(2, "field 'members' must list at least two states") }
            let obligation = try t.string("obligation") ?? "defense"
            guard let ob = Obligation(rawValue: obligation) else {
                throw a.error(2, "obligation must be one of \(Obligation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let format = try t.string("format") ?? (members.count == 2 ? "bilateral" : "multilateral")
            guard let fm = AllianceFormat(rawValue: format) else { throw a.error(2, "format must be 'bilateral' or 'multilateral'") }
            let reliability = try t.number("reliability") ?? 0.75
            guard (0...1).contains(reliability) else { throw a.error(2, "reliability must be in [0, 1]") }
            let alliance = Alliance(name: name, members: members, obligation: ob, reliability: reliability,
                                    format: fm, against: try t.strings("against"))
            try configure(h) { try $0.addAlliance(alliance) }
            return 0
        },
        method("policy") { a, h in
            let given = try a.name(2)
            guard let side = h.scenario.sideIndex(given) else { throw a.error(2, "no side or side leader '\(given)'") }
            // One key per side (its name), whatever the caller used: two keys for one side
            // would let Lua's per-process hash order pick the policy.
            let key = h.scenario.sides[side].name
            guard a.type(3) == LUA_TFUNCTION || a.isNoneOrNil(3) else { throw a.typeError(3, "function") }
            guard ScenarioHandle.pushFunctions(a.L, scenario: 1, group: "policies") else { throw LuaCallError("scenario has no policy table") }
            a.push(key)
            lua_pushvalue(a.L, 3)
            lua_rawset(a.L, -3)
            return 0
        },
        method("on") { a, h in
            let event = try a.name(2)
            let known = ["turn", "escalation", "deescalation", "alliance", "combat", "sanctions", "nuclear", "end"]
            guard known.contains(event) else { throw a.error(2, "unknown event '\(event)' (one of \(known.joined(separator: ", ")))") }
            guard a.type(3) == LUA_TFUNCTION else { throw a.typeError(3, "function") }
            guard ScenarioHandle.pushFunctions(a.L, scenario: 1, group: "hooks") else { throw LuaCallError("scenario has no hook table") }
            a.push(event)
            if lua_rawget(a.L, -2) != LUA_TTABLE {
                lua_settop(a.L, -2)
                lua_createtable(a.L, 1, 0)
                a.push(event)
                lua_pushvalue(a.L, -2)
                lua_rawset(a.L, -4)
            }
            lua_pushvalue(a.L, 3)
            lua_rawseti(a.L, -2, Int64(lua_rawlen(a.L, -2)) + 1)
            return 0
        },
        method("step") { a, h in
            let n = Int(try a.optInteger(2, in: 0...1_000_000) ?? 1)
            var last = h.scenario.lastReport
            for _ in 0..<n {
                if h.scenario.ending != nil { break }
                try LuaState.checkLimits(a.L)  // a many-turn step runs no Lua: check between turns
                let hooks = try StepRunner.hooks(a.L, scenario: 1, h.scenario)
                let before = h.history
                let report = try h.stepOneTurn(hooks)
                last = report
                if let report {
                    h.syncFields(a.L, object: 1)  // hooks read s.turn of the turn just made
                    do {
                        try StepRunner.runHooks(a.L, scenario: 1, report: report)
                    } catch {
                        h.replace(before)  // atomic: a turn whose hooks failed never happened
                        throw error
                    }
                }
            }
            if let last { LuaTables.push(last, a) } else { a.pushNil() }
            return 1
        },
        method("balance") { a, h in
            let x = try a.name(2), y = try a.name(3)
            let opts = a.isNoneOrNil(4) ? LuaValue.nil : try a.table(4)
            LuaTables.push(try h.scenario.balance(x, y, attacker: try opts.string("attacker")), a)
            return 1
        },
        method("damage") { a, h in
            LuaTables.push(try h.scenario.damage(try a.name(2)), a)
            return 1
        },
        method("log") { a, h in
            let n = try a.optInteger(2, in: 0...Int64.max)
            let events = n.map { Array(h.scenario.log.suffix(Int($0))) } ?? h.scenario.log
            LuaTables.push(events, a)
            return 1
        },
        method("undo") { a, h in try h.update { try $0.undo() }; a.push(h.turn); return 1 },
        method("rewind") { a, h in
            let turn = Int(try a.integer(2, in: 0...Int64(Int32.max)))
            try h.update { try $0.rewind(to: turn) }
            a.push(h.turn)
            return 1
        },
        method("fork") { a, h in
            // A cache the forks then share (not while the scenario steps: a policy may fork it).
            if !h.stepping { try h.update { $0.prepareForCopies() } }
            ScenarioHandle.push(ScenarioHandle(h.history), on: a.L, copyingFunctionsFrom: 1)
            return 1
        },
        method("save") { a, h in
            let path = try a.string(2)
            try a.refuseFileAccessInSandbox()
            try SaveFile.write(h.history, script: h.origin, to: path)
            return 0
        },
        method("report") { a, h in
            let path = try a.string(2)
            try a.refuseFileAccessInSandbox()
            try AfterActionReport.write(h.history, script: h.origin, to: path)
            return 0
        },
        method("status") { a, h in a.push(h.scenario.status()); return 1 },
        method("seed") { a, h in
            let seed = try a.integer(2)
            try h.update { $0.reseed(seed) }  // a reseed cannot make a scenario invalid
            return 0
        },
        method("trade") { a, h in
            if a.type(2) == LUA_TSTRING {
                let path = try a.string(2)
                try a.refuseFileAccessInSandbox()
                let flows = try TradeMatrix.parseCSV(try readText(path), name: path)
                try configure(h, file: path) { s in for f in flows { s.sanctions.trade.add(f) } }
                a.push(flows.count)
                return 1
            }
            let t = try a.table(2)
            guard let from = try t.name("from"), let to = try t.name("to") else {
                throw a.error(2, "fields 'from' and 'to' expected")
            }
            guard let value = try t.number("value"), value >= 0 else { throw a.error(2, "field 'value' must be a non-negative number (USD bn a year)") }
            try h.scenario.checkStates([from, to])
            let flow = TradeFlow(exporter: from, importer: to, value: value, sector: try t.name("sector"))
            try configure(h) { $0.sanctions.trade.add(flow) }
            return 0
        },
        method("economy") { a, h in
            var gdp: [String: Double] = [:]
            if a.type(2) == LUA_TSTRING {
                let path = try a.string(2)
                try a.refuseFileAccessInSandbox()
                gdp = try TradeMatrix.parseEconomyCSV(try readText(path), name: path)
                try configure(h, file: path) { s in for (k, v) in gdp { s.sanctions.gdp[k] = v } }
                return 0
            } else {
                for (k, v) in try a.table(2).asTable ?? [:] {
                    guard let state = k.asString, state.utf8.count <= InputLimits.name else { throw a.error(2, "keys must be state codes") }
                    guard let g = v["gdp"].asDouble, g.isFinite, g > 0 else { throw a.error(2, "\(state).gdp must be a positive number (USD bn)") }
                    gdp[state] = g
                }
            }
            try configure(h) { s in for (k, v) in gdp { s.sanctions.gdp[k] = v } }
            return 0
        },
        method("sanction") { a, h in
            if a.type(2) == LUA_TSTRING {
                let path = try a.string(2)
                try a.refuseFileAccessInSandbox()
                let packages = try SanctionPackage.parseCSV(try readText(path), name: path)
                try configure(h, file: path) { s in
                    s.sanctions.packages += packages
                    try s.sanctions.validate()
                }
                a.push(packages.count)
                return 1
            }
            let t = try a.table(2)
            guard let target = try t.name("target") else { throw a.error(2, "field 'target' expected") }
            guard let by = try t.strings("by"), !by.isEmpty else { throw a.error(2, "field 'by' must list the sanctioners") }
            let coverage = try t.number("coverage") ?? 1
            guard (0...1).contains(coverage) else { throw a.error(2, "coverage must be in [0, 1]") }
            let dir = try t.string("direction") ?? "both"
            guard let direction = TradeDirection(rawValue: dir) else { throw a.error(2, "direction must be 'imports', 'exports' or 'both'") }
            try h.scenario.checkStates([target] + by)
            let secondary: Bool = { if case .boolean(let b) = t["secondary"] { return b }; return true }()
            let package = SanctionPackage(name: try t.name("name") ?? "sanctions on \(target)", sanctioners: by,
                                          target: target, coverage: coverage,
                                          startTurn: Int(try t.integer("start", range: 0...Int64(ScenarioLimits.maxTurn)) ?? Int64(h.scenario.turn + 1)),
                                          sectors: try t.strings("sectors"), direction: direction, secondary: secondary)
            try configure(h) { s in
                s.sanctions.packages.append(package)
                try s.sanctions.validate()
            }
            return 0
        },
        method("alignment") { a, h in
            if a.type(2) == LUA_TSTRING {
                let path = try a.string(2)
                try a.refuseFileAccessInSandbox()
                let alignments = try Alignment.parseCSV(try readText(path), name: path)
                try configure(h, file: path) { s in
                    s.sanctions.alignments += alignments
                    try s.sanctions.validate()
                }
                a.push(alignments.count)
                return 1
            }
            let t = try a.table(2)
            guard let name = try t.name("name") else { throw a.error(2, "field 'name' expected") }
            guard let members = try t.strings("members"), !members.isEmpty else { throw a.error(2, "field 'members' must list states") }
            guard let beneficiary = try t.name("beneficiary") else { throw a.error(2, "field 'beneficiary' expected") }
            let visibility = try t.number("visibility") ?? 0.5
            let commission = try t.number("commission") ?? 0.1
            guard (0...1).contains(visibility), (0...1).contains(commission) else { throw a.error(2, "visibility and commission must be in [0, 1]") }
            try h.scenario.checkStates(members + [beneficiary])
            let pragmatic: Bool = { if case .boolean(let b) = t["pragmatic"] { return b }; return true }()
            let alignment = Alignment(name: name, members: members, beneficiary: beneficiary, visibility: visibility,
                                      commission: commission, capacity: try t.number("capacity"), pragmatic: pragmatic)
            try configure(h) { s in
                s.sanctions.alignments.append(alignment)
                try s.sanctions.validate()
            }
            return 0
        },
       ] + SeriesBindings.methods }

    /// A data file's text, at most ``ScenarioLimits/maxDataFileBytes``; errors name the
    /// file and say why in plain words.
    static func readText(_ path: String) throws -> String {
        String(decoding: try BoundedFileReader.read(path, limit: ScenarioLimits.maxDataFileBytes), as: UTF8.self)
    }

    /// Creates the shared scenario metatable: methods, read-only writes, printable, and
    /// `__completions` for the REPL. Objects get their own copy (see ScenarioHandle.push).
    static func installMetatable(in state: LuaState) {
        let L = state.L
        guard state.pushMetatable(ScenarioHandle.metatable) else { lua_settop(L, -2); return }
        // Each object gets its own copy of this metatable (ScenarioHandle.push); this one
        // holds what is shared, the methods under __methods.
        state.pushLibrary(methods)
        // s:rung_name() reads the name the engine keeps in the object's field table: a Lua
        // function, so the accessor costs a Lua call (see `make bench`), not a C call.
        if (try? state.load("return function(self) return self.__rung_name end", name: "=rung_name", mode: "t")) != nil,
           (try? state.pcall(nargs: 0, nresults: 1)) != nil {
            wg_rawsetfield(L, -2, "rung_name")
        }
        wg_rawsetfield(L, -2, "__methods")
        state.push(.string("scenario"))
        wg_rawsetfield(L, -2, "__metatable")
        state.push(LuaFunction("__newindex") { a in
            throw LuaCallError("scenario fields are read-only ('\(a.stack.string(at: 2) ?? "?")'); use its methods")
        })
        wg_rawsetfield(L, -2, "__newindex")
        state.push(LuaFunction("__tostring") { a in
            let s = try ScenarioBindings.handle(a).scenario
            a.push("scenario '\(s.name)' (turn \(s.turn), rung \(s.rung) \(s.rungName))")
            return 1
        })
        wg_rawsetfield(L, -2, "__tostring")
        let names = (methods.map(\.name) + fields).sorted()
        state.push(.table(Dictionary(uniqueKeysWithValues: names.enumerated().map { (.integer(Int64($0.offset + 1)), .string($0.element)) })))
        wg_rawsetfield(L, -2, "__completions")
        lua_settop(L, -2)
    }
}
