import Foundation
import WargameKit

/// How the tabular outputs (`:status`, `:balance`, `:damage`, `:log`, a Monte Carlo
/// summary) are printed: `table` is the text for people; the others are for other tools.
enum OutputMode: String, CaseIterable {
    case table, csv, json, markdown
}

/// The session's display settings (`:mode`, `:set pager`). Read and written on the main
/// thread only: the REPL loop and its meta-commands.
enum Settings {
    nonisolated(unsafe) static var mode: OutputMode = .table
    nonisolated(unsafe) static var pager = true
}

/// A table of named columns, rendered as CSV (RFC 4180), JSON (an array of objects) or a
/// Markdown table. Numbers stay numbers in JSON.
struct Grid {
    var columns: [String]
    var rows: [[LuaValue]]

    func render(_ mode: OutputMode) -> String {
        switch mode {
        case .csv, .table: return csv
        case .json: return json
        case .markdown: return markdown
        }
    }

    static func text(_ v: LuaValue) -> String {
        switch v {
        case .nil, .opaque: return ""
        case .number(let d): return LuaValue.number(d).description
        default: return v.description
        }
    }

    var csv: String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([columns.map(field).joined(separator: ",")]
                + rows.map { $0.map { field(Grid.text($0)) }.joined(separator: ",") }).joined(separator: "\n")
    }

    var json: String {
        let string = JSONText.quoted
        func value(_ v: LuaValue) -> String {
            switch v {
            case .nil, .opaque: return "null"
            case .boolean(let b): return b ? "true" : "false"
            case .integer(let i): return String(i)
            case .number(let d): return d.isFinite ? LuaValue.number(d).description : "null"
            case .string(let s): return string(s)
            case .table: return string(v.description)
            }
        }
        let objects = rows.map { row in
            "  {" + zip(columns, row).map { string($0) + ": " + value($1) }.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]" : "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    var markdown: String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        let numeric = columns.indices.map { c in
            !rows.isEmpty && rows.allSatisfy { c < $0.count && ($0[c].asDouble != nil || $0[c] == .nil) }
        }
        return (["| " + columns.map(cell).joined(separator: " | ") + " |",
                 "|" + numeric.map { $0 ? "---:|" : "---|" }.joined()]
                + rows.map { "| " + $0.map { cell(Grid.text($0)) }.joined(separator: " | ") + " |" }).joined(separator: "\n")
    }
}

extension LuaValue {
    /// The array part 1...n of a table.
    var array: [LuaValue] {
        guard let t = asTable else { return [] }
        var out: [LuaValue] = [], i: Int64 = 1
        while let v = t[.integer(i)] { out.append(v); i += 1 }
        return out
    }
}

/// The Monte Carlo summary as a grid: one row per figure (measure, key, value).
enum MonteCarloGrid {
    /// Whether `v` looks like what `wg.montecarlo` returns.
    static func isSummary(_ v: LuaValue) -> Bool { v["runs"].asDouble != nil && v["reached"].asTable != nil }

    static func grid(_ v: LuaValue) -> Grid {
        var rows: [[LuaValue]] = [[.string("runs"), .string(""), v["runs"]]]
        func keyed(_ name: String) {
            let t = v[name].asTable ?? [:]
            for (k, x) in t.sorted(by: { Grid.text($0.key).localizedStandardCompare(Grid.text($1.key)) == .orderedAscending }) {
                rows.append([.string(name), .string(Grid.text(k)), x])
            }
        }
        keyed("endings")
        keyed("reached")
        keyed("started")
        for q in ["max_rung", "gdp_loss_pct"] where v[q].asTable != nil {
            for p in ["p5", "p50", "p95", "mean"] { rows.append([.string(q), .string(p), v[q][p]]) }
        }
        return Grid(columns: ["measure", "key", "value"], rows: rows)
    }
}
