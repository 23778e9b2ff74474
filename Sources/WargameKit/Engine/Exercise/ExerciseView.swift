import Foundation

/// What one team sees: the exercise's briefing, its own briefing (public and private
/// parts), the other teams' public parts, its side's situation as far as the team may see
/// it, the public timeline, and its own order for the open turn. Never another team's
/// private briefing or orders.
public struct ExerciseTeamView: Codable, Hashable, Sendable {
    public var team: String
    public var side: String
    public var exercise: String
    public var briefing: String
    public var publicBriefing: String
    public var privateBriefing: String
    /// The other teams' public briefings, by team name, in the file's order.
    public var others: [[String]]
    public var turn: Int
    public var rung: Int
    public var rungName: String
    /// `name: value` lines of what the team may see of its side.
    public var situation: [String]
    public var timeline: [TimelineEntry]
    public var moves: [ExerciseDefinition.MoveKind]
    /// Its own order for the open turn, if given.
    public var order: Move?
    /// Every form of order the team may give now, with its options, one a line
    /// (`sanction NAME (Gas cut-off: RUS on GMY, coverage 0.50, all trade, imports)`).
    public var orderForms: [String] = []
    /// Its own policy orders for the open turn, as given.
    public var policyOrders: [String] = []

    /// Plain text for a terminal.
    public var text: String {
        var lines = ["\(exercise) — team \(team) (\(side)) — turn \(turn), rung \(rung) \(rungName)", "",
                     "Briefing: \(briefing)", "Your team (public): \(publicBriefing)",
                     "Your team (private): \(privateBriefing)"]
        for o in others { lines.append("Team \(o[0]) (public): \(o[1])") }
        lines.append("")
        lines += situation
        lines.append("Timeline:")
        lines += timeline.isEmpty ? ["  (nothing yet)"] : timeline.suffix(12).map { "  \($0)" }
        lines.append("Moves you may order: " + moves.map { $0 == .rung ? "rung N" : $0.rawValue }.joined(separator: ", "))
        if orderForms.count > moves.count + 1 {
            lines.append("Orders you may give (one ladder move, and any of the others):")
            lines += orderForms.map { "  \($0)" }
        }
        if let order { lines.append("Your order this turn: \(order)") }
        if !policyOrders.isEmpty { lines.append("Your policy orders this turn: " + policyOrders.joined(separator: "; ")) }
        return lines.joined(separator: "\n")
    }
}

extension Exercise {
    /// The view of `team`; nil for an unknown team.
    public func view(team name: String) -> ExerciseTeamView? {
        guard let team = definition.team(name), let i = scenario.sideIndex(team.side) else { return nil }
        let side = scenario.sides[i]
        var situation: [String] = []
        if team.sees.contains(.odds), let b = try? scenario.balance(side.leader, otherLeader(i)) {
            situation.append("Odds of \(side.leader) at war against \(otherLeader(i)): " + String(format: "%.2f (power ratio %.2f)", b.pWin, b.ratio))
        }
        if team.sees.contains(.damage), let d = try? scenario.damage(side.leader) {
            situation.append("Sanctions damage to \(side.leader): " + String(format: "%.2f%% of GDP", d.gdpLossPct))
        }
        if team.sees.contains(.position), let c = scenario.combat, i < c.count {
            situation.append(String(format: "Theatre forces: %.0f%% of their initial strength", 100 * c[i].position))
        }
        if isOver { situation.append("The exercise is over: \(endingText).") }
        let others = definition.teams.filter { $0.name != team.name }.map { [$0.name, $0.publicBriefing] }
        return ExerciseTeamView(team: team.name, side: side.name, exercise: definition.name, briefing: definition.briefing,
                                publicBriefing: team.publicBriefing, privateBriefing: team.privateBriefing,
                                others: others, turn: openTurnNumber, rung: scenario.rung, rungName: scenario.rungName,
                                situation: situation, timeline: timeline, moves: team.moves, order: pending[team.name],
                                orderForms: forms(team), policyOrders: (pendingPolicies[team.name] ?? []).map(\.description))
    }

    private func otherLeader(_ i: Int) -> String {
        scenario.sides[i == 0 ? 1 : 0].leader
    }

    /// The white cell's summary: turn, rung, who has ordered (not what), proposal, pause.
    public var statusText: String {
        var lines = ["\(definition.name): turn \(openTurnNumber) of \(definition.turns), rung \(scenario.rung) \(scenario.rungName)"
                     + (paused ? " (paused)" : "") + (isOver ? " — over: \(endingText)" : "")]
        for t in definition.teams {
            let n = (pending[t.name] == nil ? 0 : 1) + (pendingPolicies[t.name]?.count ?? 0)
            lines.append("  team \(t.name) (\(t.side)): " + (n == 0 ? "waiting" : n == 1 ? "ordered" : "ordered (\(n) orders)"))
        }
        if let p = proposal { lines.append("  proposal ready for turn \(p.turn) (:accept or :override)") }
        lines.append("  timeline: \(timeline.count) entries; turns adjudicated: \(records.count)")
        return lines.joined(separator: "\n")
    }

    /// The proposal as the white cell reads it.
    public static func proposalText(_ p: Proposal, ladder: Ladder) -> String {
        var lines = ["Proposal for turn \(p.turn):"]
        for m in p.moves { lines.append("  \(m.side): \(m.move) (\(m.decider.rawValue))") }
        lines.append("  rung \(ladder.name(p.report.previousRung)) → \(p.report.rungName)")
        for e in p.report.events where e.kind != .turn { lines.append("  \(e.kind.rawValue): \(e.text)") }
        if let e = p.report.ending { lines.append("  ending: \(e.reason.rawValue) (\(e.why))") }
        lines.append(":accept, or :override SIDE MOVE \"reason\"")
        return lines.joined(separator: "\n")
    }

    /// The text debrief: per turn, each team's order, the model's proposal, the white
    /// cell's decision and the outcome; then the timeline.
    public var debriefText: String {
        var lines = ["Debrief: \(definition.name) (\(records.count) turns adjudicated)"]
        for r in records {
            lines.append("Turn \(r.turn):")
            lines.append("  orders: " + (r.orders.isEmpty ? "none" : r.orders.map { "\($0.team) (\($0.side)) \($0.move)" }.joined(separator: ", ")))
            let policies = r.policyOrders.filter { !$0.byWhiteCell }
            if !policies.isEmpty {
                lines.append("  policy orders: " + policies.map { "\($0.team) (\($0.side)) \($0.order)" }.joined(separator: ", "))
            }
            lines.append("  model proposed: " + r.proposed.map { "\($0.side) \($0.move) [\($0.decider.rawValue)]" }.joined(separator: ", ")
                         + " → rung \(r.proposedRung) \(scenario.ladder.name(r.proposedRung))")
            switch r.decision {
            case .accepted: lines.append("  white cell: accepted")
            case .overridden(let side, let move, let reason):
                lines.append("  white cell: overrode \(side) → \(move): \(reason)")
            case .overriddenOrder(let side, let order, let reason):
                lines.append("  white cell: ordered for \(side) \(order): \(reason)")
            }
            lines.append("  outcome: rung \(scenario.ladder.name(r.previousRung)) → \(scenario.ladder.name(r.rung))")
            if let e = r.ending { lines.append("  ended: \(e.reason.rawValue) (\(e.why))") }
        }
        lines.append("Timeline:")
        lines += timeline.map { "  \($0)" }
        return lines.joined(separator: "\n")
    }
}
