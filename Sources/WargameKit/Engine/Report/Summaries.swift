import Foundation

// Text summaries for people: the REPL prints these through `tostring`. Measurement only.

extension TurnReport {
    /// A few lines: the turn, the rung, the moves, the events.
    public var summary: String {
        var lines = ["turn \(turn): \(rungName) (rung \(rung))" + (rung != previousRung ? ", was rung \(previousRung)" : "")]
        lines.append("  moves: " + moves.map { "\($0.side) \($0.move)" + ($0.source == .doctrine ? "" : " (\($0.source.rawValue))") }
            .joined(separator: ", "))
        for e in events where e.kind != .turn { lines.append("  [\(e.kind.rawValue)] \(e.text)") }
        if let ending { lines.append("  ended: \(ending.reason.rawValue) — \(ending.why)") }
        return lines.joined(separator: "\n")
    }
}

extension Balance {
    /// Each side's power, then one aligned line per contribution, then ratio and odds.
    public var summary: String {
        func side(_ s: SidePower) -> [String] {
            [String(format: "%@ %.4f (sum of CINC × weight)", s.leader, s.power)] + s.contributions.map { c in
                String(format: "  %-4@ %.4f × %.2f", c.state, c.cinc, c.weight) + (c.alliance.map { "  \($0)" } ?? "")
            }
        }
        return (side(a) + side(b) + [String(format: "ratio %.3f, p_win %.3f (k=%g)", ratio, pWin, decisiveness)])
            .joined(separator: "\n")
    }
}

extension Damage {
    public var summary: String {
        String(format: "GDP loss %.1f bn USD (%.2f%% of GDP); blocked %.1f, leaked %.1f, unreplaced %.1f, commission %.1f",
               gdpLoss, gdpLossPct, blocked, leaked, unreplaced, commission)
    }
}

extension Scenario {
    /// The aligned summary of `:status`: sides, balance, rung, damage, latest events.
    public func status(events count: Int = 5) -> String {
        var rows: [(String, String)] = []
        rows.append(("scenario", "\(name) (seed \(seed))"))
        rows.append(("turn", "\(turn) of \(turnLimit)" + (ending.map { " — ended: \($0.reason.rawValue)" } ?? "")))
        rows.append(("rung", "\(rung) \(rungName)"))
        for s in sides {
            rows.append(("side \(s.name)", s.members.joined(separator: " ") + (isNuclear(s) ? " (nuclear)" : "")))
        }
        if sides.count >= 2, let odds = try? sideOdds(at: turn + 1) {
            rows.append(("balance", String(format: "%@/%@ ratio %.3f, p_win %.3f", sides[0].leader, sides[1].leader,
                                           odds[0].ratio, odds[0].pWin)))
        }
        if let forces = combat {
            rows.append(("forces", zip(sides, forces).map { String(format: "%@ %.0f%%", $0.leader, 100 * $1.position) }
                .joined(separator: ", ")))
        }
        for target in Set(sanctions.packages.map(\.target)).sorted() {
            rows.append(("damage \(target)", sanctions.damage(target).summary))
        }
        for e in log.suffix(count) { rows.append(("event", "t\(e.turn) [\(e.kind.rawValue)] \(e.text)")) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}
