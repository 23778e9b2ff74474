import Foundation
import WargameKit

/// Each team's join secret: 128 random bits from the system's generator, as 32 hex digits.
/// Kept in a file beside the journal, readable by its owner only (0600), so that teams
/// reconnect with the same links after `--resume`; never in the journal, which is handed
/// out for the debrief.
public struct TeamSecrets: Sendable {
    /// Secret by team name.
    public private(set) var byTeam: [String: String]

    /// Where the secrets of the exercise journalled at `journal` are kept.
    public static func path(forJournal journal: String) -> String { journal + ".secrets" }

    /// A new random secret: 16 bytes (128 bits) from `SystemRandomNumberGenerator`.
    public static func newSecret() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    public init(byTeam: [String: String]) { self.byTeam = byTeam }

    /// Reads the secrets at `path` (made if missing), adds one for each team in `teams`
    /// that has none, and writes the file back when it changed. A file readable by others
    /// is refused: its links would be everyone's.
    public static func loadOrCreate(_ path: String, teams: [String]) throws -> TeamSecrets {
        var secrets = TeamSecrets(byTeam: [:])
        if FileManager.default.fileExists(atPath: path) {
            var st = stat()
            guard stat(path, &st) == 0 else { throw ServerError("\(path): cannot read the team secrets (errno \(errno))") }
            guard st.st_mode & 0o077 == 0 else {
                throw ServerError("\(path): the team secrets are readable by others (chmod 600 \(path), or delete it for new links)")
            }
            guard st.st_size <= 64 << 10, let data = FileManager.default.contents(atPath: path),
                  let map = try? JSONDecoder().decode([String: String].self, from: data),
                  map.values.allSatisfy({ $0.count == 32 && $0.allSatisfy(\.isHexDigit) }) else {
                throw ServerError("\(path): not a team secrets file (delete it for new links)")
            }
            secrets.byTeam = map
        }
        var changed = false
        for t in teams where secrets.byTeam[t] == nil {
            secrets.byTeam[t] = newSecret()
            changed = true
        }
        if changed { try secrets.write(path) }
        return secrets
    }

    /// Writes the file with mode 0600 from the start (a temporary file renamed over it).
    func write(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(byTeam)
        let tmp = path + ".tmp"
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ServerError("\(tmp): cannot write the team secrets (errno \(errno))") }
        let ok = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) == $0.count } && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw ServerError("\(path): cannot write the team secrets (errno \(errno))")
        }
    }

    /// The team whose secret is `candidate`, or nil. Every team's secret is compared, each
    /// in time independent of where the bytes differ, so the answer's timing tells nothing.
    public func team(for candidate: Substring) -> String? {
        var found: String?
        for (team, secret) in byTeam.sorted(by: { $0.key < $1.key }) where Self.constantTimeEqual(secret.utf8, candidate.utf8) {
            found = team
        }
        return found
    }

    /// Equality of two byte strings whose time depends on their lengths only.
    static func constantTimeEqual<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }
}
