import Foundation
import Testing

/// Authoring in a real terminal (tmux), typed as a person types: `:help` as plain text
/// wrapped to the terminal, a policy's error with its line and turn, `:reload` after an edit.
@Suite(.serialized) struct AuthoringTerminalTests {
    @Test func helpIsPlainTextWrappedToTheTerminal() throws {
        let t = try TmuxSession(Programs.replCommand(), width: 72, height: 200)
        #expect(t.waitForPrompt(">"))
        let out = try t.enter(":help s:policy", prompt: ">") ?? ""
        #expect(out.contains("Fields of wg.View"))
        #expect(out.contains("p_win"))  // the view's fields are listed
        #expect(out.contains("wg.Move: one of escalate, hold, deescalate."))
        let doctrine = try t.enter(":help doctrine", prompt: ">") ?? ""
        #expect(doctrine.contains("rationality?"))
        let sanction = try t.enter(":help s:sanction", prompt: ">") ?? ""
        #expect(sanction.contains("secondary?"))
        for text in [out, doctrine, sanction] {
            #expect(!text.isEmpty)
            #expect(!text.contains("`"))
            #expect(!text.contains("|---"))
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix("|") || $0.count > 72 }, "\(text)")
        }
        #expect(t.leaveWithCtrlD() == 0)
    }

    @Test func policyErrorInTheREPLShowsLineCaretAndTurn() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.lua").path
        try """
            local s = wg.scenario{ name = "faulty", seed = 1 }
            s:side("West", { "USA" })
            s:side("East", { "RUS" })
            s:policy("East", function(view)
              if view.turn > 1 then return view.missing.rung end
            end)
            return s
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let t = try TmuxSession(Programs.replCommand(["-i", path]), width: 160, height: 40)
        #expect(t.waitForPrompt("faulty t0 crisis>"))
        try t.type(":step 3")
        #expect(t.waitFor("failed at turn 2"))
        #expect(t.waitForAnyPrompt())
        let out = t.screen
        #expect(out.contains("policy for East failed at turn 2: \(path):5: attempt to index a nil value (field 'missing')"), "\(t.screen)")
        #expect(out.contains("  5 |   if view.turn > 1 then return view.missing.rung end\n    |                                     ^"), "\(out)")
        #expect(t.leaveWithCtrlD() == 0)
    }

    @Test func reloadAfterAnEditKeepsTheTurn() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.lua").path
        let script = """
            local s = wg.scenario{ name = "editable", seed = 4, doctrine = { ceasefire_rung = -1 } }  -- never ends by ceasefire
            s:side("West", { "USA" })
            s:side("East", { "RUS" })
            s:on("turn", function(r) print("version 1 at turn " .. r.turn) end)
            return s
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let t = try TmuxSession(Programs.replCommand(["-i", path]), width: 160, height: 40)
        #expect(t.waitForPrompt("editable t0 crisis>"))
        try t.type(":step 2")
        #expect(t.waitFor("version 1 at turn 2"))
        #expect(t.waitForAnyPrompt())
        let label = t.screen.split(separator: "\n").last(where: { $0.hasPrefix("editable t2 ") }).map { String($0.dropLast()) } ?? "editable t2"
        try script.replacingOccurrences(of: "version 1", with: "version 2").write(toFile: path, atomically: true, encoding: .utf8)
        let out = try t.enter(":reload", prompt: label + ">") ?? ""
        #expect(out.contains("reloaded \(path); replayed 2 turns of recorded moves; s is at turn 2"), "\(t.screen)")
        try t.type(":step")
        #expect(t.waitFor("version 2 at turn 3"))
        #expect(t.waitForAnyPrompt())
        #expect(t.leaveWithCtrlD() == 0)
    }
}
