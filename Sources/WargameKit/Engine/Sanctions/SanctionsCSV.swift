/// Sanctions packages and alignments from CSV files, one per row. Lists (sanctioners,
/// members, sectors) are separated by `;` inside their field.
///
/// packages:   name,sanctioners,target,coverage[,start,sectors,direction,secondary]
/// alignments: name,members,beneficiary,visibility,commission[,capacity,pragmatic]
extension SanctionPackage {
    public static func parseCSV(_ text: String, name file: String) throws -> [SanctionPackage] {
        let table = try CSVTable(text, name: file)
        let col = try table.columns(required: ["name", "sanctioners", "target", "coverage"],
                                    optional: ["start", "sectors", "direction", "secondary"], file: file)
        return try table.rows.map { row in
            try table.checkWidth(row, file: file)
            let field = SanctionsCSV.reader(row, col)
            let coverage = try SanctionsCSV.share(field("coverage") ?? "", "coverage", file, row.line)
            var start = 0
            if let s = field("start"), !s.isEmpty {
                guard let v = Int(s), v >= 0, v <= 1_000_000 else {
                    throw DataFileError(file: file, line: row.line, reason: "start: '\(CSVTable.excerpt(s))' is not a turn number")
                }
                start = v
            }
            var direction = TradeDirection.both
            if let d = field("direction"), !d.isEmpty {
                guard let v = TradeDirection(rawValue: d) else {
                    throw DataFileError(file: file, line: row.line, reason: "direction must be imports, exports or both, got '\(CSVTable.excerpt(d))'")
                }
                direction = v
            }
            let sanctioners = try SanctionsCSV.list(field("sanctioners"), "sanctioners", file, row.line)
            let sectors = field("sectors").flatMap { $0.isEmpty ? nil : SanctionsCSV.split($0) }
            return SanctionPackage(name: try SanctionsCSV.nonEmpty(field("name"), "name", file, row.line),
                                   sanctioners: sanctioners,
                                   target: try SanctionsCSV.nonEmpty(field("target"), "target", file, row.line),
                                   coverage: coverage, startTurn: start, sectors: sectors, direction: direction,
                                   secondary: try SanctionsCSV.flag(field("secondary"), "secondary", true, file, row.line))
        }
    }
}

extension Alignment {
    public static func parseCSV(_ text: String, name file: String) throws -> [Alignment] {
        let table = try CSVTable(text, name: file)
        let col = try table.columns(required: ["name", "members", "beneficiary", "visibility", "commission"],
                                    optional: ["capacity", "pragmatic"], file: file)
        return try table.rows.map { row in
            try table.checkWidth(row, file: file)
            let field = SanctionsCSV.reader(row, col)
            var capacity: Double?
            if let c = field("capacity"), !c.isEmpty {
                capacity = try CSVTable.amount(c, column: "capacity", file: file, line: row.line)
            }
            return Alignment(name: try SanctionsCSV.nonEmpty(field("name"), "name", file, row.line),
                             members: try SanctionsCSV.list(field("members"), "members", file, row.line),
                             beneficiary: try SanctionsCSV.nonEmpty(field("beneficiary"), "beneficiary", file, row.line),
                             visibility: try SanctionsCSV.share(field("visibility") ?? "", "visibility", file, row.line),
                             commission: try SanctionsCSV.share(field("commission") ?? "", "commission", file, row.line),
                             capacity: capacity,
                             pragmatic: try SanctionsCSV.flag(field("pragmatic"), "pragmatic", true, file, row.line))
        }
    }
}

enum SanctionsCSV {
    static func reader(_ row: CSVTable.Row, _ col: [String: Int]) -> (String) -> String? {
        { name in col[name].map { row.fields[$0].trimmingCharacters(in: .whitespaces) } }
    }
    static func split(_ s: String) -> [String] {
        s.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    static func nonEmpty(_ s: String?, _ column: String, _ file: String, _ line: Int) throws -> String {
        guard let s, !s.isEmpty else { throw DataFileError(file: file, line: line, reason: "empty \(column)") }
        return s
    }
    static func list(_ s: String?, _ column: String, _ file: String, _ line: Int) throws -> [String] {
        let items = split(try nonEmpty(s, column, file, line))
        guard !items.isEmpty else { throw DataFileError(file: file, line: line, reason: "empty \(column)") }
        return items
    }
    static func share(_ s: String, _ column: String, _ file: String, _ line: Int) throws -> Double {
        let v = try CSVTable.amount(s, column: column, file: file, line: line)
        guard v <= 1 else { throw DataFileError(file: file, line: line, reason: "\(column) must be in [0, 1], got \(s)") }
        return v
    }
    static func flag(_ s: String?, _ column: String, _ fallback: Bool, _ file: String, _ line: Int) throws -> Bool {
        switch s?.lowercased() {
        case nil, "": return fallback
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw DataFileError(file: file, line: line, reason: "\(column) must be true or false, got '\(CSVTable.excerpt(s ?? ""))'")
        }
    }
}
import Foundation
