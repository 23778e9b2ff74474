import Foundation
import Testing
@testable import WargameKit

/// Malformed save files from Tests/Fixtures/save: each is refused with one line,
/// `file: reason`, from the engine and from Lua alike; the good one loads.
@Suite struct SaveFileCorpusTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/save")

    static let cases: [(String, String)] = [
        ("empty.wgs", "file is empty"),
        ("truncated.wgs", "truncated or padded: 47120 bytes of payload, header says 94240"),
        ("wrong-header.wgs", "not a wargame save file"),
        ("wrong-version.wgs", "save format version 9 is not supported (this build reads 2)"),
        ("text-in-number.wgs", "header: payload length 'twelve' is not a number"),
        ("text-in-payload.wgs", "unreadable scenario: at current.lastReport.events.0.turn: Expected to decode Int but found a string instead."),
        ("edited.wgs", "checksum mismatch: the file was edited or damaged"),
        ("binary.wgs", "not a wargame save file"),
        ("enormous-line.wgs", "header line longer than 200 bytes"),
        ("missing.wgs", "no such file or directory"),
    ]

    @Test(arguments: cases)
    func malformedSaveIsRefusedInOneLineNamingTheFile(file: String, reason: String) throws {
        let path = Self.dir.appendingPathComponent(file).path
        #expect(throws: SaveFile.Error(file: path, reason: reason)) { try SaveFile.read(path) }
        let lua = try LuaState()
        WargameModule.install(in: lua)
        do {
            try lua.run("return wg.load(...)".replacingOccurrences(of: "...", with: "'\(path)'"))
            Issue.record("\(file) loaded")
        } catch {
            #expect(error.message == "\(path): \(reason)")
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func goodSaveLoads() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let path = Self.dir.appendingPathComponent("good.wgs").path
        #expect(try lua.run("local s = wg.load('\(path)') return s.turn, s.name") == [.integer(2), .string("fixture")])
    }
}
