import Foundation
import Testing

/// The interactive prompt on a real terminal (tmux), typed as a person would.
@Suite(.serialized) struct TerminalTests {
    @Test func promptEvaluatesAndContinues() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history").path
        let t = try TmuxSession("env NO_COLOR=1 WARGAME_HISTORY=\(history) \(Programs.repl)")
        #expect(t.waitFor(">"))  // capture-pane trims the trailing space
        try t.type("x = 6 * 7")
        try t.type("x")
        #expect(t.waitFor("\n42"))
        try t.type("function f(a)")
        #expect(t.waitFor(">>"))
        try t.type("return a + 1 end")
        try t.type("f(x)")
        #expect(t.waitFor("43"))
        try t.type("while true do end")
        usleep(300_000)
        try t.press("C-c")
        #expect(t.waitFor("interrupted!"))
        try t.type("dropped_line", enter: false)
        try t.press("C-c")  // drops the line
        #expect(t.waitFor("dropped_line^C"))
        try t.press("C-d")
        #expect(t.exitStatus() == 0)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        // libedit's format encodes spaces as \040; the interrupted line was not stored.
        #expect(saved.contains("x\\040=\\0406\\040*\\0407"))
        #expect(!saved.contains("dropped_line"))
    }
}
