import Foundation
import Testing

/// `wargame-repl --check`, run as an author runs it. The broken scripts of
/// Tests/Fixtures/check each say what they expect in `-- expect: line: message` comments.
@Suite struct ScriptCheckTests {
    static let corpus = Programs.root.appendingPathComponent("Tests/Fixtures/check")

    /// The corpus files, read at test time.
    static func fixtures() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "lua" }.sorted { $0.path < $1.path }
    }

    /// Every `.lua` file under Scripts/, found at test time (others add scripts).
    static func scripts() -> [String] {
        let root = Programs.root.appendingPathComponent("Scripts")
        let walker = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let p = walker?.nextObject() as? String { if p.hasSuffix(".lua") { found.append("Scripts/" + p) } }
        return found.sorted()
    }

    @Test func everyBrokenScriptGetsItsMessagesAtItsLines() throws {
        let files = try Self.fixtures()
        #expect(files.count >= 10)
        for file in files {
            let relative = "Tests/Fixtures/check/" + file.lastPathComponent
            let text = try String(contentsOf: file, encoding: .utf8)
            let expected = text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("-- expect: ") else { return nil }
                return relative + ":" + line.dropFirst("-- expect: ".count)
            }
            #expect(!expected.isEmpty, "\(relative) says nothing it expects")
            let r = try Programs.repl(["--check", relative])
            #expect(r.status == 1, "\(relative): status \(r.status)")
            #expect(r.stdout.split(separator: "\n").map(String.init) == expected, "\(relative):\n\(r.stdout)")
        }
    }

    @Test func everyScriptInTheRepositoryPasses() throws {
        let scripts = Self.scripts()
        #expect(scripts.contains("Scripts/scenarios/default.lua"))
        let r = try Programs.repl(["--check"] + scripts)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == scripts.count)
        for (script, line) in zip(scripts, lines) { #expect(line.hasPrefix(script + ": ok ("), "\(line)") }
        // Scenario scripts are run (what they build is named), the others compiled.
        #expect(lines.contains("Scripts/scenarios/default.lua: ok (scenario 'Baltic crisis', 2 sides)"))
    }

    /// A file with problems among good ones: every file is reported, and the status is 1.
    @Test func oneBadFileAmongGoodOnesFailsTheRun() throws {
        let r = try Programs.repl(["--check", "Scripts/scenarios/default.lua", "Tests/Fixtures/check/overlapping-sides.lua"])
        #expect(r.status == 1)
        #expect(r.stdout == "Scripts/scenarios/default.lua: ok (scenario 'Baltic crisis', 2 sides)\n"
                + "Tests/Fixtures/check/overlapping-sides.lua:5: RUS is already on side 'East'\n")
        #expect(r.stderr == "wargame-repl: 1 of 2 files have problems\n")
    }

    /// The check never steps: a script that steps 1000 turns is checked at once, and its
    /// hooks (which would print) never run.
    @Test func checkingDoesNotStepOrPrint() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("steps.lua")
        try """
            local s = wg.scenario{ name = "stepper", seed = 1, turns = 1000 }
            s:side("West", { "USA" })
            s:side("East", { "RUS" })
            s:on("turn", function(r) print("stepped", r.turn) end)
            print("building")
            s:step(1000)
            return s
            """.write(to: script, atomically: true, encoding: .utf8)
        let r = try Programs.repl(["--check", script.path])
        #expect(r.status == 0)
        #expect(r.stdout == "\(script.path): ok (scenario 'stepper', 2 sides)\n")
    }

    /// A scenario that reads its data is checked with its data; one that saves or reports
    /// writes nothing while it is checked.
    @Test func dataFilesAreReadAndNothingIsWritten() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("data.lua"), save = dir.appendingPathComponent("out.wgs")
        try """
            local s = wg.scenario{ name = "with data", seed = 1 }
            s:side("West", { "USA" })
            s:side("East", { "RUS" })
            s:trade("Tests/Fixtures/sanctions/trade-good.csv")
            s:save("\(save.path)")
            s:report("\(save.path).html")
            return s
            """.write(to: script, atomically: true, encoding: .utf8)
        let r = try Programs.repl(["--check", script.path])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout == "\(script.path): ok (scenario 'with data', 2 sides)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["data.lua"])
    }

    @Test func missingFilesAndNoFilesAreErrors() throws {
        let none = try Programs.repl(["--check"])
        #expect(none.status == 1)
        #expect(none.stderr == "wargame-repl: '--check' needs at least one file\n")
        let missing = try Programs.repl(["--check", "no/such/file.lua"])
        #expect(missing.status == 1)
        #expect(missing.stdout.hasPrefix("no/such/file.lua: cannot open no/such/file.lua"))
    }
}
