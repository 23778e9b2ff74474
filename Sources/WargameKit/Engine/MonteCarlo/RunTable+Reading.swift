import Foundation

// Reading per-run files back (CSV or JSON Lines, as RunTable writes them), merging the
// files of several shards, and summarising by design row.

extension RunTable {
    /// The largest per-run file read: about 2 million rows.
    public static let readLimit = 512 << 20

    /// Reads a file written by ``write(to:format:)`` (its format from its name). Errors
    /// name the file and line.
    public static func read(_ path: String) throws -> RunTable {
        guard let format = format(of: path) else {
            throw RunTableError(file: path, line: nil, reason: "not a .csv or .jsonl file")
        }
        let data = try BoundedFileReader.read(path, limit: readLimit)
        guard let text = String(data: data, encoding: .utf8) else {
            throw RunTableError(file: path, line: nil, reason: "not UTF-8 text")
        }
        do {
            return try format == .csv ? parseCSV(text) : parseJSONL(text)
        } catch var e as RunTableError {
            e.file = path
            throw e
        }
    }

    /// Records of RFC 4180 CSV, with the line each starts on.
    static func csvRecords(_ text: String) throws -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = [], field = "", quoted = false, afterQuote = false
        var line = 1, start = 1
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((start, fields)) }
            fields = []; field = ""; afterQuote = false
        }
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                    } else { quoted = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",": fields.append(field); field = ""; afterQuote = false
            case "\r": continue
            case "\n": endRecord(); line += 1; start = line
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            default:
                if afterQuote { throw RunTableError(file: nil, line: line, reason: "text after a closing quote") }
                field.unicodeScalars.append(c)
            }
        }
        if quoted { throw RunTableError(file: nil, line: start, reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    static func parseCSV(_ text: String) throws -> RunTable {
        var records = try csvRecords(text)
        guard !records.isEmpty else { throw RunTableError(file: nil, line: 1, reason: "empty file (no header)") }
        var header = records.removeFirst().fields
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        let rows = try records.map { line, fields -> Row in
            guard fields.count == header.count else {
                throw RunTableError(file: nil, line: line, reason: "\(fields.count) fields, the header has \(header.count)")
            }
            return try row(Dictionary(zip(header, fields), uniquingKeysWith: { a, _ in a }), header: header, line: line,
                           absent: { $0.isEmpty })
        }
        return RunTable(rows: rows)
    }

    static func parseJSONL(_ text: String) throws -> RunTable {
        var rows: [Row] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw RunTableError(file: nil, line: i + 1, reason: "not a JSON object")
            }
            var fields: [String: String] = [:]
            for (k, v) in object {
                switch v {
                case is NSNull: fields[k] = "\u{0}"
                case let s as String: fields[k] = s
                case let a as [Any]: fields[k] = a.compactMap { $0 as? String }.joined(separator: " ")
                case let n as NSNumber:
                    // The number's own text: Foundation reads a large integer (a seed) as a
                    // double, which loses digits.
                    if let token = numberToken(in: line, key: k) { fields[k] = token }
                    else if k == "threshold_crossed" { fields[k] = n.boolValue ? "true" : "false" }
                    else { fields[k] = n.stringValue }
                default: throw RunTableError(file: nil, line: i + 1, reason: "field '\(k)' is neither text nor a number")
                }
            }
            rows.append(try row(fields, header: Array(object.keys), line: i + 1, absent: { $0 == "\u{0}" }))
        }
        return RunTable(rows: rows)
    }

    /// The text of the JSON number or literal after `"key":` in `line` (as RunTable writes
    /// it: no spaces), nil when it is not found there.
    static func numberToken(in line: Substring, key: String) -> String? {
        guard let r = line.range(of: "\"\(key)\":") else { return nil }
        let token = line[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }
        return token.isEmpty ? nil : String(token)
    }

    /// A row from its fields by column name; `absent` tells an empty cell (CSV) or null.
    static func row(_ f: [String: String], header: [String], line: Int, absent: (String) -> Bool) throws -> Row {
        func fail(_ reason: String) -> RunTableError { RunTableError(file: nil, line: line, reason: reason) }
        func required(_ k: String) throws -> String {
            guard let v = f[k] else { throw fail("no column '\(k)'") }
            return v
        }
        func int(_ k: String) throws -> Int {
            let v = try required(k)
            guard let n = Int(v) else { throw fail("'\(k)' must be an integer, got '\(v)'") }
            return n
        }
        let designRow = try int("design_row") - 1, index = try int("run") - 1
        guard designRow >= 0, index >= 0 else { throw fail("'design_row' and 'run' count from 1") }
        let seedText = try required("seed")
        guard let seed = Int64(seedText) else { throw fail("'seed' must be an integer, got '\(seedText)'") }
        var parameters: [String: String] = [:]
        for k in header where !leading.contains(k) && !trailing.contains(k) {
            if let v = f[k], !absent(v) { parameters[k] = v }
        }
        let error = try required("error")
        if !absent(error) && !error.isEmpty {
            return Row(designRow: designRow, parameters: parameters, run: .failed(index: index, seed: seed, error: error))
        }
        let crossed = try required("threshold_crossed")
        guard crossed == "true" || crossed == "false" else { throw fail("'threshold_crossed' must be true or false, got '\(crossed)'") }
        let loss = try required("gdp_loss_pct")
        var gdp: Double? = nil
        if !absent(loss) && !loss.isEmpty {
            guard let d = Double(loss), d.isFinite else { throw fail("'gdp_loss_pct' must be a number, got '\(loss)'") }
            gdp = d
        }
        let rung = try int("highest_rung"), rungs = try int("ladder_rungs")
        guard rungs >= 1, rungs <= 10_000, rung >= 0, rung < rungs else {
            throw fail("'highest_rung' must be in 0..<ladder_rungs (\(rungs)), got \(rung)")
        }
        let started = try required("started_war")
        let run = MonteCarlo.Run(index: index, seed: seed, ending: try required("ending"), endTurn: try int("end_turn"),
                                 maxRung: rung, maxRungName: try required("highest_rung_name"), ladderRungs: rungs,
                                 thresholdCrossed: crossed == "true", gdpLossPct: gdp,
                                 startedWar: absent(started) ? [] : started.split(separator: " ").map(String.init))
        return Row(designRow: designRow, parameters: parameters, run: run)
    }

    /// The rows of several files (shards) as one table in run order. Refuses a run that
    /// appears twice and runs missing below the highest one (a shard's file not given).
    public static func merged(_ tables: [(file: String, table: RunTable)]) throws -> RunTable {
        var seen: [Int: [Int: String]] = [:]
        var rows: [Row] = []
        for (file, table) in tables {
            for row in table.rows {
                if let other = seen[row.designRow]?[row.run.index] {
                    throw RunTableError(file: file, line: nil, reason: "run \(row.run.index + 1) of design row \(row.designRow + 1) is also in \(other)")
                }
                seen[row.designRow, default: [:]][row.run.index] = file
                rows.append(row)
            }
        }
        rows.sort { ($0.designRow, $0.run.index) < ($1.designRow, $1.run.index) }
        let designRows = (rows.map(\.designRow).max() ?? -1) + 1
        let runsPerRow = (rows.map(\.run.index).max() ?? -1) + 1
        for d in 0..<designRows {
            let have = seen[d]?.count ?? 0
            if have < runsPerRow {
                let missing = (0..<runsPerRow).first { seen[d]?[$0] == nil }!
                throw RunTableError(file: nil, line: nil, reason: "run \(missing + 1) of design row \(d + 1) is missing "
                                    + "(\(runsPerRow - have) of \(runsPerRow) runs; is a shard's file left out?)")
            }
        }
        return RunTable(rows: rows)
    }

    /// One summary per design row, in row order, with the row's parameters. `requested` is
    /// the runs asked for per row (default: the highest run index seen, plus one).
    public func summaries(requested: Int? = nil) -> [(designRow: Int, parameters: [String: String], summary: MonteCarlo.Summary)] {
        let byRow = Dictionary(grouping: rows, by: \.designRow)
        return byRow.keys.sorted().map { d in
            let rs = byRow[d]!.sorted { $0.run.index < $1.run.index }
            let n = requested ?? ((rs.map(\.run.index).max() ?? -1) + 1)
            return (d, rs.first?.parameters ?? [:], MonteCarlo.summarise(rs.map(\.run), requested: n))
        }
    }
}
