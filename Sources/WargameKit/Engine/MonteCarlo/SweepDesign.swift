import Foundation

/// The design of a sweep: which values of a scenario script's parameters to run, one design
/// row each. A full grid of given values, a Latin hypercube over ranges (McKay, Beckman &
/// Conover 1979), or rows read from a CSV file.
public struct SweepDesign: Equatable, Sendable {
    /// A parameter's value in a design row.
    public enum Value: Equatable, Sendable, CustomStringConvertible {
        case number(Double), integer(Int64), boolean(Bool), text(String)
        /// The text written in the per-run output (numbers as the shortest text that reads
        /// back to the same double).
        public var description: String {
            switch self {
            case .number(let d): d.description
            case .integer(let i): String(i)
            case .boolean(let b): String(b)
            case .text(let s): s
            }
        }
        public var double: Double? {
            switch self {
            case .number(let d): d
            case .integer(let i): Double(i)
            default: nil
            }
        }
        /// A CSV cell: true, false, an integer, a number, or the text.
        public init(cell s: String) {
            if s == "true" { self = .boolean(true) } else if s == "false" { self = .boolean(false) }
            else if let i = Int64(s) { self = .integer(i) }
            else if let d = Double(s), d.isFinite { self = .number(d) }
            else { self = .text(s) }
        }
    }

    /// Parameter names, in column order.
    public var names: [String]
    /// Values by row, in `names` order.
    public var rows: [[Value]]
    /// Each parameter's range, for SALib's parameter file: the bounds of an LHS, else the
    /// smallest and largest numeric value in the rows (nil for a parameter with none).
    public var bounds: [ClosedRange<Double>?]

    public init(names: [String], rows: [[Value]], bounds: [ClosedRange<Double>?]? = nil) {
        self.names = names
        self.rows = rows
        self.bounds = bounds ?? names.indices.map { i in
            let xs = rows.compactMap { $0[i].double }
            guard let lo = xs.min(), let hi = xs.max() else { return nil }
            return lo...hi
        }
    }

    /// Every combination of the given values; the last parameter varies fastest.
    public static func grid(_ parameters: [(name: String, values: [Value])]) -> SweepDesign {
        var rows: [[Value]] = [[]]
        for p in parameters { rows = rows.flatMap { row in p.values.map { row + [$0] } } }
        return SweepDesign(names: parameters.map(\.name), rows: parameters.isEmpty ? [] : rows)
    }

    /// A Latin hypercube of `samples` rows over the given ranges: each range is cut into
    /// `samples` equal strata and each stratum is used exactly once per parameter, at a
    /// uniform point inside it. The draws come from `seed` alone.
    public static func latinHypercube(_ parameters: [(name: String, range: ClosedRange<Double>)], samples: Int,
                                      seed: Int64) -> SweepDesign {
        var g = SeededGenerator(seed: seed)
        var columns: [[Value]] = []
        for p in parameters {
            var strata = Array(0..<samples)
            strata.shuffle(using: &g)
            let width = p.range.upperBound - p.range.lowerBound
            columns.append(strata.map { k in .number(p.range.lowerBound + (Double(k) + g.uniform()) / Double(samples) * width) })
        }
        let rows = (0..<samples).map { i in columns.map { $0[i] } }
        return SweepDesign(names: parameters.map(\.name), rows: rows, bounds: parameters.map(\.range))
    }

    /// Rows from CSV text: a header of parameter names, then one row per design row.
    public static func csv(_ text: String) throws -> SweepDesign {
        var records = try RunTable.csvRecords(text)
        guard !records.isEmpty else { throw RunTableError(file: nil, line: 1, reason: "empty file (no header of parameter names)") }
        let header = records.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !header.contains(where: \.isEmpty), Set(header).count == header.count else {
            throw RunTableError(file: nil, line: 1, reason: "the header must name each parameter once")
        }
        guard !records.isEmpty else { throw RunTableError(file: nil, line: 2, reason: "no design rows") }
        let rows = try records.map { line, fields -> [Value] in
            guard fields.count == header.count else {
                throw RunTableError(file: nil, line: line, reason: "\(fields.count) fields, the header has \(header.count)")
            }
            return fields.map { Value(cell: $0.trimmingCharacters(in: .whitespaces)) }
        }
        return SweepDesign(names: header, rows: rows)
    }

    /// SALib's parameter file (`salib sample ... -p FILE`; `SALib.util.read_param_file`):
    /// one line per numeric parameter, `name lower upper`, separated by spaces.
    public var salibParameters: String {
        var out = "# SALib parameter file (name lower upper), written by wargame for its sweep design\n"
        for (name, range) in zip(names, bounds) {
            guard let range else { continue }
            out += "\(name) \(range.lowerBound.description) \(range.upperBound.description)\n"
        }
        return out
    }

    /// The parameters of row `row` as text, by name.
    public func parameters(_ row: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(names, rows[row].map(\.description)))
    }
}
