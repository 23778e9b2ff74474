import Foundation
import Testing
@testable import WargameKit

/// A save is atomic: the program is killed (SIGKILL) at random moments while it saves a
/// large scenario over the same file again and again, and the file always loads, as the
/// previous save or the new one, never a partial one.
@Suite struct KillDuringSaveTests {
    static let script = """
        local path = ...
        local s = wg.scenario{ name = "big", seed = 9, rung = 2, turns = 100000,
                               doctrine = { ceasefire_rung = -1, capitulation_odds = 0, breakpoint = 0 } }
        s:side("East", {"RUS", "BLR", "ARM", "KZK"})
        s:side("West", {"USA", "UKG", "FRN", "GMY", "ITA", "POL", "CAN"})
        s:policy("RUS", function() return "hold" end)
        s:policy("USA", function() return "hold" end)
        s:step(100)
        local n = 0
        while true do
            n = n + 1
            s:step(1)  -- each save differs from the one before
            s:save(path)
        end
        """

    func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The temporary files of saves of big.wgs by process `pid` (`.big.wgs.PID.<random>.tmp`).
    func temporaries(of pid: Int32, in dir: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix(".big.wgs.\(pid).") && $0.hasSuffix(".tmp") }
    }

    @Test func killedMidSaveLeavesAWholeFile() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("saver.lua")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("big.wgs").path
        var rng = SeededGenerator(seed: 31)
        var turnsSeen = Set<Int>()
        var midWrite = 0
        for round in 0..<8 {
            let before = modified(path)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Programs.repl)
            p.arguments = [script.path, path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait for this round's first save (a new modification time), then kill at a
            // random moment: a save takes about a third of a second, so most kills land in one.
            func waitForASave(after previous: Date?) {
                let start = Date()
                while modified(path) == previous, Date().timeIntervalSince(start) < 30 { usleep(5_000) }
            }
            waitForASave(after: before)
            if round % 2 == 0 {
                // After 0, 1 or 2 more saves, so that kills follow different saves however
                // long a save takes on a loaded machine (a fixed delay did not, there).
                for _ in 0..<(round / 2 % 3) { waitForASave(after: modified(path)) }
                usleep(UInt32(rng.next() % 700_000))
            } else {  // the moment the temporary file appears: mid-write
                let t0 = Date()
                while temporaries(of: p.processIdentifier, in: dir).isEmpty, Date().timeIntervalSince(t0) < 10 { usleep(200) }
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // A temporary file left behind means the kill landed in the middle of a write.
            if !temporaries(of: p.processIdentifier, in: dir).isEmpty {
                midWrite += 1
            }
            #expect(p.terminationReason == .uncaughtSignal, "round \(round): the program ended by itself")
            let history = try SaveFile.read(path)  // throws on a partial file
            #expect(history.current.name == "big")
            turnsSeen.insert(history.current.turn)
        }
        #expect(midWrite >= 1)  // some kills did land in the middle of a write
        // The next save clears what killed saves left behind.
        try SaveFile.write(try SaveFile.read(path), to: path)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(turnsSeen.allSatisfy { $0 >= 101 })
        #expect(turnsSeen.count > 1)  // the kills came after different saves
    }
}
