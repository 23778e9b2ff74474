/// One bilateral trade flow: goods that `exporter` sells to `importer`.
public struct TradeFlow: Codable, Hashable, Sendable {
    /// Exporting state (a COW `stateabb` such as `"CHN"`, or any code a scenario uses).
    public var exporter: String
    /// Importing state.
    public var importer: String
    /// Value in USD billion per year.
    public var value: Double
    /// Optional sector label (free text, e.g. `"energy"`); nil means unclassified.
    public var sector: String?

    public init(exporter: String, importer: String, value: Double, sector: String? = nil) {
        self.exporter = exporter
        self.importer = importer
        self.value = value
        self.sector = sector
    }
}

/// The trade matrix X: X[i][j] is what i exports to j, in USD billion per year, optionally
/// split by sector.
///
/// Flows are kept in the order they were added (that order is what is saved and compared),
/// and an index of totals is rebuilt from them, summing in that order, so a lookup gives
/// the same bits on every run. Repeated flows for the same pair and sector add up.
public struct TradeMatrix: Codable, Hashable, Sendable {
    /// Every flow, in the order added. Assigning rebuilds the index; `add` updates it in
    /// place, so reading a large file flow by flow stays linear.
    public var flows: [TradeFlow] {
        get { storage }
        set {
            storage = newValue
            rebuildIndex()
        }
    }

    private var storage: [TradeFlow]

    /// Totals by "exporter ␟ importer" (all sectors) and "exporter ␟ importer ␟ sector".
    private var totals: [String: Double] = [:]

    public init() { storage = [] }

    public init(_ flows: [TradeFlow]) {
        storage = flows
        rebuildIndex()
    }

    /// Appends one flow.
    public mutating func add(_ flow: TradeFlow) {
        storage.append(flow)
        Self.accumulate(flow, into: &totals)
    }

    /// Appends flows in order (e.g. the result of `parseCSV`).
    public mutating func add(contentsOf flows: [TradeFlow]) {
        for f in flows { add(f) }
    }

    /// Exports from `from` to `to` in USD billion per year: all sectors when `sector` is
    /// nil, else only flows labelled with that sector.
    public func value(from: String, to: String, sector: String? = nil) -> Double {
        totals[Self.key(from, to, sector)] ?? 0
    }

    /// Two-way trade between `a` and `b` (X[a][b] + X[b][a]), all sectors.
    public func trade(between a: String, and b: String) -> Double {
        value(from: a, to: b) + value(from: b, to: a)
    }

    /// Every state named in a flow, sorted.
    public var states: [String] {
        Array(Set(flows.flatMap { [$0.exporter, $0.importer] })).sorted()
    }

    // Unit separator: cannot occur in a state code or sector read from a CSV field we accept.
    private static func key(_ from: String, _ to: String, _ sector: String?) -> String {
        sector.map { "\(from)\u{1F}\(to)\u{1F}\($0)" } ?? "\(from)\u{1F}\(to)"
    }

    private mutating func rebuildIndex() {
        var t: [String: Double] = [:]
        for f in storage { Self.accumulate(f, into: &t) }
        totals = t
    }

    private static func accumulate(_ f: TradeFlow, into t: inout [String: Double]) {
        t[key(f.exporter, f.importer, nil), default: 0] += f.value
        if let s = f.sector { t[key(f.exporter, f.importer, s), default: 0] += f.value }
    }

    private enum CodingKeys: String, CodingKey { case flows }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode([TradeFlow].self, forKey: .flows))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(flows, forKey: .flows)
    }

    public static func == (a: TradeMatrix, b: TradeMatrix) -> Bool { a.storage == b.storage }
    public func hash(into h: inout Hasher) { h.combine(storage) }

    /// Reads trade flows from CSV text with the header `exporter,importer,value[,sector]`
    /// (any column order, case-insensitive). `value` is USD billion per year, finite and
    /// non-negative; an empty `sector` cell means unclassified. Accepts a UTF-8 BOM, CRLF,
    /// blank lines and double-quoted fields.
    ///
    /// - Parameter name: the file name used in errors.
    /// - Throws: `DataFileError` (`name:line: reason`) on the first problem.
    public static func parseCSV(_ text: String, name: String) throws -> [TradeFlow] {
        let table = try CSVTable(text, name: name)
        let col = try table.columns(required: ["exporter", "importer", "value"], optional: ["sector"], file: name)
        guard let ce = col["exporter"], let ci = col["importer"], let cv = col["value"] else {
            throw DataFileError(file: name, line: table.headerLine, reason: "missing column")  // checked above
        }
        var result: [TradeFlow] = []
        result.reserveCapacity(table.rows.count)
        for row in table.rows {
            try table.checkWidth(row, file: name)
            let exporter = row.fields[ce]
            let importer = row.fields[ci]
            for (column, v) in [("exporter", exporter), ("importer", importer)] where v.isEmpty {
                throw DataFileError(file: name, line: row.line, reason: "empty \(column)")
            }
            if exporter == importer {
                throw DataFileError(file: name, line: row.line,
                                    reason: "exporter and importer are both '\(CSVTable.excerpt(exporter))'")
            }
            let value = try CSVTable.amount(row.fields[cv], column: "value", file: name, line: row.line)
            let sector = col["sector"].map { row.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            result.append(TradeFlow(exporter: exporter, importer: importer, value: value, sector: sector))
        }
        return result
    }

    /// Reads GDP per state from CSV text with the header `state,gdp` (USD billion, finite and
    /// positive). A state listed twice is an error naming both lines.
    ///
    /// - Throws: `DataFileError` (`name:line: reason`) on the first problem.
    public static func parseEconomyCSV(_ text: String, name: String) throws -> [String: Double] {
        let table = try CSVTable(text, name: name)
        let col = try table.columns(required: ["state", "gdp"], optional: [], file: name)
        guard let cs = col["state"], let cg = col["gdp"] else {
            throw DataFileError(file: name, line: table.headerLine, reason: "missing column")  // checked above
        }
        var gdp: [String: Double] = [:]
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            try table.checkWidth(row, file: name)
            let state = row.fields[cs]
            guard !state.isEmpty else {
                throw DataFileError(file: name, line: row.line, reason: "empty state")
            }
            let value = try CSVTable.amount(row.fields[cg], column: "gdp", file: name, line: row.line)
            guard value > 0 else {
                throw DataFileError(file: name, line: row.line, reason: "gdp of '\(CSVTable.excerpt(state))' must be positive")
            }
            if let first = firstLine[state] {
                throw DataFileError(file: name, line: row.line,
                                    reason: "duplicate state '\(CSVTable.excerpt(state))' (first on line \(first))")
            }
            firstLine[state] = row.line
            gdp[state] = value
        }
        return gdp
    }
}
