import Foundation

/// The after-action report of a classroom exercise: the scenario's report (charts, moves
/// with who decided them — team, white cell, doctrine — assumptions, event log) with the
/// debrief: per turn, each team's orders, the model's proposal, the white cell's decision
/// and the outcome; then the white cell's injects. Measurement only.
public enum ExerciseReport {
    public static func html(_ e: Exercise) -> String {
        let record = RunRecord(states: e.states)
        let teams = e.definition.teams.map { "\($0.name) (\($0.side))" }.joined(separator: ", ")
        let lead = "<p>Classroom exercise: \(e.records.count) of \(e.definition.turns) turns adjudicated; teams "
            + HTMLText.escape(teams) + ". The debrief below the moves gives each turn's orders, the model's "
            + "proposal and the white cell's decision.</p>"
        return AfterActionReport.page(record, title: "After-action report: \(e.definition.name) (exercise)", lead: lead,
                                      sections: debrief(e) + injects(e))
    }

    /// Writes the report atomically (``AtomicFileWriter``), errors naming `path`.
    public static func write(_ e: Exercise, to path: String) throws {
        try AtomicFileWriter.write(Data(html(e).utf8), to: path)
    }

    static func debrief(_ e: Exercise) -> String {
        let ladder = e.scenario.ladder
        func esc(_ s: String) -> String { HTMLText.escape(s) }
        func rung(_ r: Int) -> String { esc("rung \(r) \(ladder.name(r))") }
        var out = "<section id=\"debrief\"><h2>Debrief: orders, the model's proposal, the white cell's decision</h2>"
        out += "<p>Each turn: the orders each team gave (a ladder move and its policy orders: sanctions, alliances); "
            + "the model's proposal (every side's move, who decided it — the team, or the built-in doctrine for a side "
            + "without an order — and the rung it led to); the white cell's decision (accepted, or overridden, with its "
            + "reason); and the turn as played.</p>"
        guard !e.records.isEmpty else { return out + "<p class=\"note\">No turn has been adjudicated yet.</p></section>" }
        // Fixed shares, so that a long reason does not squeeze the orders into a sliver.
        out += "<table class=\"debrief\" style=\"table-layout:fixed\"><colgroup><col style=\"width:4em\"/>"
            + "<col style=\"width:21%\"/><col style=\"width:21%\"/><col style=\"width:22%\"/><col/></colgroup><thead><tr><th>turn</th><th>team orders</th><th>the model's proposal</th>"
            + "<th>the white cell's decision</th><th>outcome</th></tr></thead><tbody>"
        for r in e.records {
            var orders: [String] = []
            for t in e.definition.teams {
                var given = r.orders.filter { $0.team == t.name }.map { "\($0.move)" }
                given += r.policyOrders.filter { $0.team == t.name && !$0.byWhiteCell }.map(\.order.description)
                orders.append("<b>\(esc(t.name))</b> (\(esc(t.side))): " + (given.isEmpty ? "<span class=\"dim\">no order</span>"
                                                                              : esc(given.joined(separator: "; "))))
            }
            let proposal = r.proposed.map { esc("\($0.side): \($0.move) (\($0.decider.rawValue))") } + ["→ " + rung(r.proposedRung)]
            let decision: String
            switch r.decision {
            case .accepted: decision = "accepted"
            case .overridden(let side, let move, let reason):
                decision = "<b>overridden</b>: \(esc(side)) \(esc("\(move)")) — reason: \(esc(reason))"
            case .overriddenOrder(let side, let order, let reason):
                decision = "<b>overridden</b>: the white cell ordered for \(esc(side)) \(esc(order)) — reason: \(esc(reason))"
            }
            var outcome = [esc(r.adjudicated.map { "\($0.side) \($0.move)" }.joined(separator: ", ")),
                           "\(rung(r.previousRung)) → \(rung(r.rung))"]
            outcome += r.events.filter { $0.kind != .turn && $0.kind != .adjudication }.map { esc("\($0.kind.rawValue): \($0.text)") }
            if let end = r.ending { outcome.append("<b>" + esc("ended: \(end.reason.rawValue) (\(end.why))") + "</b>") }
            out += "<tr id=\"debrief-turn-\(r.turn)\" class=\"turn-start\"><td>\(r.turn)</td><td>\(orders.joined(separator: "<br/>"))</td>"
                + "<td>\(proposal.joined(separator: "<br/>"))</td><td>\(decision)</td><td>\(outcome.joined(separator: "<br/>"))</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    static func injects(_ e: Exercise) -> String {
        let list = e.timeline.filter { $0.kind == .inject }
        var out = "<section id=\"injects\"><h2>White-cell injects</h2>"
        // Scheduled injects whose turn was not reached are listed apart: they did not happen.
        let pending = e.definition.injects.filter { $0.turn > e.openTurnNumber || ($0.turn == e.openTurnNumber && e.isOver) }
        if list.isEmpty {
            out += "<p class=\"note\">No inject so far.</p>"
        } else {
            out += "<table><thead><tr><th>turn</th><th>inject</th></tr></thead><tbody>"
            for i in list { out += "<tr><td>\(i.turn)</td><td>\(HTMLText.escape(i.text))</td></tr>" }
            out += "</tbody></table>"
        }
        if !pending.isEmpty {
            out += "<p class=\"note\">Scheduled but not reached: " + pending.map { "turn \($0.turn): \(HTMLText.escape($0.text))" }.joined(separator: "; ") + ".</p>"
        }
        return out + "</section>"
    }
}
