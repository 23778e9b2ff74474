/// A small CSV reader for the sanctions inputs (trade flows, GDP): a header row, then
/// records of plain or double-quoted fields.
///
/// It is strict on purpose: every problem becomes a `DataFileError` naming the physical
/// line, so an analyst can open the file at the right place. A quoted field may contain
/// commas and doubled quotes but not a line break (no input we read needs one, and keeping
/// records on one line keeps line numbers honest).
struct CSVTable {
    /// One data record with its physical line number (1-based, header is line 1 or later).
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// Longest line accepted. A longer one is almost certainly not a trade table (a binary
    /// file, a minified blob) and would otherwise be echoed back in error messages.
    static let maxLineLength = 65_536

    var header: [String]
    var headerLine: Int
    var rows: [Row]

    /// Parses `text` (file name `name` for messages). Blank lines are skipped; a UTF-8 byte
    /// order mark is dropped; CRLF and CR line ends are accepted.
    init(_ text: String, name: String) throws {
        var header: [String]?
        var headerLine = 0
        var rows: [Row] = []
        var lineNumber = 0
        // Split on scalars, not Characters: "\r\n" is one Character in Swift, but we want a
        // lone "\r" to count as a line end too, and scalars are cheaper on big files.
        var current = String.UnicodeScalarView()
        var lines: [String] = []
        var previousWasCR = false
        var length = 0  // scalars in `current`; the view's own count is O(n)
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                length = 0
            } else {
                current.append(scalar)
                length += 1
                if length > Self.maxLineLength {
                    throw DataFileError(file: name, line: lines.count + 1,
                                        reason: "line longer than \(Self.maxLineLength) characters")
                }
            }
        }
        if !current.isEmpty { lines.append(String(current)) }

        for var line in lines {
            lineNumber += 1
            if lineNumber == 1, line.unicodeScalars.first == "\u{FEFF}" {
                line.unicodeScalars.removeFirst()
            }
            if line.unicodeScalars.contains(where: { $0 == "\u{0}" || $0 == "\u{FFFD}" }) {
                throw DataFileError(file: name, line: lineNumber,
                                    reason: "binary data (not UTF-8 text)")
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = try Self.split(line, file: name, line: lineNumber)
            if header == nil {
                header = fields.map { $0.lowercased() }
                headerLine = lineNumber
            } else {
                rows.append(Row(line: lineNumber, fields: fields))
            }
        }
        guard let header else {
            throw DataFileError(file: name, line: 1, reason: "empty file, expected a header row")
        }
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
    }

    /// Splits one line into trimmed fields, honouring double quotes.
    static func split(_ line: String, file: String, line number: Int) throws -> [String] {
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var wasQuoted = false
        var iterator = line.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let c = pending {
            pending = iterator.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { field.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                // A quote opens a field only at its start (after optional blanks).
                guard String(field).allSatisfy({ $0 == " " || $0 == "\t" }), !wasQuoted else {
                    throw DataFileError(file: file, line: number, reason: "stray quote in field \(fields.count + 1)")
                }
                field = String.UnicodeScalarView()
                inQuotes = true
                wasQuoted = true
            } else if c == "," {
                fields.append(Self.trim(String(field)))
                field = String.UnicodeScalarView()
                wasQuoted = false
            } else {
                field.append(c)
            }
        }
        if inQuotes {
            throw DataFileError(file: file, line: number, reason: "unterminated quote in field \(fields.count + 1)")
        }
        fields.append(Self.trim(String(field)))
        return fields
    }

    static func trim(_ s: String) -> String {
        var scalars = Substring(s)
        while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// Column index of each required name, and of optional ones when present. Unknown
    /// columns are an error: a typo ("vlaue") should not silently drop data.
    func columns(required: [String], optional: [String], file: String) throws -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            guard required.contains(name) || optional.contains(name) else {
                let expected = (required + optional.map { "[\($0)]" }).joined(separator: ",")
                throw DataFileError(file: file, line: headerLine,
                                    reason: "unknown column '\(name)', expected \(expected)")
            }
            if index[name] != nil {
                throw DataFileError(file: file, line: headerLine, reason: "duplicate column '\(name)'")
            }
            index[name] = i
        }
        for name in required where index[name] == nil {
            throw DataFileError(file: file, line: headerLine, reason: "missing column '\(name)'")
        }
        return index
    }

    /// Checks a row has exactly the header's number of fields.
    func checkWidth(_ row: Row, file: String) throws {
        if row.fields.count != header.count {
            throw DataFileError(file: file, line: row.line,
                                reason: "expected \(header.count) fields, got \(row.fields.count)")
        }
    }

    /// A finite, non-negative amount; `what` names the column in the message.
    static func amount(_ text: String, column: String, file: String, line: Int) throws -> Double {
        guard !text.isEmpty else {
            throw DataFileError(file: file, line: line, reason: "empty \(column)")
        }
        guard let v = Double(text), v.isFinite else {
            throw DataFileError(file: file, line: line, reason: "\(column) '\(Self.excerpt(text))' is not a number")
        }
        guard v >= 0 else {
            throw DataFileError(file: file, line: line, reason: "\(column) \(text) is negative")
        }
        return v
    }

    /// A field quoted back in a message, cut short so one bad cell cannot flood a terminal.
    static func excerpt(_ s: String) -> String {
        s.count <= 40 ? s : String(s.prefix(40)) + "…"
    }
}
