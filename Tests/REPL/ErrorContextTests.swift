import Foundation
import Testing
@testable import WargameKit

/// Runtime errors in scripts, policies and hooks, as a batch run prints them: Lua's
/// message line first (as lua(1)), the script's line with a caret, the turn for policies
/// and hooks, and a traceback of script frames only.
@Suite struct ErrorContextTests {
    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func policyErrorShowsItsLineCaretTurnAndScriptFrames() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write("""
            local s = wg.scenario{ name = "p", seed = 1 }
            s:side("West", { "USA" })
            s:side("East", { "RUS" })
            s:policy("East", function(view)
              if view.turn > 1 then
                return view.missing.rung
              end
              return "hold"
            end)
            s:step(3)
            """, "policy.lua", in: dir)
        let r = try Programs.repl([path])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "wargame-repl: \(path):10: policy for East failed at turn 2: \(path):6: attempt to index a nil value (field 'missing')")
        #expect(lines.count > 3)
        #expect(lines[1] == "  6 |     return view.missing.rung")
        #expect(lines[2] == "    |                 ^")  // under 'missing'
        #expect(lines[3] == "stack traceback:")
        #expect(lines.contains("\t\(path):6: in function <\(path):4>"))  // inside the policy
        #expect(lines.contains("\t\(path):10: in main chunk"))
        #expect(!r.stderr.contains("[C]"))
    }

    @Test func hookErrorNamesItsEventAndTurn() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write("""
            local s = wg.scenario{ name = "h", seed = 1 }
            s:side("West", { "USA" })
            s:side("East", { "RUS" })
            s:on("turn", function(r)
            \tif r.turn == 2 then error("hook broke") end
            end)
            s:step(3)
            """, "hook.lua", in: dir)
        let r = try Programs.repl([path])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "wargame-repl: \(path):7: 'turn' hook failed at turn 2: \(path):5: hook broke")
        #expect(lines.dropFirst().first == "  5 | \tif r.turn == 2 then error(\"hook broke\") end")
        #expect(lines.dropFirst(2).first == "    | \t^")  // the tab kept, so the caret lines up
        #expect(lines.contains("\t\(path):5: in function <\(path):4>"))
        #expect(!r.stderr.contains("[C]"))
        // The turn whose hook failed did not happen (a turn is atomic).
        let state = try Programs.repl(["-e", "s = loadfile('\(path)') local ok = pcall(s) print(ok, wg.last().turn)"])
        #expect(state.stdout == "false\t1\n")
    }

    /// The position of the innermost readable file is the one shown; a chunk typed at
    /// the prompt has no file, so only the message is printed.
    @Test func excerptUsesTheInnermostReadableFile() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write("local a = 1\nlocal t = nil\nreturn t.x\n", "inner.lua", in: dir)
        let excerpt = ErrorContext.sourceExcerpt(for: "stdin:1: outer: \(path):3: attempt to index a nil value (local 't')")
        #expect(excerpt == "  3 | return t.x\n    |        ^")
        #expect(ErrorContext.sourceExcerpt(for: "stdin:1: attempt to call a nil value (global 'f')") == nil)
        #expect(ErrorContext.sourceExcerpt(for: "\(path):99: past the end") == nil)
        #expect(ErrorContext.scriptFrames("stack traceback:\n\t[C]: in ?\n\tx.lua:3: in main chunk\n\t[C]: in ?") == ["\tx.lua:3: in main chunk"])
    }
}
