import Foundation

/// The save format: a header line naming the format, its version, the payload's length
/// and an FNV-1a checksum, then the scenario history as JSON. A truncated, edited or
/// foreign file fails one of these checks and is refused with its name.
public enum SaveFile {
    public static let magic = "WARGAME-SAVE"
    public static let version = 1

    public struct Error: Swift.Error, Equatable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    public static func encode(_ history: ScenarioHistory) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let payload = try encoder.encode(history)
        var data = Data("\(magic) \(version) \(payload.count) \(String(fnv1a(payload), radix: 16))\n".utf8)
        data.append(payload)
        return data
    }

    public static func decode(_ data: Data, file: String) throws -> ScenarioHistory {
        guard !data.isEmpty else { throw Error(file: file, reason: "file is empty") }
        guard let newline = data.prefix(201).firstIndex(of: 0x0A) else {
            let isOurs = data.starts(with: Data(magic.utf8))
            throw Error(file: file, reason: isOurs ? "header line longer than 200 bytes" : "not a wargame save file")
        }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 4, header[0] == magic else { throw Error(file: file, reason: "not a wargame save file") }
        guard let v = Int(header[1]), v == version else {
            throw Error(file: file, reason: "save format version \(header[1]) is not supported (this build reads \(version))")
        }
        let payload = data[(newline + 1)...]
        guard let length = Int(header[2]), length >= 0 else {
            throw Error(file: file, reason: "header: payload length '\(header[2])' is not a number")
        }
        guard length == payload.count else {
            throw Error(file: file, reason: "truncated or padded: \(payload.count) bytes of payload, header says \(header[2])")
        }
        guard let sum = UInt64(header[3], radix: 16), sum == fnv1a(payload) else {
            throw Error(file: file, reason: "checksum mismatch: the file was edited or damaged")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let history: ScenarioHistory
        do {
            history = try decoder.decode(ScenarioHistory.self, from: Data(payload))
        } catch {
            throw Error(file: file, reason: "unreadable scenario: \(oneLine(error))")
        }
        do {
            try history.validate()
        } catch {
            throw Error(file: file, reason: "inconsistent scenario: \(error)")
        }
        return history
    }

    /// Writes atomically: a temporary file in the same directory, fsync, rename, fsync of
    /// the directory. A crash at any point leaves the previous file whole.
    public static func write(_ history: ScenarioHistory, to path: String) throws {
        let data = try encode(history)
        let dir = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temp = "\(dir)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Error(file: path, reason: "cannot write: \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let err = errno
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            let reason = String(cString: strerror(ok ? errno : err))
            unlink(temp)
            throw Error(file: path, reason: "cannot write: \(reason)")
        }
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
        removeStaleTemporaries(of: path, in: dir)
    }

    /// Removes `.name.PID.tmp` files left by saves that were killed mid-write, when that
    /// process no longer exists (a live one may be saving right now).
    static func removeStaleTemporaries(of path: String, in dir: String) {
        let prefix = ".\((path as NSString).lastPathComponent)."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            guard let pid = Int32(entry.dropFirst(prefix.count).dropLast(4)), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { unlink("\(dir)/\(entry)") }
        }
    }

    public static func read(_ path: String) throws -> ScenarioHistory {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Error(file: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        return try decode(data, file: path)
    }

    /// A decoding error in one line: where in the JSON, and what.
    static func oneLine(_ error: Swift.Error) -> String {
        let text: String
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
             DecodingError.keyNotFound(_, let c), DecodingError.dataCorrupted(let c):
            let path = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            text = (path.isEmpty ? "" : "at \(path): ") + c.debugDescription
        default:
            text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func fnv1a<D: DataProtocol>(_ bytes: D) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
