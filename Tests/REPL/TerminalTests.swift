import Foundation
import Testing

/// The interactive prompt on a real terminal (tmux), typed as a person would.
/// Text goes through `send-keys -l` (a bare `end` would be a key name to tmux).
@Suite(.serialized) struct TerminalTests {
    /// Expressions, continuation lines, history file contents, `!` kept, Ctrl-C in running
    /// Lua and at the prompt, Ctrl-D.
    @Test func promptEvaluatesContinuesAndKeepsHistory() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("sub/history").path
        let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_HISTORY": history]))
        #expect(t.waitFor(">"))  // capture-pane trims the trailing space
        try t.type("x = 6 * 7")
        try t.type("x")
        #expect(t.waitFor("\n42"))
        try t.type("return 1, 'two', nil")
        #expect(t.waitFor("1       two     nil")  /* tabs reach the screen as spaces */)
        try t.type("function f(a)")
        #expect(t.waitFor(">>"))
        try t.type("return a + 1 end")
        try t.type("f(x)")
        #expect(t.waitFor("43"))
        try t.type("print(\"a!!b\")")  // no history expansion
        #expect(t.waitFor("\na!!b"))
        try t.type("while true do end")
        usleep(200_000)
        try t.press("C-c")
        #expect(t.waitFor("interrupted!"))
        try t.type("print('x is', x)")  // the session and its state survive
        #expect(t.waitFor("x is    42")  /* tabs reach the screen as spaces */)
        try t.type("dropped_line", enter: false)
        try t.press("C-c")  // drops the line
        #expect(t.waitFor("dropped_line^C"))
        #expect(t.waitForPrompt())
        try t.press("C-d")
        #expect(t.exitStatus() == 0)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        // libedit's format encodes spaces as \040; a chunk is stored whole, once it is complete;
        // the interrupted line is not stored.
        #expect(saved.contains("x\\040=\\0406\\040*\\0407"))
        #expect(saved.contains("function\\040f(a)\\nreturn\\040a\\040+\\0401\\040end") ||
                saved.contains("function\\040f(a)\\012return\\040a\\040+\\0401\\040end"))
        #expect(!saved.split(separator: "\n").contains("function\\040f(a)"))
        #expect(saved.contains("print(\"a!!b\")"))
        #expect(!saved.contains("dropped_line"))
    }

    /// Started with no script, the default scenario is in `s`, the prompt shows it, and
    /// every meta-command maps onto it (against the REPL's test double).
    @Test func defaultScenarioAndEveryMetaCommand() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history").path
        let t = try TmuxSession(Programs.replCommand(environment: [
            "WARGAME_HISTORY": history, "WARGAME_DEFAULT_SCENARIO": Programs.fakeScenario]), width: 160, height: 60)
        #expect(t.waitFor("test-crisis t0 peace>"))
        #expect(t.screen.contains("Type :status to see where things stand, :step to advance a turn."))
        #expect(t.screen.contains(":help lists the commands"))
        try t.type(":status")
        #expect(t.waitFor("rung      0 peace"))
        #expect(t.screen.contains("sides     West (USA) vs East (RUS)\nbalance   RUS/USA 0.40"))
        try t.type(":step")
        #expect(t.waitFor("turn 1: rung 1 (crisis), 1 event(s)"))
        #expect(t.waitFor("test-crisis t1 crisis>"))
        try t.type(":step 2")
        #expect(t.waitFor("test-crisis t3 proxy war>"))
        try t.type(":log 1")
        #expect(t.waitFor("\nturn 3: rung 3 proxy war\n"))
        try t.type(":log")
        #expect(t.waitFor("turn 1: rung 1 crisis\nturn 2: rung 2 sanctions\nturn 3: rung 3 proxy war\n"))
        try t.type(":balance RUS USA")
        #expect(t.waitFor("RUS/USA ratio 0.40"))
        try t.type(":damage RUS")
        #expect(t.waitFor("RUS gdp loss 1.2%"))
        try t.type(":damage XYZ")
        #expect(t.waitFor("\nwargame-repl: unknown state 'XYZ'\n"))
        try t.type(":undo")
        #expect(t.waitFor("back to turn 2"))
        try t.type(":rewind 1")
        #expect(t.waitFor("test-crisis t1 crisis>"))
        try t.type(":fork")
        #expect(t.waitFor("fork1 = fork of test-crisis at turn 1"))
        try t.type("fork1:step(); print('fork at', fork1.turn, 's at', s.turn)")
        #expect(t.waitFor("fork at 2       s at    1")  /* tabs reach the screen as spaces */)
        let save = dir.appendingPathComponent("a.wgs").path, aar = dir.appendingPathComponent("aar.html").path
        try t.type(":save \(save)")
        #expect(t.waitFor("saved to \(save)"))
        try t.type(":step")
        try t.type(":load \(save)")
        #expect(t.waitFor("loaded \(save) into s"))
        #expect(t.waitFor("test-crisis t1 crisis>"))
        try t.type(":report \(aar)")
        #expect(t.waitFor("wrote \(aar)"))
        #expect(FileManager.default.fileExists(atPath: aar))
        try t.type(":seed 7")
        #expect(t.waitFor("seed 7"))
        try t.type(":rewind x")
        #expect(t.waitFor("wargame-repl: usage: :rewind n (n must be an integer, got 'x')"))
        try t.type(":nonsense")
        #expect(t.waitFor("wargame-repl: unknown command ':nonsense' (:help lists them)"))
        try t.type(":help")
        #expect(t.waitFor("Type :help name for one of them"))
        #expect(t.screen.contains("  :balance a b    Prints the force balance"))
        #expect(t.screen.contains("wg.montecarlo"))
        try t.type(":help step")
        #expect(t.waitFor("report = s:step([n])\n  Advances n turns"))
        try t.type(":help wg.nothing")
        #expect(t.waitFor("wargame-repl: no help for 'wg.nothing' (:help lists the names)"))
        try t.type("s = nil")
        try t.type(":status")  // falls back to wg.last(): the fork, created last
        #expect(t.waitFor("rung      1 crisis\ndamage    RUS 0.4%"))  // the one :load made
        #expect(t.waitForPrompt("test-crisis t1 crisis>"))
        try t.type(":quit")
        #expect(t.exitStatus() == 0)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains(":balance\\040RUS\\040USA"))  // :quit saves the history
    }

    /// Tab completes globals, fields, methods through metatables, and meta-command names.
    @Test func tabCompletion() throws {
        let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_DEFAULT_SCENARIO": Programs.fakeScenario,
                                                                   "WARGAME_HISTORY": ""]))
        #expect(t.waitFor("test-crisis t0 peace>"))
        try t.type("wg.ver", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("> wg.version\n0."))
        try t.type("s:ste", enter: false)
        try t.press("Tab")
        try t.type("()")
        #expect(t.waitFor("> s:step()\nturn 1"))
        try t.type("s:st", enter: false)  // s:status and s:step: the second Tab lists both
        try t.press("Tab")
        try t.press("Tab")
        #expect(t.waitFor("s:status"))
        #expect(t.screen.contains("s:step"))
        try t.press("C-c")
        try t.type("string.upp", enter: false)  // a library table
        try t.press("Tab")
        try t.type("('ok')")
        #expect(t.waitFor("\nOK"))
        try t.type("pri", enter: false)  // a global
        try t.press("Tab")
        try t.type("('printed')")
        #expect(t.waitFor("\nprinted"))
        try t.type("nested = setmetatable({}, {__index = setmetatable({alpha = 1}, {__index = {beta = 2}})})")
        try t.type("nested.be", enter: false)  // a chain of __index tables
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("> nested.beta\n2"))
        try t.type("calls = 0; trap = setmetatable({}, {__index = function() calls = calls + 1 end})")
        try t.type("trap.x.y", enter: false)  // completing never calls a function
        try t.press("Tab")
        try t.press("C-c")
        try t.type("calls")
        #expect(t.waitFor("\n0\n"))
        try t.type(":he", enter: false)
        try t.press("Tab")
        try t.type("s:rew", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("> :help s:rewind\ns:rewind(turn)"))
        #expect(t.waitForPrompt("test-crisis t1 crisis>"))
        try t.press("C-d")
        #expect(t.exitStatus() == 0)
    }

    /// ~/.editrc is read (here a key bound to a macro) and the history goes under HOME.
    @Test func editrcRespectedAndHistoryUnderHome() throws {
        let home = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        try "bind -s ^X 'print(4000+2)'\n".write(to: home.appendingPathComponent(".editrc"), atomically: true, encoding: .utf8)
        let t = try TmuxSession(Programs.replCommand(environment: ["HOME": home.path, "WARGAME_HISTORY": "-"]))
        #expect(t.waitFor(">"))
        try t.press("C-x")
        try t.press("Enter")
        #expect(t.waitFor("\n4002"))
        #expect(t.waitForPrompt())
        try t.press("C-d")
        #expect(t.exitStatus() == 0, "\(t.screen)")
        let saved = try String(contentsOfFile: home.appendingPathComponent(".local/state/wargame/history").path, encoding: .utf8)
        #expect(saved.contains("print(4000+2)"))
    }

    /// Colour on a terminal (green prompt, red errors), none with NO_COLOR.
    @Test func colourOnlyWithoutNoColor() throws {
        for noColor in ["-", "1"] {
            let t = try TmuxSession(Programs.replCommand(environment: [
                "NO_COLOR": noColor, "WARGAME_DEFAULT_SCENARIO": Programs.fakeScenario, "WARGAME_HISTORY": ""]))
            #expect(t.waitFor("test-crisis t0 peace>"))
            try t.type("error('boom')")
            #expect(t.waitFor("wargame-repl: stdin:1: boom"))
            let screen = t.colouredScreen
            if noColor == "-" {
                #expect(screen.contains("\u{1b}[32mtest-crisis t0 peace"))
                #expect(screen.contains("\u{1b}[31mwargame-repl: stdin:1: boom"))
            } else {
                #expect(!screen.contains("\u{1b}["))
            }
            #expect(t.waitForPrompt("test-crisis t0 peace>"))
            try t.press("C-d")
            #expect(t.exitStatus() == 0)
        }
    }

    /// A default scenario that is missing or fails: one line, then a plain Lua prompt.
    @Test func missingOrFailingDefaultScenario() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.lua")
        try "error('no such model')\n".write(to: bad, atomically: true, encoding: .utf8)
        for (path, notice) in [(dir.appendingPathComponent("none.lua").path, "cannot open"),
                               (bad.path, "no such model")] {
            let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_DEFAULT_SCENARIO": path,
                                                                       "WARGAME_HISTORY": ""]))
            #expect(t.waitFor("Default scenario not loaded ("))
            #expect(t.screen.contains(notice))
            try t.type(":status")
            #expect(t.waitFor("wargame-repl: no scenario"))
            try t.type("1 + 1")
            #expect(t.waitFor("\n2\n>"))
            #expect(t.waitForPrompt())
            try t.press("C-d")
            #expect(t.exitStatus() == 0)
        }
    }

    /// lua(1)'s command line on a terminal: `--seed` before the script, `-i` after it.
    @Test func seedOptionOnATerminal() throws {
        let t = try TmuxSession(Programs.replCommand(["--seed", "5", "--sandbox", "-i", "-e", "r1 = math.random(1000000)"],
                                                     environment: ["WARGAME_HISTORY": ""]))
        #expect(t.waitFor(">"))
        try t.type("math.randomseed(5); print(wg.seed, r1 == math.random(1000000))")
        #expect(t.waitFor("5       true")  /* tabs reach the screen as spaces */)
        #expect(t.waitForPrompt())
        try t.press("C-d")
        #expect(t.exitStatus() == 0)
    }
}
