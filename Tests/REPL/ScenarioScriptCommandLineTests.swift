import Foundation
import Testing

/// A scenario script (one that returns a scenario) run as a program shows where it stands,
/// and `-i` leaves it in `s`; under --sandbox it can `require` its tree's lib/ modules.
@Suite struct ScenarioScriptCommandLineTests {
    @Test func scenarioScriptPrintsItsStatus() throws {
        let r = try Programs.repl(["Scripts/scenarios/default.lua", "china=true"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Baltic crisis") && r.stdout.contains("side Russia"), "\(r.stdout)")
        // The variant arguments reached the script: its seed is the one given.
        let seeded = try Programs.repl(["Scripts/scenarios/default.lua", "seed=77"])
        #expect(seeded.stdout.contains("seed 77"), "\(seeded.stdout)")
        // A script that returns anything else prints only what it prints, as lua(1).
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.lua")
        try "print('hello') return { 1, 2 }".write(to: plain, atomically: true, encoding: .utf8)
        let p = try Programs.repl([plain.path])
        #expect(p.status == 0 && p.stdout == "hello\n", "\(p.stdout)")
    }

    /// `-i`: the prompt starts with the built scenario in `s` (stdin piped: no prompts).
    @Test func interactiveLeavesTheScenarioInS() throws {
        let r = try Programs.repl(["-i", "Scripts/scenarios/default.lua", "turns=7"],
                                  input: "print('S', s.name, s.turn) s:step(2) print('T', s.turn)\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("S\tBaltic crisis\t0\n") && r.stdout.contains("T\t2\n"), "\(r.stdout)")
        #expect(r.stdout.contains("0 of 7"), "\(r.stdout)")
    }

    @Test func sandboxedScriptRequiresItsLibrariesOnly() throws {
        let r = try Programs.repl(["--sandbox", "Scripts/scenarios/armenia-2020.lua", "bilateral=false"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Karabakh 2020"), "\(r.stdout)")
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("s"), withIntermediateDirectories: true)
        try "return { x = 42 }".write(to: dir.appendingPathComponent("lib/m.lua"), atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("s/t.lua")
        try """
            print(require("lib/m").x, require("lib/m") == require("lib/m"), io, dofile)
            print(pcall(require, "lib/none"))
            print(pcall(require, "os"))
            """.write(to: script, atomically: true, encoding: .utf8)
        let t = try Programs.repl(["--sandbox", script.path])
        #expect(t.status == 0, "\(t.stderr)")
        let lines = t.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "42\ttrue\tnil\tnil", "\(t.stdout)")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("false\t") && $0.contains("not available in the sandbox") }, "\(t.stdout)")
    }
}
