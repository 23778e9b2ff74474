import Foundation

// Text summaries for people: the REPL prints these through `tostring`. Measurement only.
// Every figure carries its unit (USD bn, % of annual GDP, thousand troops, a share of world
// capabilities), and a cumulative figure says so.

extension TurnReport {
    /// A few lines: the turn, the rung, the moves, the events as sentences, then the
    /// figures that moved (odds, positions at war, sanctions damage), each with its unit.
    public var summary: String {
        var lines = ["turn \(turn): \(rungName) (rung \(rung))" + (rung != previousRung ? ", was rung \(previousRung)" : "")]
        lines.append("  moves: " + moves.map { "\($0.side) \($0.move)" + ($0.source == .doctrine ? "" : " (\($0.source.rawValue))") }
            .joined(separator: ", "))
        for e in events where e.kind != .turn && e.kind != .end { lines.append("  " + EventStory.line(e)) }
        let names = moves.map(\.side)
        if pWin.count == names.count, !names.isEmpty {
            lines.append("  odds of winning a war (p_win): " + zip(names, pWin).map { String(format: "%@ %.3f", $0, $1) }
                .joined(separator: ", "))
        }
        if positions.count == names.count, positions.contains(where: { $0 != 1 }) {
            lines.append("  forces left (share of initial theatre force): "
                         + zip(names, positions).map { String(format: "%@ %.0f%%", $0, 100 * $1) }.joined(separator: ", "))
        }
        if !damagePct.isEmpty {
            lines.append("  sanctions damage (cumulative GDP loss, % of annual GDP): "
                         + damagePct.sorted { $0.key < $1.key }.map { String(format: "%@ %.2f%%", $0.key, $0.value) }
                .joined(separator: ", "))
        }
        if let ending { lines.append("  ended: \(ending.reason.rawValue) — \(ending.why)") }
        return lines.joined(separator: "\n")
    }
}

extension Event {
    /// The event as `tostring` shows it in Lua: `turn 3: USA escalates: crisis → sanctions`;
    /// a turn's own event is its heading, `turn 3: sanctions (rung 2)`.
    public var story: String { kind == .turn ? text : "turn \(turn): " + EventStory.line(self) }
}

/// The event log as a story: one sentence per event saying who did what, without the turn
/// number the engine repeats inside some texts (the turn is the heading they sit under).
public enum EventStory {
    /// One event as a sentence: `USA escalates: crisis → sanctions`.
    public static func line(_ e: Event) -> String { line(kind: e.kind.rawValue, text: e.text) }

    /// The same from the fields `s:log()` gives Lua (kind and text as strings).
    public static func line(kind: String, text: String) -> String {
        var t = text
        // "(turn 3)" at the end repeats the heading's turn.
        if let r = t.range(of: #" \(turn \d+\)$"#, options: .regularExpression) { t.removeSubrange(r) }
        switch kind {
        case "escalation", "deescalation":
            // "A → B (why)": the one who moved first, then the move.
            guard let open = t.range(of: " ("), t.hasSuffix(")") else { return t }
            let move = String(t[..<open.lowerBound])
            let why = String(t[open.upperBound..<t.index(before: t.endIndex)])
            if why.hasPrefix("asked by ") {
                let who = why.dropFirst("asked by ".count)
                return "\(who) \(who.contains(",") ? "escalate" : "escalates"): \(move)"
            }
            if why == "every side asked for less" { return "every side steps down: \(move)" }
            if let r = why.range(of: "'s nuclear pressure: ") {
                return "\(why[..<r.lowerBound]) presses toward nuclear use: \(move) (\(why[r.upperBound...]))"
            }
            if why.hasPrefix("inadvertent escalation: ") {
                return "inadvertent escalation, chosen by no side: \(move) (\(why.dropFirst("inadvertent escalation: ".count)))"
            }
            return t
        case "combat":
            // "USA 1234 (95%) vs RUS 456 (80%)": theatre forces in thousands of troops (COW milper).
            let words = t.split(separator: " ")
            guard words.count == 7, words[3] == "vs" else { return t }
            return "fighting: \(words[0]) \(words[1]) thousand troops left \(words[2].dropLast()) of its initial force), "
                + "\(words[4]) \(words[5]) thousand \(words[6])"
        case "sanctions":
            if let r = t.range(of: " detected in ") {
                return "sanctioners detect \(t[..<r.lowerBound]) rerouting trade in \(t[r.upperBound...])"
            }
            if let r = t.range(of: " leaves "), t.hasSuffix("'") {
                return "\(t[..<r.lowerBound]) leaves \(t[r.upperBound...]): secondary sanctions would cost it more than its commission"
            }
            return t
        case "end":
            return "ended: " + t.replacingOccurrences(of: "_", with: " ")
        default:
            return t
        }
    }

    /// Events grouped under their turn: the turn's heading (its `turn` event), then one
    /// indented sentence per other event.
    public static func lines(_ events: [(turn: Int, kind: String, text: String)]) -> [String] {
        var out: [String] = [], current: Int?
        for e in events {
            if e.turn != current {
                current = e.turn
                if e.kind != "turn" { out.append("turn \(e.turn)") }
            }
            out.append(e.kind == "turn" ? e.text : "  " + line(kind: e.kind, text: e.text))
        }
        return out
    }
}

extension Balance {
    /// Each side's power, then one aligned line per contribution, then ratio and odds.
    /// CINC is a share of world capabilities (COW NMC), so power is a weighted share too.
    public var summary: String {
        func side(_ s: SidePower) -> [String] {
            [String(format: "%@ power %.4f (sum of CINC × weight; CINC = share of world capabilities)", s.leader, s.power)]
                + s.contributions.map { c in
                    String(format: "  %-4@ CINC %.4f × weight %.2f", c.state, c.cinc, c.weight) + (c.alliance.map { "  \($0)" } ?? "")
                }
        }
        return (side(a) + side(b) + [String(format: "ratio %.3f, p_win %.3f (k=%g; %@'s odds of winning a war)",
                                            ratio, pWin, decisiveness, a.leader)])
            .joined(separator: "\n")
    }
}

extension Damage {
    public var summary: String {
        String(format: "GDP loss %.1f bn USD cumulative (%.2f%% of annual GDP); trade blocked %.1f, leaked %.1f, "
               + "unreplaced %.1f, commission paid %.1f (bn USD, cumulative)",
               gdpLoss, gdpLossPct, blocked, leaked, unreplaced, commission)
    }
}

extension Scenario {
    /// The aligned summary of `:status`: sides, balance, rung, damage, latest events.
    public func status(events count: Int = 5) -> String {
        let rows = statusRows(events: count)
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// What `:status` shows, as (label, value) rows.
    public func statusRows(events count: Int = 5) -> [(String, String)] {
        var rows: [(String, String)] = []
        rows.append(("scenario", "\(name) (seed \(seed))"))
        rows.append(("turn", "\(turn) of \(turnLimit)" + (ending.map { " — ended: \($0.reason.rawValue)" } ?? "")))
        rows.append(("rung", "\(rung) \(rungName)"))
        for s in sides {
            rows.append(("side \(s.name)", s.members.joined(separator: " ") + (isNuclear(s) ? " (nuclear)" : "")))
        }
        if sides.count >= 2, let odds = try? sideOdds(at: turn + 1) {
            rows.append(("balance", String(format: "%@/%@ power ratio %.3f (CINC-weighted), p_win %.3f (%@'s odds of winning a war)",
                                           sides[0].leader, sides[1].leader, odds[0].ratio, odds[0].pWin, sides[0].leader)))
        }
        if let forces = combat {
            rows.append(("forces", zip(sides, forces).map {
                String(format: "%@ %.0f thousand troops (%.0f%% of initial)", $0.leader, $1.current, 100 * $1.position)
            }.joined(separator: ", ")))
        }
        for target in Set(sanctions.packages.map(\.target)).sorted() {
            rows.append(("damage \(target)", sanctions.damage(target).summary))
        }
        for e in log.filter({ $0.kind != .turn }).suffix(count) { rows.append(("event", "t\(e.turn) " + EventStory.line(e))) }
        return rows
    }
}
