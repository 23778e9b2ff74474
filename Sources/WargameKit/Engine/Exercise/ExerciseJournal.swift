import Foundation

/// One line of an exercise's journal: an order, an adjudication, an override, an inject,
/// a pause, a rewind or an outcome, as it happened. Replaying the entries in order through
/// ``Exercise/apply(_:)`` rebuilds the exercise exactly (the scenario is seeded).
public struct ExerciseJournalEntry: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case start, order, resolve, accept, override, inject, pause, rewind, outcome
    }
    public var kind: Kind
    /// The open turn when it happened (for `outcome`, the turn adjudicated).
    public var turn: Int
    public var time: String?
    /// `start`: the exercise file, as an absolute path.
    public var file: String?
    public var team: String?
    public var side: String?
    /// An order as text: `escalate`, `hold`, `deescalate`, `rung N`, or a policy order
    /// (`sanction NAME`, `lift NAME`, `invoke NAME`, `honour NAME`, `abandon NAME`, `clear`).
    public var move: String?
    public var reason: String?
    public var text: String?
    public var alliance: String?
    public var reliability: Double?
    public var paused: Bool?
    /// The rung proposed (`resolve`) or reached (`accept`, `override`, `outcome`).
    public var rung: Int?

    public init(kind: Kind, turn: Int, file: String? = nil, team: String? = nil, side: String? = nil,
                move: String? = nil, reason: String? = nil, text: String? = nil, alliance: String? = nil,
                reliability: Double? = nil, paused: Bool? = nil, rung: Int? = nil) {
        self.kind = kind
        self.turn = turn
        self.file = file
        self.team = team
        self.side = side
        self.move = move
        self.reason = reason
        self.text = text
        self.alliance = alliance
        self.reliability = reliability
        self.paused = paused
        self.rung = rung
    }
}

extension Exercise {
    /// Applies a journal entry as the call it records; `start`, `resolve`'s record and
    /// `outcome` lines are informative (resolve is run again, deterministically).
    public mutating func apply(_ e: ExerciseJournalEntry) throws {
        switch e.kind {
        case .start, .outcome: return
        case .order:
            guard let team = e.team, let move = e.move else { throw ExerciseError("an order needs team and move") }
            try order(team: team, move)
        case .resolve: try resolve()
        case .accept: try accept()
        case .override:
            guard let side = e.side, let text = e.move, let reason = e.reason else {
                throw ExerciseError("an override needs side, move and reason")
            }
            let verb = text.split(separator: " ").first.map { $0.lowercased() } ?? ""
            if ExercisePolicyOrder.verbs.contains(verb) {
                try override(side: side, policy: text, reason: reason)
            } else {
                try override(side: side, move: try Self.parseMove(text, ladder: scenario.ladder), reason: reason)
            }
        case .inject:
            try inject(ExerciseDefinition.Inject(turn: openTurnNumber, text: e.text ?? "", alliance: e.alliance, reliability: e.reliability))
        case .pause: setPaused(e.paused ?? true)
        case .rewind: try rewindTurn()
        }
    }

    /// A move as the white cell types it: `escalate`, `hold`, `deescalate`, `rung N` or `N`.
    public static func parseMove(_ text: String, ladder: Ladder) throws -> Move {
        let words = text.lowercased().split(separator: " ")
        switch words.first {
        case "escalate" where words.count == 1: return .escalate
        case "hold" where words.count == 1: return .hold
        case "deescalate" where words.count == 1: return .deescalate
        case "rung" where words.count == 2:
            if let n = Int(words[1]), n >= 0, n <= ladder.top { return .rung(n) }
        default:
            if words.count == 1, let n = Int(words[0]), n >= 0, n <= ladder.top { return .rung(n) }
        }
        throw ExerciseError("unknown move '\(text.prefix(40))' (escalate, hold, deescalate, rung N with N from 0 to \(ladder.top))")
    }
}

/// The journal file: one JSON object a line, appended, flushed and fsynced as each event
/// happens, so a killed process loses nothing it had acknowledged.
public final class ExerciseJournal {
    /// Largest journal read back (a classroom's exercise writes a few hundred kB at most).
    public static let maxBytes = 16 << 20
    public let path: String
    private let fd: Int32

    /// Opens `path` for appending, creating it when missing.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(file: path, reason: FileError.reason(errno: errno, creating: true)) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Appends one entry and waits until it is on disk.
    public func append(_ entry: ExerciseJournalEntry) throws {
        var e = entry
        e.time = ISO8601DateFormatter().string(from: Date())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(e)
        data.append(0x0A)
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileError(file: path, reason: FileError.reason(errno: errno))
                }
                done += n
            }
        }
        guard fsync(fd) == 0 else { throw FileError(file: path, reason: FileError.reason(errno: errno)) }
    }

    /// Cuts a last line left without its newline (a kill while writing it), so that what is
    /// appended next starts a line of its own.
    public static func dropPartialLine(_ path: String) throws {
        let data = try BoundedFileReader.read(path, limit: maxBytes)
        guard let last = data.last, last != 0x0A else { return }
        let keep = data.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        guard truncate(path, off_t(keep - data.startIndex)) == 0 else {
            throw FileError(file: path, reason: FileError.reason(errno: errno))
        }
    }

    /// Reads a journal's entries. A last line without its newline (the process was killed
    /// while writing it) is left out; any other bad line is an error naming its number.
    public static func read(_ path: String) throws -> [ExerciseJournalEntry] {
        let data = try BoundedFileReader.read(path, limit: maxBytes)
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if let last = lines.last, data.last != 0x0A || last.isEmpty { lines.removeLast() }
        let decoder = JSONDecoder()
        var entries: [ExerciseJournalEntry] = []
        for (i, line) in lines.enumerated() {
            guard let e = try? decoder.decode(ExerciseJournalEntry.self, from: Data(line)) else {
                throw FileError(file: path, reason: "line \(i + 1): not a journal entry")
            }
            entries.append(e)
        }
        guard entries.first?.kind == .start, entries.first?.file != nil else {
            throw FileError(file: path, reason: "line 1: a journal starts with a 'start' entry naming the exercise file")
        }
        return entries
    }
}
