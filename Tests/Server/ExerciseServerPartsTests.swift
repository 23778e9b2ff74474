import Foundation
import Testing
@testable import WargameServer

/// The exercise server's parts that need no process: the teams' secrets and their file, and
/// the rate limit.
struct ExerciseServerPartsTests {
    @Test func secretsAreRandomKeptOwnerOnlyAndSurviveAReload() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("j.jsonl.secrets").path
        let first = try TeamSecrets.loadOrCreate(path, teams: ["Blue", "Red"])
        let blue = try #require(first.byTeam["Blue"]), red = try #require(first.byTeam["Red"])
        #expect(blue.count == 32 && blue.allSatisfy(\.isHexDigit))  // 128 bits
        #expect(blue != red)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        #expect(mode == 0o600)
        // Read back: the same secrets; a new team gets one, the others keep theirs.
        let again = try TeamSecrets.loadOrCreate(path, teams: ["Blue", "Red", "Green"])
        #expect(again.byTeam["Blue"] == blue && again.byTeam["Red"] == red && again.byTeam["Green"] != nil)
        // 1000 new secrets: no two alike.
        #expect(Set((0..<1000).map { _ in TeamSecrets.newSecret() }).count == 1000)
    }

    @Test func aSecretsFileOthersCanReadIsRefused() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s").path
        _ = try TeamSecrets.loadOrCreate(path, teams: ["Blue"])
        chmod(path, 0o644)
        #expect(throws: ServerError.self) { try TeamSecrets.loadOrCreate(path, teams: ["Blue"]) }
        chmod(path, 0o600)
        try "not json".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        let error = #expect(throws: ServerError.self) { try TeamSecrets.loadOrCreate(path, teams: ["Blue"]) }
        #expect(error?.description.contains("not a team secrets file") == true)
    }

    @Test func aSecretFindsItsTeamOnlyWhenEveryByteMatches() {
        let s = TeamSecrets(byTeam: ["Blue": "0123456789abcdef0123456789abcdef", "Red": "fedcba9876543210fedcba9876543210"])
        #expect(s.team(for: "0123456789abcdef0123456789abcdef") == "Blue")
        #expect(s.team(for: "fedcba9876543210fedcba9876543210") == "Red")
        #expect(s.team(for: "0123456789abcdef0123456789abcdee") == nil)
        #expect(s.team(for: "0123456789abcdef0123456789abcde") == nil)
        #expect(s.team(for: "") == nil)
        #expect(TeamSecrets.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!TeamSecrets.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
    }

    @Test func theRateLimitRefusesPastTheBurstAndRefillsWithTime() {
        final class Clock: @unchecked Sendable { var now = 100.0 }
        let clock = Clock()
        let limiter = RateLimiter(burst: 10, perSecond: 2, clock: { clock.now })
        #expect((0..<10).allSatisfy { _ in limiter.allow("a") })
        #expect(!limiter.allow("a"))
        #expect(limiter.allow("b"))  // another client has its own bucket
        clock.now += 1               // two tokens back
        #expect(limiter.allow("a") && limiter.allow("a"))
        #expect(!limiter.allow("a"))
        clock.now += 1000            // never more than the burst
        #expect((0..<10).allSatisfy { _ in limiter.allow("a") })
        #expect(!limiter.allow("a"))
    }
}
