import CLua
import Foundation

/// Reads an exercise file (Lua, always in a sandboxed state) into engine values. The file
/// returns a table: name, briefing, scenario (a scenario script, relative to the exercise
/// file), turns, teams and injects (docs/exercises.md). Every refusal is one line naming
/// the file and the field: `x.lua: teams[2].side: no side 'Blu' in the scenario (...)`.
public enum ExerciseLoader {
    /// A refused exercise file: the file and why.
    public struct LoadError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The sandbox's limits with a wider clock: the instruction budget still stops a
    /// runaway loop, but a debug build on a busy machine took over the REPL's 1 s to load
    /// the bundled scenario and its data, and an exercise must not fail to start for that.
    static let loadLimits = LuaState.Limits(instructions: Sandbox.defaultLimits.instructions, seconds: 30)

    /// Loads the exercise at `path` in a new sandboxed state. Returns the exercise at turn 1.
    public static func load(_ path: String) throws(LoadError) -> Exercise {
        let file = shortName(path)
        func fail(_ m: String) -> LoadError { LoadError(message: "\(file): \(m)") }
        let state: LuaState
        do { state = try Sandbox.makeState(limits: loadLimits) } catch { throw fail("cannot create a sandbox: \(error.message)") }
        let table: [LuaValue: LuaValue]
        do {
            try Sandbox.serveLibraries(besides: path, state: state)
            let results = try Sandbox.runFile(path, in: state)
            guard let t = results.first?.asTable else {
                throw LoadError(message: "\(file): an exercise file returns a table (got \(results.first.map(\.typeName) ?? "nothing"))")
            }
            table = t
        } catch let e as LoadError {
            throw e
        } catch let e as LuaError {
            throw LoadError(message: firstLine(e.message))
        } catch {
            throw fail("\(error)")
        }
        var definition: ExerciseDefinition
        var packageSpecs: [[LuaValue]] = []
        let scenarioPath: String
        let args: [LuaValue]
        do {
            let fields = Fields(table, at: "")
            try fields.onlyKnown(["name", "briefing", "scenario", "args", "turns", "teams", "injects"])
            scenarioPath = try fields.string("scenario")
            args = try fields.optionalTable("args").map { t in
                try (1...max(1, t.count)).prefix(t.count).map { i -> LuaValue in
                    guard let v = t[.integer(Int64(i))], v.asString != nil || v.asDouble != nil else {
                        throw fail("args[\(i)]: expected a string or a number")
                    }
                    return v
                }
            } ?? []
            let teamValues = try fields.array("teams")
            let teams = try teamValues.enumerated().map { i, v in try team(v, at: "teams[\(i + 1)]") }
            packageSpecs = try teamValues.enumerated().map { i, v in
                try Fields(v, at: "teams[\(i + 1)]").optionalArray("sanctions") ?? []
            }
            let injects = try (fields.optionalArray("injects") ?? []).enumerated().map { i, v in try inject(v, at: "injects[\(i + 1)]") }
            definition = ExerciseDefinition(name: try fields.string("name"), briefing: try fields.string("briefing"),
                                            teams: teams, turns: try fields.integer("turns"), injects: injects)
        } catch let e as ExerciseError {
            throw fail(e.message)
        } catch let e as LoadError {
            throw e
        } catch {
            throw fail("\(error)")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let resolved = scenarioPath.hasPrefix("/") ? scenarioPath : base.appendingPathComponent(scenarioPath).standardized.path
        let scenario: Scenario
        do {
            scenario = try loadScenario(resolved, args: args, state: state)
        } catch let e as LuaError {
            throw LoadError(message: firstLine(e.message))
        } catch let e as ExerciseError {
            throw fail("scenario: \(e.message)")
        } catch {
            throw fail("scenario: \(error)")
        }
        do {
            for (i, specs) in packageSpecs.enumerated() {
                definition.teams[i].sanctions = try specs.enumerated().map { k, v in
                    try package(v, at: "teams[\(i + 1)].sanctions[\(k + 1)]", scenario: scenario)
                }
            }
            return try Exercise(definition: definition, scenario: scenario)
        } catch {
            throw fail("\(error)")
        }
    }

    /// Runs the scenario script in the exercise's sandbox and takes the scenario it returns.
    static func loadScenario(_ path: String, args: [LuaValue], state: LuaState) throws -> Scenario {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ExerciseError("no such file \(shortName(path))")
        }
        try Sandbox.serveLibraries(besides: path, state: state)
        // The bundled data is parsed on first use, in Swift; done here, outside the
        // script's time limit, which is there to stop a runaway script, not our parsing
        // (seen: over a second on a loaded machine in a debug build).
        _ = try? Bundled.capabilities()
        _ = try? Bundled.warheads()
        _ = try? Bundled.nuclearStates(in: 2016)
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        try state.loadFile(path, mode: Sandbox.loadMode)
        for a in args { state.push(a) }
        try state.pcall(nargs: Int32(args.count), nresults: 1)
        guard let handle = LuaStack(L).object(at: -1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
            throw ExerciseError("\(shortName(path)) must return a scenario (return s)")
        }
        return handle.scenario
    }

    static func team(_ v: LuaValue, at: String) throws -> ExerciseDefinition.Team {
        let f = try Fields(v, at: at)
        try f.onlyKnown(["name", "side", "public", "private", "moves", "sees", "sanctions", "invoke", "answers"])
        func names(_ k: String) throws -> [String] {
            try (f.optionalArray(k) ?? []).enumerated().map { i, v in
                guard let s = v.asString, !s.isEmpty else { throw ExerciseError("\(at).\(k)[\(i + 1)]: expected an alliance's name, got \(v.typeName)") }
                return s
            }
        }
        let moves = try (f.optionalArray("moves") ?? ExerciseDefinition.MoveKind.allCases.map { .string($0.rawValue) })
            .enumerated().map { i, m -> ExerciseDefinition.MoveKind in
                guard let s = m.asString, let k = ExerciseDefinition.MoveKind(rawValue: s) else {
                    throw ExerciseError("\(at).moves[\(i + 1)]: unknown move '\(m)' (escalate, hold, deescalate, rung)")
                }
                return k
            }
        let sees = try (f.optionalArray("sees") ?? ExerciseDefinition.Sight.allCases.map { .string($0.rawValue) })
            .enumerated().map { i, m -> ExerciseDefinition.Sight in
                guard let s = m.asString, let k = ExerciseDefinition.Sight(rawValue: s) else {
                    throw ExerciseError("\(at).sees[\(i + 1)]: unknown sight '\(m)' (odds, damage, position)")
                }
                return k
            }
        return ExerciseDefinition.Team(name: try f.string("name"), side: try f.string("side"),
                                       publicBriefing: try f.string("public"), privateBriefing: try f.string("private"),
                                       moves: moves, sees: sees, invoke: try names("invoke"), answers: try names("answers"))
    }

    /// A package a team may order, with the fields of `s:sanction` (name, target, by,
    /// coverage, sectors, direction, secondary; no start: it starts when ordered); or only
    /// the name of one of the scenario's packages, which the team may then lift.
    static func package(_ v: LuaValue, at: String, scenario: Scenario) throws -> SanctionPackage {
        let f = try Fields(v, at: at)
        try f.onlyKnown(["name", "target", "by", "coverage", "sectors", "direction", "secondary"])
        let name = try f.string("name")
        if f.t.count == 1 {
            guard let own = scenario.sanctions.packages.first(where: { $0.name == name }) else {
                throw ExerciseError("\(at).target: expected a string, got nil (or name one of the scenario's packages: \(scenario.sanctions.packages.map(\.name).joined(separator: ", ")))")
            }
            return own
        }
        let target = try f.string("target")
        func codes(_ k: String) throws -> [String]? {
            try f.optionalArray(k)?.enumerated().map { i, v in
                guard let s = v.asString, !s.isEmpty else { throw ExerciseError("\(at).\(k)[\(i + 1)]: expected a string, got \(v.typeName)") }
                return s
            }
        }
        guard let by = try codes("by"), !by.isEmpty else { throw ExerciseError("\(at).by: must list the sanctioners") }
        for c in [target] + by where scenario.capabilities[c] == nil {
            throw ExerciseError("\(at): unknown state code '\(c)'")
        }
        let coverage = try f.optionalNumber("coverage") ?? 1
        guard (0...1).contains(coverage) else { throw ExerciseError("\(at).coverage: must be in [0, 1] (got \(coverage))") }
        let dir = try f.optionalString("direction") ?? "both"
        guard let direction = TradeDirection(rawValue: dir) else {
            throw ExerciseError("\(at).direction: must be 'imports', 'exports' or 'both' (got '\(dir.prefix(40))')")
        }
        var secondary = true
        if let v = f.t[.string("secondary")] {
            guard case .boolean(let b) = v else { throw ExerciseError("\(at).secondary: expected a boolean, got \(v.typeName)") }
            secondary = b
        }
        return SanctionPackage(name: name, sanctioners: by, target: target, coverage: coverage, startTurn: 0,
                               sectors: try codes("sectors"), direction: direction, secondary: secondary)
    }

    static func inject(_ v: LuaValue, at: String) throws -> ExerciseDefinition.Inject {
        let f = try Fields(v, at: at)
        try f.onlyKnown(["turn", "text", "alliance", "reliability"])
        return ExerciseDefinition.Inject(turn: try f.integer("turn"), text: try f.string("text"),
                                         alliance: try f.optionalString("alliance"), reliability: try f.optionalNumber("reliability"))
    }

    /// The fields of one table of the file, with errors naming `at.field`.
    struct Fields {
        let t: [LuaValue: LuaValue]
        let at: String
        init(_ t: [LuaValue: LuaValue], at: String) { self.t = t; self.at = at }
        init(_ v: LuaValue, at: String) throws {
            guard let t = v.asTable else { throw ExerciseError("\(at): expected a table, got \(v.typeName)") }
            self.init(t, at: at)
        }
        func name(_ k: String) -> String { at.isEmpty ? k : "\(at).\(k)" }
        func onlyKnown(_ keys: Set<String>) throws {
            for k in t.keys {
                guard let s = k.asString, keys.contains(s) else {
                    throw ExerciseError("\(name(k.asString ?? "[\(k)]")): unknown field (fields: \(keys.sorted().joined(separator: ", ")))")
                }
            }
        }
        func optionalString(_ k: String) throws -> String? {
            guard let v = t[.string(k)] else { return nil }
            guard let s = v.asString else { throw ExerciseError("\(name(k)): expected a string, got \(v.typeName)") }
            guard s.count <= 20_000 else { throw ExerciseError("\(name(k)): too long (\(s.count) characters; at most 20000)") }
            return s
        }
        func string(_ k: String) throws -> String {
            guard let s = try optionalString(k) else { throw ExerciseError("\(name(k)): expected a string, got nil") }
            guard !s.isEmpty else { throw ExerciseError("\(name(k)): must not be empty") }
            return s
        }
        func optionalNumber(_ k: String) throws -> Double? {
            guard let v = t[.string(k)] else { return nil }
            guard let d = v.asDouble else { throw ExerciseError("\(name(k)): expected a number, got \(v.typeName)") }
            return d
        }
        func integer(_ k: String) throws -> Int {
            guard let v = t[.string(k)] else { throw ExerciseError("\(name(k)): expected an integer, got nil") }
            guard let d = v.asDouble, d == d.rounded(), abs(d) < 1e6 else {
                throw ExerciseError("\(name(k)): expected an integer, got \(v.typeName) \(v)")
            }
            return Int(d)
        }
        func optionalTable(_ k: String) throws -> [LuaValue: LuaValue]? {
            guard let v = t[.string(k)] else { return nil }
            guard let t = v.asTable else { throw ExerciseError("\(name(k)): expected a table, got \(v.typeName)") }
            return t
        }
        func optionalArray(_ k: String) throws -> [LuaValue]? {
            guard let t = try optionalTable(k) else { return nil }
            var out: [LuaValue] = []
            for i in 1...max(1, t.count) where t.count > 0 {
                guard let v = t[.integer(Int64(i))] else { throw ExerciseError("\(name(k)): expected an array (no entry \(i))") }
                out.append(v)
            }
            guard out.count == t.count else { throw ExerciseError("\(name(k)): expected an array (it has other keys)") }
            return out
        }
        func array(_ k: String) throws -> [LuaValue] {
            guard let a = try optionalArray(k) else { throw ExerciseError("\(name(k)): expected a table, got nil") }
            return a
        }
    }


    static func firstLine(_ s: String) -> String { String(s.split(separator: "\n", maxSplits: 1).first ?? "") }

    static func shortName(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
