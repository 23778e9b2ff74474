import Foundation
import Testing
@testable import WargameKit

/// `:reload` and `:load` re-attaching a script's policies and hooks, typed into the REPL
/// (standard input not a terminal: no prompts). The terminal itself is in
/// AuthoringTerminalTests.
@Suite struct ScriptReloadTests {
    static let script = """
        local opts = wg.options(...)
        local s = wg.scenario{ name = "reloadable", seed = 3, turns = 30 }
        s:side("West", { "USA" })
        s:side("East", { opts.east or "RUS" })
        s:policy("West", function(view) return "escalate" end)
        s:on("turn", function(r) print("hook turn " .. r.turn) end)
        return s
        """

    static func setUp() throws -> (URL, String) {
        let dir = try Programs.temporaryDirectory()
        let path = dir.appendingPathComponent("sc.lua").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    /// Unchanged script: the replay reaches the same turn, rung and event log as the run
    /// it replays (the same moves from the same seed give the same draws).
    @Test func reloadReplaysTheRecordedMovesToTheSameTurn() throws {
        let (dir, path) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = """
            s = dofile("\(path)")
            s:step(3)
            before = { s.turn, s.rung, #s:log(), tostring(s:log()[#s:log()]) }
            :reload
            print("same", s.turn == before[1], s.rung == before[2], #s:log() == before[3], tostring(s:log()[#s:log()]) == before[4])
            s:step()
            """
        let r = try Programs.repl(["-i"], input: input + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("reloaded \(path); replayed 3 turns of recorded moves; s is at turn 3 ("))
        #expect(r.stdout.contains("same\ttrue\ttrue\ttrue\ttrue\n"))
        // Replaying ran no hooks (3 lines from the first run, then turn 4 only).
        #expect(r.stdout.components(separatedBy: "hook turn ").count - 1 == 4)
        #expect(r.stdout.contains("hook turn 4"))
    }

    /// An edit that changes the sides: the new scenario at turn 0, said plainly. An edit
    /// that breaks the script: s unchanged, the error with its line.
    @Test func reloadSaysWhenItCannotReplay() throws {
        let (dir, path) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let changed = Self.script.replacingOccurrences(of: "opts.east or \"RUS\"", with: "\"CHN\"")
        let broken = Self.script.replacingOccurrences(of: "return s", with: "return s +")
        let input = """
            s = dofile("\(path)")
            s:step(2)
            f = io.open("\(path)", "w") f:write([==[\(changed)]==]) f:close()
            :reload
            print("turn", s.turn)
            s:step(2)
            f = io.open("\(path)", "w") f:write([==[\(broken)]==]) f:close()
            :reload
            print("still", s.turn)
            s = nil
            t = wg.scenario{ name = "typed", seed = 1 }
            :reload
            """
        let r = try Programs.repl(["-i"], input: input + "\n")
        #expect(r.stdout.contains("reloaded \(path): the sides changed (West: USA; East: RUS before, West: USA; East: CHN now), "
                                  + "so the 2 recorded turns could not be replayed; s is at turn 0\n"))
        #expect(r.stdout.contains("turn\t0\n"))
        #expect(r.stderr.contains("wargame-repl: \(path):7: unexpected symbol near <eof>\n  7 | return s +\n"))
        #expect(r.stdout.contains("s is unchanged\nstill\t2\n"))
        #expect(r.stderr.contains("wargame-repl: the current scenario was not built by a script file"))
    }

    /// A save names the script that built it; `:load` runs it again and re-attaches its
    /// policy and hook, or says plainly that it did not.
    @Test func loadReattachesPoliciesAndHooksOrSaysItDidNot() throws {
        let (dir, path) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let save = dir.appendingPathComponent("a.wgs").path
        let input = """
            s = dofile("\(path)")
            s:step(2)
            :save \(save)
            s = nil
            :load \(save)
            print(s.turn, tostring(s:step()):match("West %S+ %(%a+%)"))
            s = nil
            :load \(Programs.root.path)/Tests/Fixtures/save/good.wgs
            """
        let r = try Programs.repl(["-i"], input: input + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("loaded \(save) into s\nre-attached 1 policy and 1 hook from \(path)\n"))
        #expect(r.stdout.contains("hook turn 3\n2\tWest escalate (policy)\n"))  // the policy decided, and the hook ran
        #expect(r.stdout.contains("no policies or hooks re-attached: the save does not name the script that built it; "
                                  + "the built-in doctrine decides for every side\n"))
    }

    /// The script record round-trips through a save; old saves (without it) still load.
    @Test func saveFileKeepsTheScriptRecord() throws {
        let history = try SaveFile.read(Programs.root.appendingPathComponent("Tests/Fixtures/save/good.wgs").path)
        let record = ScriptRecord(path: "Scripts/scenarios/default.lua", args: ["china=true", "turns=20"])
        let data = try SaveFile.encode(history, script: record)
        let (back, script) = try SaveFile.decodeEnvelope(data, file: "x.wgs")
        #expect(back == history)
        #expect(script == record)
        let (_, none) = try SaveFile.readEnvelope(Programs.root.appendingPathComponent("Tests/Fixtures/save/good.wgs").path)
        #expect(none == nil)
        #expect(try SaveFile.decode(data, file: "x.wgs") == history)
    }

    /// The record names the script and its arguments as it was run from the command line.
    @Test func scenarioRemembersItsScriptAndArguments() throws {
        let (dir, path) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let save = dir.appendingPathComponent("b.wgs").path
        let s = try Programs.repl(["-i", path, "east=CHN"], input: ":save \(save)\n")
        #expect(s.status == 0, "\(s.stderr)")
        let (_, script) = try SaveFile.readEnvelope(save)
        #expect(script == ScriptRecord(path: path, args: ["east=CHN"]))
    }
}
