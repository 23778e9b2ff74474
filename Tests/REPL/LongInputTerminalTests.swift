import Foundation
import Testing

/// Very long input at the terminal: pasted lines, Tab after them, their history, and
/// completion of long names. (Part of the serialized terminal suite.)
extension TerminalTests {
    /// A Lua line allocating many small objects and collecting them: memory that libedit
    /// freed and the Lua heap then reuse is where a stale write would show up.
    static let churn = "t = {} for i = 1, 100000 do t[i] = {i} end t = nil print('churned')"

    /// Pasted 200,000 characters, then Tab at the next prompt, then work that reuses freed
    /// memory and `collectgarbage()`: libedit wrote through a stale line-buffer pointer
    /// there and corrupted the Lua heap (segfault in lua_gc or lua_close). The line is kept
    /// in the history file, loads back in a new session and recalls with Up.
    @Test func pastedLongLineThenTab() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history").path
        let length = 200_000
        let line = "x = \"" + String(repeating: "a", count: length) + "\""
        do {
            let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_HISTORY": history]), width: 200, height: 50)
            #expect(t.waitForPrompt())
            try t.paste(line)
            try t.press("Enter")
            #expect(t.waitForPrompt(seconds: 60), "no prompt after the pasted line")
            try t.press("Tab")  // at the empty prompt that follows
            #expect(try t.enter(Self.churn, prompt: ">", seconds: 30) == "churned")
            #expect(try t.enter("collectgarbage()", prompt: ">", seconds: 30) == "0")
            #expect(try t.enter("#x", prompt: ">", seconds: 30) == "\(length)")
            try t.type("wg.ver", enter: false)  // Tab on a word after the long line
            try t.press("Tab")
            try t.press("Enter")
            #expect(t.waitFor("> wg.version\n0."))
            #expect(t.waitForPrompt())
            #expect(t.leaveWithCtrlD() == 0, "\(t.screen.suffix(600))")
        }
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains(String(repeating: "a", count: length)))

        // A new session loads it; Up (five times: it is the oldest of five entries) recalls it whole.
        let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_HISTORY": history]), width: 200, height: 50)
        #expect(t.waitForPrompt())
        var recalled = false
        for _ in 0..<8 where !recalled {  // a key pressed as libedit switches the terminal's mode can be lost
            try t.press("Up")
            recalled = t.waitFor("aaaa\"", seconds: 5)  // libedit draws the end of a line taller than the screen
        }
        #expect(recalled)
        try t.press("Enter")
        #expect(t.waitForPrompt(seconds: 60))
        try t.press("Tab")
        #expect(try t.enter(Self.churn, prompt: ">", seconds: 30) == "churned")
        #expect(try t.enter("collectgarbage()", prompt: ">", seconds: 30) == "0")
        #expect(try t.enter("#x", prompt: ">", seconds: 30) == "\(length)")
        #expect(t.leaveWithCtrlD() == 0, "\(t.screen.suffix(600))")
    }

    /// Tab completes a 100,000-character global name from its first letters, and a word of
    /// 200,000 characters that matches nothing leaves the session working.
    @Test func tabCompletesLongNames() throws {
        let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_HISTORY": ""]), width: 200, height: 50)
        #expect(t.waitForPrompt())
        let name = "long_" + String(repeating: "b", count: 100_000)
        try t.paste(name + " = 7")
        try t.press("Enter")
        #expect(t.waitForPrompt(seconds: 60))
        try t.type("print(long_", enter: false)
        try t.press("Tab")
        try t.type(")")  // the whole name, or print(long_) would print nil
        #expect(t.waitFor("bbb)\n7\n", seconds: 60), "\(t.screen.suffix(600))")
        #expect(t.waitForPrompt(seconds: 60))
        try t.paste(String(repeating: "z", count: 200_000) + "q")
        try t.press("Tab")
        try t.press("C-u")  // erases the line (queued after Tab, unlike Ctrl-C, which is a signal)
        #expect(try t.enter(Self.churn, prompt: ">", seconds: 60) == "churned")
        #expect(try t.enter("collectgarbage()", prompt: ">", seconds: 30) == "0")
        #expect(t.leaveWithCtrlD() == 0, "\(t.screen.suffix(600))")
    }
}
