import Foundation
import Testing
@testable import WargameKit

/// File errors from Lua: one line naming the path and saying why in plain words, never a
/// Foundation description such as "NSCocoaErrorDomain error 512" (`:report /` once said that).
@Suite struct FileErrorTests {
    static let two = """
        s = wg.scenario{ name = "x", seed = 1 }
        s:side("West", {"USA", "UKG"}); s:side("East", {"RUS"})
        """

    /// Every file error names the path and says why in plain words, in one line: the save,
    /// the load, the report, the CSV loaders and the capabilities file.
    @Test func fileErrorsNameThePathInPlainWords() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let d = dir.path, missing = dir.appendingPathComponent("none.csv").path
        let nodir = dir.appendingPathComponent("nodir/y.html").path
        let lua = try LuaState()
        WargameModule.install(in: lua)
        try lua.run(Self.two, name: "=t")
        let cases: [(String, String)] = [
            ("s:save('\(d)')", "t:1: \(d): is a directory"),
            ("s:save('/')", "t:1: /: is a directory"),
            ("s:save('\(nodir)')", "t:1: \(nodir): no such directory"),
            ("s:report('/')", "t:1: /: is a directory"),
            ("s:report('\(nodir)')", "t:1: \(nodir): no such directory"),
            ("wg.load('\(d)')", "\(d): is a directory"),
            ("wg.load('\(missing)')", "\(missing): no such file or directory"),
            ("s:trade('\(d)')", "t:1: \(d): is a directory"),
            ("s:trade('\(missing)')", "t:1: \(missing): no such file or directory"),
            ("s:economy('\(missing)')", "t:1: \(missing): no such file or directory"),
            ("s:sanction('\(d)')", "t:1: \(d): is a directory"),
            ("s:alignment('\(missing)')", "t:1: \(missing): no such file or directory"),
            ("wg.capabilities('\(d)')", "\(d): is a directory"),
            ("wg.capabilities('\(missing)')", "\(missing): no such file or directory"),
        ]
        for (call, message) in cases {
            let r = try lua.run("return select(2, pcall(function() \(call) end))", name: "=t")
            #expect(r == [.string(message)], "\(call)")
        }
    }
}
