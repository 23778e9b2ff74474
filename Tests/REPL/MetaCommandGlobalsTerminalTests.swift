import Foundation
import Testing

/// Meta-commands that assign globals (`:fork name`, `:load` into `s`) at the terminal.
/// (Part of the serialized terminal suite.)
extension TerminalTests {
    /// `:fork _G` (or print, rawget, wg) replaced that global and every meta-command failed
    /// afterwards. Names held by anything but a scenario are refused with one line, and the
    /// session goes on; `:fork myname` still works, and `:load` does not overwrite an `s`
    /// that is not a scenario either.
    @Test func metaCommandsKeepTakenGlobals() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try TmuxSession(Programs.replCommand(["--seed", "5"], environment: [
            "WARGAME_DEFAULT_SCENARIO": Programs.defaultScenario, "WARGAME_HISTORY": ""]), width: 160, height: 50)
        let prompt = "Baltic crisis t0 crisis>"
        #expect(t.waitForPrompt(prompt))
        func run(_ line: String, _ source: SourceLocation = #_sourceLocation) throws -> String {
            let out = try t.enter(line, prompt: prompt)
            #expect(out != nil, "no prompt after '\(line)':\n\(t.screen.suffix(800))", sourceLocation: source)
            return out ?? ""
        }
        #expect(try run(":fork _G") == "wargame-repl: cannot fork into '_G': names of an underscore and capitals are reserved for Lua; choose another name")
        for (name, type) in [("print", "function"), ("rawget", "function"), ("wg", "table")] {
            #expect(try run(":fork \(name)") == "wargame-repl: cannot fork into '\(name)': it holds a \(type); choose another name")
        }
        #expect(try run(":fork end") == "wargame-repl: usage: :fork [name] (name must be a Lua name)")
        #expect(try run("print(type(_G), type(print), type(rawget), type(wg), type(wg.scenario))")
                == "table   function        function        table   function"  /* tabs reach the screen as spaces */)
        #expect(try run(":status").hasPrefix("scenario     Baltic crisis (seed 5)\nturn         0 of 40\n"))

        #expect(try run("x = 5") == "")
        #expect(try run(":fork x") == "wargame-repl: cannot fork into 'x': it holds a number; choose another name")
        #expect(try run("x") == "5")
        #expect(try run(":fork myname") == "myname = fork of Baltic crisis at turn 0 (type s = myname to work on it)")
        #expect(try run(":fork myname") == "myname = fork of Baltic crisis at turn 0 (type s = myname to work on it)")  // a scenario's name may be reused
        #expect(try run("getmetatable(myname), myname.turn") == "scenario        0")

        // :load writes s: not over a value that is not a scenario.
        let save = dir.appendingPathComponent("a.wgs").path
        #expect(try run(":save \(save)") == "saved to \(save)")
        #expect(try t.enter("s = {1, 2, 3}", prompt: ">") == "")  // no scenario in s: a plain prompt
        #expect(try t.enter(":load \(save)", prompt: ">") == "wargame-repl: cannot load into 's': it holds a table; set s = nil first")
        #expect(try t.enter(":step", prompt: ">")
                == "wargame-repl: s is not a scenario (it holds a table): set s to one, or s = nil to use the last one created")
        #expect(try t.enter("#s", prompt: ">") == "3")
        #expect(try t.enter("s = nil", prompt: prompt) == "")
        // The save names the default scenario's script: :load re-attaches its policy (issue 15).
        #expect(try run(":load \(save)").hasPrefix("loaded \(save) into s\nre-attached 1 policy and 0 hooks from /"))
        #expect(t.leaveWithCtrlD() == 0)
    }
}
