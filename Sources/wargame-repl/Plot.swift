import CEditLine
import Foundation
import WargameKit

/// Charts drawn in the terminal with block characters, or plain ASCII under `TERM=dumb`
/// or `NO_COLOR`: the rung and the odds (or, at war, the forces left) per turn of a
/// scenario, and the histogram of a Monte Carlo summary's highest rung. Axes are labelled.
enum Plot {
    struct Glyphs {
        let eighths: [String]   // a bar's top cell, 1/8 to 8/8 full
        let vertical, corner, horizontal, tick: String
    }
    static let unicode = Glyphs(eighths: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], vertical: "│", corner: "└", horizontal: "─", tick: "┬")
    static let ascii = Glyphs(eighths: [".", ".", ".", ":", ":", ":", "#", "#"], vertical: "|", corner: "+", horizontal: "-", tick: "+")

    static func glyphs(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Glyphs {
        let noColor = !(env["NO_COLOR"] ?? "").isEmpty
        return noColor || env["TERM"] == "dumb" ? ascii : unicode
    }

    static var width: Int {
        let cols = Int(wg_terminal_cols(1))
        return cols > 0 ? cols : 80
    }

    /// Vertical bars, one column per turn (several turns a column when they do not fit,
    /// showing the highest value). `labels[i]` names level `i` of the y axis (`levels` rows,
    /// values from 0 to `levels`).
    static func bars(title: String, turns: [Int], values: [Double], levels: Int, label: (Int) -> String,
                     xTitle: String, g: Glyphs) -> [String] {
        guard !values.isEmpty, levels > 0 else { return [title, "  (nothing to plot)"] }
        let labelWidth = (0...levels).map { label($0).count }.max() ?? 0
        let room = max(10, width - labelWidth - 3)
        let per = max(1, (values.count + room - 1) / room)  // turns per column
        let columns = stride(from: 0, to: values.count, by: per).map { start -> (turn: Int, value: Double) in
            let slice = values[start..<min(start + per, values.count)]
            return (turns[start], slice.max() ?? 0)
        }
        var lines = [title]
        for level in stride(from: levels, through: 1, by: -1) {
            var row = label(level).padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " " + g.vertical
            for c in columns {
                let fill = c.value - Double(level - 1)
                if fill >= 1 { row += g.eighths[7] }
                else if fill > 0 { row += g.eighths[max(0, min(7, Int((fill * 8).rounded()) - 1))] }
                else { row += " " }
            }
            lines.append(row)
        }
        lines.append(label(0).padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " " + g.corner
                     + String(repeating: g.horizontal, count: columns.count))
        // Tick labels under the axis: the first turn, then every tenth column or so.
        let step = max(5, ((columns.count / 8) / 5 + 1) * 5)
        var ticks = Array(repeating: Character(" "), count: labelWidth + 2 + columns.count + 8)
        var i = 0
        while i < columns.count {
            let text = String(columns[i].turn)
            let at = labelWidth + 2 + i
            if at + text.count <= ticks.count { for (j, ch) in text.enumerated() { ticks[at + j] = ch } }
            i += step
        }
        lines.append(String(ticks).replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression))
        lines.append(String(repeating: " ", count: labelWidth + 2) + xTitle + (per > 1 ? " (\(per) turns a column, highest shown)" : ""))
        return lines
    }

    /// The rung and the odds (or forces left, at war) per turn, from `s:series()`.
    static func scenario(name: String, series: LuaValue, g: Glyphs) -> [String] {
        let rows = series.array
        let turns = rows.map { Int($0["turn"].asDouble ?? 0) }
        let rungs = rows.map { $0["rung"].asDouble ?? 0 }
        let top = max(Int(series["rungs"].asDouble ?? 10) - 1, Int(rungs.max() ?? 1), 1)
        var names: [Int: String] = [:]
        for r in rows { if let n = r["rung_name"].asString, let k = r["rung"].asDouble { names[Int(k)] = n } }
        var out = bars(title: "\(name): rung per turn", turns: turns, values: rungs, levels: top,
                       label: { "\($0)" + (names[$0].map { " " + $0 } ?? "") }, xTitle: "turn", g: g)
        let sides = series["sides"].array.compactMap(\.asString)
        guard let first = sides.first else { return out }
        let atWar = sides.contains { side in rows.contains { ($0["position_\(side)"].asDouble ?? 1) < 1 } }
        // Before fighting, the first side's odds (with two sides the other's are 1 - p); once
        // there has been fighting, each side's forces left.
        let charts: [(String, [Double])] = atWar
            ? sides.map { side in ("\(side): forces left per turn (share of initial theatre force)",
                                   rows.map { $0["position_\(side)"].asDouble ?? 1 }) }
            : [("\(first): odds of winning a war per turn (p_win)", rows.map { $0["p_win_\(first)"].asDouble ?? 0 })]
        for (title, values) in charts {
            out.append("")
            out += bars(title: title, turns: turns, values: values.map { $0 * 10 }, levels: 10,
                        label: { $0 % 5 == 0 ? String(format: "%.1f", Double($0) / 10) : "" }, xTitle: "turn", g: g)
        }
        return out
    }

    /// Horizontal bars: the share of runs whose highest rung was each rung.
    static func histogram(_ summary: LuaValue, g: Glyphs) -> [String] {
        let runs = Int(summary["runs"].asDouble ?? 0)
        var reached: [Int: Double] = [:]
        for (k, v) in summary["reached"].asTable ?? [:] {
            if let r = k.asDouble, let x = v.asDouble { reached[Int(r)] = x }
        }
        guard let top = reached.keys.max() else { return ["(no runs to plot)"] }
        let barWidth = max(20, min(60, width - 24))
        var lines = ["Highest rung reached in \(runs) runs (share of runs)"]
        for r in 0...top {
            let share = max(0, (reached[r] ?? 0) - (reached[r + 1] ?? 0))
            let cells = share * Double(barWidth)
            var bar = String(repeating: g.eighths[7], count: Int(cells))
            let rest = cells - Double(Int(cells))
            if rest >= 1.0 / 8 { bar += g.eighths[min(7, Int(rest * 8) - 1)] }
            lines.append(String(format: "rung %2d ", r) + g.vertical
                         + bar.padding(toLength: barWidth, withPad: " ", startingAt: 0) + String(format: " %.3f", share))
        }
        lines.append("        " + g.corner + String(repeating: g.horizontal, count: barWidth))
        var ticks = Array(repeating: Character(" "), count: barWidth + 12)
        for (f, text) in [(0.0, "0"), (0.5, "0.5"), (1.0, "1")] {
            let at = 9 + Int(f * Double(barWidth - 1))
            for (j, ch) in text.enumerated() where at + j < ticks.count { ticks[at + j] = ch }
        }
        lines.append(String(ticks).replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression))
        lines.append("         share of runs")
        return lines
    }
}
