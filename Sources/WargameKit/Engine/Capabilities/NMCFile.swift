import Foundation

/// Reading COW National Material Capabilities CSV files into ``Capabilities``.
enum NMCFile {
    /// Columns the engine needs; any others (`cinc`, `version`, ...) are ignored.
    static let required = ["stateabb", "ccode", "year"] + StateCapabilities.componentNames
    /// COW's code for a missing value.
    static let missing = -9.0
    /// Refuse files far larger than any NMC release (the full 1816–2016 file is ~1 MB).
    static let maxFileBytes = ScenarioLimits.maxDataFileBytes

    static func read(path: String, name: String) throws -> [UInt8] {
        do {
            return [UInt8](try BoundedFileReader.read(path, limit: maxFileBytes))
        } catch let e as FileError {
            throw DataFileError(file: name, line: 0, reason: e.reason)
        }
    }

    static func capabilities(bytes: [UInt8], name: String, year: Int?) throws -> Capabilities {
        let rows = try states(bytes: bytes, name: name)
        let years = Set(rows.map(\.year))
        let latest = years.max() ?? 0  // rows is non-empty here
        let chosen = year ?? latest
        guard years.contains(chosen) else {
            throw noRows(chosen, file: name, first: years.min() ?? latest, last: latest)
        }
        return Capabilities(year: chosen, states: rows.filter { $0.year == chosen })
    }

    /// Every year in the file, each a system of its own (CINC computed within the year).
    static func allYears(bytes: [UInt8], name: String) throws -> [Int: Capabilities] {
        var byYear: [Int: [StateCapabilities]] = [:]
        for s in try states(bytes: bytes, name: name) { byYear[s.year, default: []].append(s) }
        return byYear.mapValues { Capabilities(year: $0[0].year, states: $0) }
    }

    /// The one-line error for a year the file does not hold, naming the year and the range.
    static func noRows(_ year: Int, file: String, first: Int, last: Int) -> DataFileError {
        let range = first == last ? "\(last)" : "\(first)-\(last)"
        return DataFileError(file: file, line: 0, reason: "no rows for year \(year) (file has \(range))")
    }

    /// Every row of the file, in file order; throws on the first malformed one.
    static func states(bytes: [UInt8], name: String) throws -> [StateCapabilities] {
        func fail(_ line: Int, _ reason: String) -> DataFileError {
            DataFileError(file: name, line: line, reason: reason)
        }
        let records = try CSVRecords.parse(bytes, file: name)
        guard let header = records.first else { throw fail(1, "file is empty") }

        // Columns by header name, so reordered or extended files load too.
        var column: [String: Int] = [:]
        for (i, raw) in header.fields.enumerated() {
            let key = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard required.contains(key) else { continue }
            guard column[key] == nil else { throw fail(header.line, "duplicate column '\(key)'") }
            column[key] = i
        }
        if let absent = required.first(where: { column[$0] == nil }) {
            throw fail(header.line, "missing column '\(absent)'")
        }
        guard records.count > 1 else { throw fail(header.line, "no data rows") }
        let positions = required.compactMap { column[$0] }  // one per required column (checked above)

        var rows: [StateCapabilities] = []
        rows.reserveCapacity(records.count - 1)
        var firstLine: [String: Int] = [:]  // "ABB/year" -> line, to report duplicates
        for r in records.dropFirst() {
            guard r.fields.count == header.fields.count else {
                throw fail(r.line, "expected \(header.fields.count) fields, found \(r.fields.count)")
            }
            let f = positions.map { r.fields[$0].trimmingCharacters(in: .whitespaces) }
            let abb = f[0]
            guard !abb.isEmpty else { throw fail(r.line, "stateabb: empty") }
            let ccode = try integer(f[1], "ccode", r.line, name)
            let y = try integer(f[2], "year", r.line, name)
            var comps: [Double?] = []
            for (k, c) in StateCapabilities.componentNames.enumerated() {
                comps.append(try component(f[3 + k], c, r.line, name))
            }
            let key = "\(abb)/\(y)"
            if let first = firstLine[key] {
                throw fail(r.line, "duplicate state '\(abb)' in \(y) (first on line \(first))")
            }
            firstLine[key] = r.line
            rows.append(StateCapabilities(stateabb: abb, ccode: ccode, year: y,
                                          milex: comps[0], milper: comps[1], irst: comps[2],
                                          pec: comps[3], tpop: comps[4], upop: comps[5]))
        }

        return rows
    }

    /// Shown text of a bad field, cut short so one enormous field cannot flood a message.
    static func shown(_ s: String) -> String {
        s.count <= 40 ? "'\(s)'" : "'\(s.prefix(37))...'"
    }

    /// A plain decimal or exponent number: [+-]digits[.digits][e[+-]digits]. Stricter than
    /// `Double(_:)`, which also takes "nan", "inf" and hexadecimal floats.
    static func number(_ s: String) -> Double? {
        var bytes = Substring(s).utf8[...]
        func digits() -> Int {
            var k = 0
            while let b = bytes.first, b >= 0x30, b <= 0x39 { bytes.removeFirst(); k += 1 }
            return k
        }
        if let b = bytes.first, b == 0x2B || b == 0x2D { bytes.removeFirst() }
        var mantissa = digits()
        if bytes.first == 0x2E { bytes.removeFirst(); mantissa += digits() }
        guard mantissa > 0 else { return nil }
        if let b = bytes.first, b == 0x65 || b == 0x45 {
            bytes.removeFirst()
            if let b = bytes.first, b == 0x2B || b == 0x2D { bytes.removeFirst() }
            guard digits() > 0 else { return nil }
        }
        guard bytes.isEmpty else { return nil }
        return Double(s)
    }

    static func component(_ s: String, _ column: String, _ line: Int, _ file: String) throws -> Double? {
        guard let x = number(s) else {
            throw DataFileError(file: file, line: line, reason: "\(column): \(shown(s)) is not a number")
        }
        guard x.isFinite else { throw DataFileError(file: file, line: line, reason: "\(column): \(shown(s)) is out of range") }
        if x == missing { return nil }
        guard x >= 0 else { throw DataFileError(file: file, line: line, reason: "\(column): \(shown(s)) is negative") }
        return x
    }

    static func integer(_ s: String, _ column: String, _ line: Int, _ file: String) throws -> Int {
        guard let x = number(s) else {
            throw DataFileError(file: file, line: line, reason: "\(column): \(shown(s)) is not a number")
        }
        guard x == x.rounded(), abs(x) <= 1e15 else {
            throw DataFileError(file: file, line: line, reason: "\(column): \(shown(s)) is not an integer")
        }
        return Int(x)
    }
}
