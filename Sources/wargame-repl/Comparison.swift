import Foundation
import WargameKit

/// `:compare a b`: two scenarios side by side from the first turn where they differ (in
/// rung, odds, positions, damage or events): per turn each one's rung, odds and damage,
/// then each one's events.
struct Comparison {
    typealias Scenario = (name: String, series: LuaValue, log: LuaValue)
    let a: Scenario, b: Scenario

    func events(_ log: LuaValue, turn: Int) -> [String] {
        log.array.filter { Int($0["turn"].asDouble ?? -1) == turn && $0["kind"].asString != "turn" }
            .map { EventStory.line(kind: $0["kind"].asString ?? "", text: $0["text"].asString ?? "") }
    }

    /// The figures of one turn's row, for finding where the two part.
    func key(_ row: LuaValue) -> [String] {
        (row.asTable ?? [:]).sorted { Grid.text($0.key) < Grid.text($1.key) }.map { Grid.text($0.key) + "=" + Grid.text($0.value) }
    }

    /// Odds of the first side, and damage to the first sanctions target.
    func figures(_ s: LuaValue, _ row: LuaValue) -> String {
        let columns = s["columns"].array.compactMap(\.asString)
        var parts = ["rung \(Grid.text(row["rung"])) \(Grid.text(row["rung_name"]))"]
        if let p = columns.first(where: { $0.hasPrefix("p_win_") }), let x = row[p].asDouble {
            parts.append(String(format: "p_win %.3f", x))
        }
        if let p = columns.first(where: { $0.hasPrefix("position_") }), let x = row[p].asDouble, x < 1 {
            parts.append(String(format: "forces %.0f%%", 100 * x))
        }
        if let d = columns.first(where: { $0.hasPrefix("damage_pct_") }), let x = row[d].asDouble {
            parts.append(String(format: "damage %.2f%%", x))
        }
        return parts.joined(separator: ", ")
    }

    var text: String {
        let ra = a.series.array, rb = b.series.array
        let common = min(ra.count, rb.count)
        var diverge: Int?
        for i in 0..<common where key(ra[i]) != key(rb[i]) || events(a.log, turn: i) != events(b.log, turn: i) {
            diverge = i
            break
        }
        if diverge == nil && ra.count == rb.count {
            return "\(a.name) and \(b.name) are the same up to turn \(max(common - 1, 0))"
        }
        let from = diverge ?? common
        let columns = a.series["columns"].array.compactMap(\.asString)
        let firstSide = columns.first(where: { $0.hasPrefix("p_win_") }).map { String($0.dropFirst(6)) } ?? "the first side"
        let target = columns.first(where: { $0.hasPrefix("damage_pct_") }).map { String($0.dropFirst(11)) }
        var lines = ["\(a.name) and \(b.name) from turn \(from), where they diverge"
                     + " (p_win: \(firstSide)'s odds of winning a war"
                     + (target.map { "; damage: \($0)'s cumulative GDP loss, % of annual GDP" } ?? "") + ")"]
        let width = max(a.name.count, b.name.count)
        func pad(_ s: String) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
        for turn in from..<max(ra.count, rb.count) {
            lines.append("turn \(turn)")
            for (s, rows) in [(a, ra), (b, rb)] {
                guard turn < rows.count else {
                    lines.append("  \(pad(s.name))  (not stepped this far)")
                    continue
                }
                lines.append("  \(pad(s.name))  " + figures(s.series, rows[turn]))
                for e in events(s.log, turn: turn) { lines.append("  \(pad(""))    " + e) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
