import Foundation

/// A whole NMC file kept as bytes with the rows of each year located, so that a year is
/// parsed (and its CINC computed) only when asked for, then kept.
///
/// Parsing all 15,950 rows of 1816–2016 costs over a second in a debug build; locating
/// them is one pass over the bytes, and one year is about 200 rows. Thread-safe: Monte
/// Carlo workers ask from several threads.
final class NMCIndex: @unchecked Sendable {
    let name: String
    let years: ClosedRange<Int>
    private let bytes: [UInt8]
    private let header: Range<Int>
    private let rows: [Int: [Range<Int>]]
    private let lock = NSLock()
    private var parsed: [Int: Capabilities] = [:]  // guarded by `lock`

    /// Locates each row's year (the header's `year` column); the fields themselves are
    /// checked when a year is parsed. Fields must be unquoted, as in COW's files.
    init(bytes: [UInt8], name: String) throws {
        self.name = name
        self.bytes = bytes
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 50)
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var start = 0
            while start < p.count {
                // memchr: a byte loop is slow in debug builds, and tests run those.
                let end = memchr(base + start, 0x0A, p.count - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? p.count
                if end > start { lines.append(start..<end) }
                start = end + 1
            }
        }
        guard let first = lines.first else { throw DataFileError(file: name, line: 1, reason: "file is empty") }
        header = first
        let columns = bytes[first].split(separator: 0x2C, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        guard let yearColumn = columns.firstIndex(of: "year") else {
            throw DataFileError(file: name, line: 1, reason: "missing column 'year'")
        }
        // One pass over raw bytes: this runs once per process, in debug builds too.
        var rows: [Int: [Range<Int>]] = [:]
        try bytes.withUnsafeBufferPointer { p in
            for (n, line) in lines.enumerated().dropFirst() {
                var column = 0, value = 0, digits = 0, i = line.lowerBound
                while i < line.upperBound && column <= yearColumn {
                    let b = p[i]
                    if b == 0x2C { column += 1 } else if b == 0x22 { break }
                    else if column == yearColumn {
                        guard b >= 0x30 && b <= 0x39, digits < 6 else { digits = -1; break }
                        value = value * 10 + Int(b - 0x30); digits += 1
                    }
                    i += 1
                }
                guard digits > 0, column > yearColumn || i == line.upperBound else {
                    throw DataFileError(file: name, line: n + 1, reason: "year: not an integer in an unquoted row")
                }
                rows[value, default: []].append(line)
            }
        }
        guard let lo = rows.keys.min(), let hi = rows.keys.max() else {
            throw DataFileError(file: name, line: 1, reason: "no data rows")
        }
        self.rows = rows
        self.years = lo...hi
    }

    /// The system of `year` (default: the latest), parsed on first request.
    func capabilities(year: Int?) throws -> Capabilities {
        let y = year ?? years.upperBound
        lock.lock()
        defer { lock.unlock() }
        if let caps = parsed[y] { return caps }
        guard let lines = rows[y] else {
            throw NMCFile.noRows(y, file: name, first: years.lowerBound, last: years.upperBound)
        }
        var text = Array(bytes[header])
        for l in lines { text.append(0x0A); text.append(contentsOf: bytes[l]) }
        let caps = try NMCFile.capabilities(bytes: text, name: "\(name) (rows of \(y))", year: y)
        parsed[y] = caps
        return caps
    }
}
