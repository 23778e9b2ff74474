import Foundation

/// The save format: a header line naming the format, its version, the payload's length
/// and an FNV-1a checksum, then the scenario history as JSON. A truncated, edited or
/// foreign file fails one of these checks and is refused with its name.
///
/// The payload may also hold `"script"`: the script and arguments that built the scenario
/// (``ScriptRecord``), so that loading can re-attach its policies and hooks. It is an extra
/// key of the same JSON object, so saves without it (all saves before it existed) load as
/// before, and a build that does not know the key ignores it.
public enum SaveFile {
    public static let magic = "WARGAME-SAVE"
    public static let version = 2

    /// A save that cannot be read, written or used: `file: reason`, one line.
    public typealias Error = FileError

    public static func encode(_ history: ScenarioHistory, script: ScriptRecord? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let payload = try encoder.encode(Envelope(history: history, script: script))
        var data = Data("\(magic) \(version) \(payload.count) \(String(fnv1a(payload), radix: 16))\n".utf8)
        data.append(payload)
        return data
    }

    public static func decode(_ data: Data, file: String) throws -> ScenarioHistory {
        try decodeEnvelope(data, file: file).history
    }

    /// The history and, when the save names it, the script that built it.
    public static func decodeEnvelope(_ data: Data, file: String) throws -> (history: ScenarioHistory, script: ScriptRecord?) {
        guard !data.isEmpty else { throw Error(file: file, reason: "file is empty") }
        guard data.count <= ScenarioLimits.maxSaveFileBytes else {
            throw Error(file: file, reason: "larger than \(FileError.size(ScenarioLimits.maxSaveFileBytes)), the limit for a save file")
        }
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
        let history: ScenarioHistory, script: ScriptRecord?
        do {
            let envelope = try decoder.decode(Envelope.self, from: Data(payload))
            (history, script) = (envelope.history, envelope.script)
        } catch {
            throw Error(file: file, reason: "unreadable scenario: \(oneLine(error))")
        }
        if let script {
            do { try script.validate() } catch { throw Error(file: file, reason: "script record: \(error)") }
        }
        do {
            try history.validate()
        } catch {
            throw Error(file: file, reason: "inconsistent scenario: \(error)")
        }
        return (history, script)
    }

    /// Writes atomically and safely (see ``AtomicFileWriter``): the previous file stays whole
    /// whatever happens, and only a regular file is replaced. A save larger than a load
    /// accepts is refused here, so that every save that succeeds loads.
    public static func write(_ history: ScenarioHistory, script: ScriptRecord? = nil, to path: String) throws {
        let data = try encode(history, script: script)
        guard data.count <= ScenarioLimits.maxSaveFileBytes else {
            throw Error(file: path, reason: "the save would take \(String(format: "%.1f", Double(data.count) / 1_048_576)) MiB, more than the "
                        + "\(FileError.size(ScenarioLimits.maxSaveFileBytes)) a save file may hold (rewind, or start a new scenario)")
        }
        try AtomicFileWriter.write(data, to: path)
    }

    /// Reads and checks a save file; reads no more than the size limit plus one byte.
    public static func read(_ path: String) throws -> ScenarioHistory {
        try readEnvelope(path).history
    }

    /// ``read(_:)``, with the script that built the scenario when the save names one.
    public static func readEnvelope(_ path: String) throws -> (history: ScenarioHistory, script: ScriptRecord?) {
        try decodeEnvelope(try BoundedFileReader.read(path, limit: ScenarioLimits.maxSaveFileBytes), file: path)
    }

    /// The payload: the history's own keys, plus `script` when there is one. Encoding the
    /// history into the same keyed container keeps old saves and new ones one format.
    struct Envelope: Codable {
        var history: ScenarioHistory
        var script: ScriptRecord?
        enum Key: String, CodingKey { case script }
        init(history: ScenarioHistory, script: ScriptRecord?) {
            self.history = history
            self.script = script
        }
        init(from decoder: Decoder) throws {
            history = try ScenarioHistory(from: decoder)
            script = try decoder.container(keyedBy: Key.self).decodeIfPresent(ScriptRecord.self, forKey: .script)
        }
        func encode(to encoder: Encoder) throws {
            try history.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encodeIfPresent(script, forKey: .script)
        }
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
