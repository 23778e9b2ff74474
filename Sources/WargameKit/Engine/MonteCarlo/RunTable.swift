import Foundation

/// The per-run output of Monte Carlo and sweeps, one row per run, for R and pandas: CSV
/// (RFC 4180: a header, comma-separated, fields with a comma, quote or line break quoted)
/// or JSON Lines (one flat object per line). The same rows read back give the same runs
/// bit for bit (numbers are written as the shortest text that reads back to the same
/// double), which is what lets shards be merged into the single-process summary.
public struct RunTable: Sendable, Equatable {
    /// One row: a run of a design row, with the row's parameter values as text.
    public struct Row: Sendable, Equatable {
        /// 0-based design row (a plain Monte Carlo has one, row 0).
        public var designRow: Int
        public var parameters: [String: String]
        public var run: MonteCarlo.Run
        public init(designRow: Int, parameters: [String: String], run: MonteCarlo.Run) {
            self.designRow = designRow
            self.parameters = parameters
            self.run = run
        }
    }

    public enum Format: String, Sendable { case csv, jsonl }

    /// Columns before and after the parameters', in order. `design_row` and `run` count
    /// from 1, as the error messages do.
    public static let leading = ["design_row", "run", "seed"]
    public static let trailing = ["ending", "end_turn", "highest_rung", "highest_rung_name", "ladder_rungs",
                                  "threshold_crossed", "gdp_loss_pct", "started_war", "error"]

    public var rows: [Row]
    public init(rows: [Row]) { self.rows = rows }

    /// The format a file name asks for: `.csv` or `.jsonl` (also `.json`); nil for others.
    public static func format(of path: String) -> Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") { return .jsonl }
        return nil
    }

    /// Parameter names, sorted: the columns between `seed` and `ending`.
    public var parameterNames: [String] { Array(Set(rows.flatMap(\.parameters.keys))).sorted() }

    /// A parameter whose name is one of the fixed columns cannot be told apart from it.
    public static func checkParameterNames(_ names: some Sequence<String>) throws {
        for name in names where leading.contains(name) || trailing.contains(name) {
            throw RunTableError(file: nil, line: nil, reason: "parameter '\(name)' has the name of a column of the output; rename it")
        }
    }

    static func text(_ x: Double) -> String { x.description }

    func fields(_ row: Row, _ names: [String]) -> [String] {
        let r = row.run
        return [String(row.designRow + 1), String(r.index + 1), String(r.seed)]
            + names.map { row.parameters[$0] ?? "" }
            + [r.ending, r.error == nil ? String(r.endTurn) : "", r.error == nil ? String(r.maxRung) : "", r.maxRungName,
               r.error == nil ? String(r.ladderRungs) : "", r.error == nil ? String(r.thresholdCrossed) : "",
               r.gdpLossPct.map(Self.text) ?? "", r.startedWar.joined(separator: " "), r.error ?? ""]
    }

    /// The table as CSV text.
    public func csv() -> String {
        let names = parameterNames
        func quoted(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = (Self.leading + names + Self.trailing).map(quoted).joined(separator: ",") + "\n"
        for row in rows { out += fields(row, names).map(quoted).joined(separator: ",") + "\n" }
        return out
    }

    /// The table as JSON Lines: numbers as numbers, absent values as null.
    public func jsonl() -> String {
        let names = parameterNames
        let string = JSONText.quoted
        /// A parameter's text as JSON: a number or boolean when it reads as one.
        func value(_ s: String) -> String {
            if s == "true" || s == "false" { return s }
            if let d = Double(s), d.isFinite, s.first.map({ $0.isNumber || $0 == "-" }) == true, !s.hasSuffix(".") { return s }
            return string(s)
        }
        var out = ""
        for row in rows {
            let r = row.run, ok = r.error == nil
            var pairs = [("design_row", String(row.designRow + 1)), ("run", String(r.index + 1)), ("seed", String(r.seed))]
            pairs += names.map { ($0, row.parameters[$0].map(value) ?? "null") }
            pairs += [("ending", string(r.ending)), ("end_turn", ok ? String(r.endTurn) : "null"),
                      ("highest_rung", ok ? String(r.maxRung) : "null"), ("highest_rung_name", ok ? string(r.maxRungName) : "null"),
                      ("ladder_rungs", ok ? String(r.ladderRungs) : "null"), ("threshold_crossed", ok ? String(r.thresholdCrossed) : "null"),
                      ("gdp_loss_pct", r.gdpLossPct.map(Self.text) ?? "null"),
                      ("started_war", "[" + r.startedWar.map(string).joined(separator: ",") + "]"),
                      ("error", r.error.map(string) ?? "null")]
            out += "{" + pairs.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}\n"
        }
        return out
    }

    /// Writes the table atomically (``AtomicFileWriter``): readers never see half a file.
    public func write(to path: String, format: Format) throws {
        try AtomicFileWriter.write(Data((format == .csv ? csv() : jsonl()).utf8), to: path)
    }
}

/// A per-run file that cannot be read: where and why, on one line.
public struct RunTableError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var reason: String
    public var description: String {
        [file, line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ":") + (file == nil && line == nil ? "" : ": ") + reason
    }
}
