/// A strict RFC 4180-style CSV reader over bytes, for data files whose errors must name a
/// line: CRLF or LF line ends, a UTF-8 byte-order mark, quoted fields with `""` escapes
/// (a quoted field may span lines), blank lines skipped. It refuses NUL bytes (a binary
/// file), invalid UTF-8, unterminated quotes and over-long lines rather than guessing.
struct CSVRecords {
    struct Record: Equatable {
        /// Line on which the record starts (1-based).
        var line: Int
        var fields: [String]
    }

    /// Longest record accepted, in bytes. Real NMC rows are under 100 bytes; the cap keeps a
    /// corrupt or hostile file from costing memory and time before it is rejected.
    static let maxRecordBytes = 64 * 1024

    static func parse(_ bytes: [UInt8], file: String) throws(DataFileError) -> [Record] {
        func fail(_ line: Int, _ reason: String) -> DataFileError {
            DataFileError(file: file, line: line, reason: reason)
        }
        // Binary data first: a NUL anywhere means this is not a text file at all.
        if let nul = bytes.firstIndex(of: 0) {
            let line = 1 + bytes[..<nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw fail(line, "NUL byte: not a text file")
        }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = bytes.count
        var line = 1
        var records: [Record] = []

        func decode(_ field: ArraySlice<UInt8>, _ at: Int) throws(DataFileError) -> String {
            guard let s = String(validating: field, as: UTF8.self) else { throw fail(at, "invalid UTF-8") }
            return s
        }

        while i < n {
            let start = i, recordLine = line
            var fields: [String] = []
            var atEnd = false
            // A blank line (LF or CRLF alone) is no record.
            if bytes[i] == 0x0A { i += 1; line += 1; continue }
            if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 2; line += 1; continue }
            while !atEnd {
                if i - start > maxRecordBytes { throw fail(recordLine, "line longer than \(maxRecordBytes) bytes") }
                if i < n, bytes[i] == 0x22 {  // quoted field
                    i += 1
                    var field: [UInt8] = []
                    var closed = false
                    while i < n {
                        if i - start > maxRecordBytes { throw fail(recordLine, "line longer than \(maxRecordBytes) bytes") }
                        let b = bytes[i]
                        if b == 0x22 {
                            if i + 1 < n, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                            i += 1; closed = true; break
                        }
                        if b == 0x0A { line += 1 }
                        field.append(b); i += 1
                    }
                    guard closed else { throw fail(recordLine, "unterminated quoted field") }
                    fields.append(try decode(field[...], recordLine))
                } else {
                    let fs = i
                    while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A,
                          !(bytes[i] == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) {
                        i += 1
                        if i - start > maxRecordBytes { throw fail(recordLine, "line longer than \(maxRecordBytes) bytes") }
                    }
                    fields.append(try decode(bytes[fs..<i], recordLine))
                }
                // After a field: a comma (another field), a line end, or the end of the file.
                if i >= n { atEnd = true }
                else if bytes[i] == 0x2C { i += 1; if i >= n { fields.append("") ; atEnd = true } }
                else if bytes[i] == 0x0A { i += 1; line += 1; atEnd = true }
                else if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 2; line += 1; atEnd = true }
                else { throw fail(line, "unexpected text after a quoted field") }
            }
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
