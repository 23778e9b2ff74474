import Foundation

/// Policy orders: sanctions imposed and lifted, alliances invoked, allies' answers decided
/// (docs/exercises.md). A sanction or a lift changes the scenario's packages on the copy
/// a proposal steps, just before the one ``Scenario/step(_:)``; invocations and answers go
/// to the step through ``StepHooks``.
extension Exercise {
    /// Checks a team's policy lists against the scenario when the exercise starts.
    static func checkPolicies(of t: ExerciseDefinition.Team, in scenario: Scenario, at: String,
                              packagesSeen: inout Set<String>) throws {
        guard let side = scenario.sides.first(where: { $0.name == t.side }) else { return }
        for (k, p) in t.sanctions.enumerated() {
            let here = "\(at).sanctions[\(k + 1)]"
            guard packagesSeen.insert(p.name.lowercased()).inserted else {
                throw ExerciseError("\(here).name: package '\(p.name)' is listed twice")
            }
            let outside = p.sanctioners.filter { !side.members.contains($0) }
            guard outside.isEmpty else {
                throw ExerciseError("\(here).by: \(outside.joined(separator: ", ")) not on side \(side.name) (a team imposes sanctions from its own side)")
            }
            if let own = scenario.sanctions.packages.first(where: { $0.name.lowercased() == p.name.lowercased() }) {
                guard own == p else { throw ExerciseError("\(here): '\(p.name)' differs from the scenario's package of that name") }
                continue
            }
            var model = scenario.sanctions
            model.packages.append(p)
            do { try model.validate() } catch { throw ExerciseError("\(here): \(error)") }
        }
        for (k, name) in t.invoke.enumerated() {
            let here = "\(at).invoke[\(k + 1)]"
            let alliance = try Self.alliance(name, in: scenario, at: here)
            guard alliance.members.contains(where: side.members.contains) else {
                throw ExerciseError("\(here): side \(side.name) is not in alliance '\(alliance.name)'")
            }
            guard alliance.obligation == .defense || alliance.obligation == .offense else {
                throw ExerciseError("\(here): '\(alliance.name)' is a \(alliance.obligation.rawValue) pact, which brings no forces to invoke")
            }
        }
        for (k, name) in t.answers.enumerated() {
            let here = "\(at).answers[\(k + 1)]"
            let alliance = try Self.alliance(name, in: scenario, at: here)
            guard alliance.members.contains(where: side.members.contains) else {
                throw ExerciseError("\(here): side \(side.name) is not in alliance '\(alliance.name)', so the team cannot speak for its allies")
            }
        }
    }

    private static func alliance(_ name: String, in scenario: Scenario, at: String) throws -> Alliance {
        guard let a = scenario.alliances.first(where: { $0.name == name }) else {
            throw ExerciseError("\(at): no alliance '\(name)' in the scenario (alliances: \(scenario.alliances.map(\.name).joined(separator: ", ")))")
        }
        return a
    }

    /// Whether a package of that name is in force (in the scenario's packages).
    public func inForce(_ package: String) -> Bool {
        scenario.sanctions.packages.contains { $0.name.lowercased() == package.lowercased() }
    }

    /// Parses a policy order of `team` for the open turn, given the policy orders it has
    /// already given this turn. Refusals are one line naming why; nothing changes.
    public func parsePolicy(_ text: String, team: ExerciseDefinition.Team, already: [ExercisePolicyOrder]) throws -> ExercisePolicyOrder {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let verb = trimmed.prefix { $0 != " " && $0 != "\t" }.lowercased()
        let name = trimmed.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
        let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
        guard !name.isEmpty else { throw ExerciseError("order refused: '\(verb) NAME' needs a name (\(forms(team).joined(separator: "; ")))") }
        func same(_ o: ExercisePolicyOrder, _ verbs: Set<String>, _ n: String) -> Bool {
            verbs.contains(o.verb) && o.name.lowercased() == n.lowercased()
        }
        switch verb {
        case "sanction", "lift":
            let list = team.sanctions.map(\.name).joined(separator: ", ")
            guard !team.sanctions.isEmpty else { throw ExerciseError("order refused: team \(team.name) has no sanctions packages to order") }
            guard let p = team.package(name) else {
                throw ExerciseError("order refused: no package '\(shown)' of team \(team.name) (its packages: \(list))")
            }
            if let o = already.first(where: { same($0, ["sanction", "lift"], p.name) }) {
                throw ExerciseError("order refused: already ordered this turn: \(o) (clear withdraws the turn's orders)")
            }
            if verb == "lift" {
                guard inForce(p.name) else { throw ExerciseError("order refused: '\(p.name)' is not in force (nothing to lift)") }
                return .lift(p.name)
            }
            guard !inForce(p.name) else { throw ExerciseError("order refused: '\(p.name)' is already imposed (lift NAME lifts it)") }
            var model = scenario.sanctions
            model.packages.append(package(p))
            do { try model.validate() } catch { throw ExerciseError("order refused: '\(p.name)': \(error)") }
            return .sanction(p.name)
        case "invoke":
            guard !team.invoke.isEmpty else { throw ExerciseError("order refused: team \(team.name) has no alliance to invoke") }
            guard let a = team.invoke.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw ExerciseError("order refused: team \(team.name) may not invoke '\(shown)' (it may invoke: \(team.invoke.joined(separator: ", ")))")
            }
            guard let alliance = scenario.alliances.first(where: { $0.name == a }),
                  let side = scenario.sides.first(where: { $0.name == team.side }),
                  alliance.members.contains(where: side.members.contains) else {
                throw ExerciseError("order refused: side \(team.side) is not in alliance '\(a)'")
            }
            if already.contains(where: { same($0, ["invoke"], a) }) {
                throw ExerciseError("order refused: already ordered this turn: invoke \(a)")
            }
            let answered = Set(scenario.sides.flatMap(\.members) + scenario.invocations.flatMap { $0.responses.map(\.state) })
            guard alliance.members.contains(where: { !answered.contains($0) }) else {
                throw ExerciseError("order refused: no ally of '\(a)' is left to call (each is on a side or has answered)")
            }
            return .invoke(a)
        default:  // honour, honor, abandon
            guard !team.answers.isEmpty else { throw ExerciseError("order refused: team \(team.name) speaks for no alliance's allies") }
            guard let a = team.answers.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw ExerciseError("order refused: team \(team.name) does not speak for the allies of '\(shown)' (it does for: \(team.answers.joined(separator: ", ")))")
            }
            if let o = already.first(where: { same($0, ["honour", "abandon"], a) }) {
                throw ExerciseError("order refused: already ordered this turn: \(o) (clear withdraws the turn's orders)")
            }
            return verb == "abandon" ? .abandon(a) : .honour(a)
        }
    }

    /// The team's package as it is imposed in the open turn: from that turn on.
    func package(_ p: SanctionPackage) -> SanctionPackage {
        var p = p
        p.startTurn = openTurnNumber
        return p
    }

    /// Applies the policy orders (by team) to the copy `next` a proposal steps, and to
    /// its hooks: sanctions and lifts change its packages (with a note for the log),
    /// invocations and answers go to the step.
    func applyPolicies(_ byTeam: [String: [ExercisePolicyOrder]], to next: inout Scenario, hooks: inout StepHooks) throws {
        hooks.answers = answers
        for team in definition.teams {
            guard let orders = byTeam[team.name], !orders.isEmpty, let i = next.sideIndex(team.side) else { continue }
            for order in orders {
                switch order {
                case .sanction(let name):
                    guard let p = team.package(name) else { continue }
                    let imposed = package(p)
                    next.sanctions.packages.append(imposed)
                    try next.sanctions.validate()
                    hooks.notes.append(Event(turn: openTurnNumber, kind: .sanctions, text:
                        "\(team.side) imposes '\(p.name)' on \(p.target) (\(p.sanctioners.joined(separator: ", ")); "
                        + String(format: "coverage %.2f", p.coverage) + ", \(Self.scope(p)))"))
                case .lift(let name):
                    guard let k = next.sanctions.packages.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else { continue }
                    let p = next.sanctions.packages.remove(at: k)
                    hooks.notes.append(Event(turn: openTurnNumber, kind: .sanctions, text:
                        "\(team.side) lifts '\(p.name)' on \(p.target) (the damage done so far stays)"))
                case .invoke(let name):
                    hooks.invocations[i, default: []].append(name)
                case .honour(let name):
                    hooks.answers[name] = true
                case .abandon(let name):
                    hooks.answers[name] = false
                }
            }
        }
    }

    /// Sectors and direction of a package, as the team's view and the log say them.
    static func scope(_ p: SanctionPackage) -> String {
        (p.sectors.map { $0.joined(separator: ", ") } ?? "all trade") + ", \(p.direction.rawValue)"
    }

    /// What `team` may order, one form a line, with its options as they stand now.
    public func forms(_ team: ExerciseDefinition.Team) -> [String] {
        var out: [String] = []
        for m in team.moves {
            out.append(m == .rung ? "rung N (N from 0 to \(scenario.ladder.top))" : m.rawValue)
        }
        let off = team.sanctions.filter { !inForce($0.name) }, on = team.sanctions.filter { inForce($0.name) }
        if !off.isEmpty {
            out.append("sanction NAME (" + off.map { p in
                "\(p.name): \(p.sanctioners.joined(separator: ", ")) on \(p.target), " + String(format: "coverage %.2f", p.coverage) + ", \(Self.scope(p))"
            }.joined(separator: "; ") + ")")
        }
        if !on.isEmpty { out.append("lift NAME (in force: " + on.map(\.name).joined(separator: ", ") + ")") }
        if !team.invoke.isEmpty { out.append("invoke NAME (" + team.invoke.joined(separator: ", ") + ")") }
        if !team.answers.isEmpty {
            out.append("honour NAME, abandon NAME (" + team.answers.map { a in
                "\(a): now " + (answers[a].map { $0 ? "honoured" : "abandoned" } ?? "each ally's reliability decides")
            }.joined(separator: "; ") + ")")
        }
        out.append("clear (withdraws this turn's orders)")
        return out
    }
}
