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
        try t.type("print('loo' .. 'ping') while true do end")  // the echo does not say looping
        #expect(t.waitFor("\nlooping\n"))
        try t.press("C-c")
        #expect(t.waitFor("interrupted!"))
        #expect(t.waitForAnyPrompt())
        try t.type("print('x is', x)")  // the session and its state survive
        #expect(t.waitFor("x is    42")  /* tabs reach the screen as spaces */)
        #expect(t.waitForAnyPrompt())  // a person types at the prompt, once it is back
        try t.type("dropped_line", enter: false)
        if !t.waitFor("> dropped_line", seconds: 3) {
            try t.type("dropped_line", enter: false)  // flushed by libedit's mode switch: typed again
        }
        #expect(t.waitFor("> dropped_line"))  // and presses Ctrl-C once the line shows
        try t.press("C-c")  // drops the line
        #expect(t.waitFor("dropped_line^C"))
        #expect(t.waitForPrompt())
        #expect(t.leaveWithCtrlD() == 0)
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

    /// Started with no script, the real default scenario (Scripts/scenarios/default.lua,
    /// found by the REPL itself) is in `s`, the prompt shows its name, turn and rung, and
    /// every meta-command prints the engine's real output. `--seed 5` fixes the random draws.
    @Test func defaultScenarioAndEveryMetaCommand() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = dir.appendingPathComponent("history").path
        let t = try TmuxSession(Programs.replCommand(["--seed", "5"], environment: [
            "WARGAME_HISTORY": history, "WARGAME_DEFAULT_SCENARIO": "-"]), width: 160, height: 100)
        #expect(t.waitForPrompt("Baltic crisis t0 crisis>"))
        let opening = t.screen
        #expect(opening.contains("\ns is the default scenario (Baltic crisis t0 crisis). Type :status to see where things stand, :step to advance a turn.\n"))
        #expect(opening.contains("\n:help lists the commands and the wg API, Tab completes, Ctrl-D leaves.\n"))

        func run(_ line: String, _ prompt: String, _ source: SourceLocation = #_sourceLocation) throws -> String {
            let out = try t.enter(line, prompt: prompt)
            #expect(out != nil, "no prompt '\(prompt)' after '\(line)':\n\(t.screen)", sourceLocation: source)
            return out ?? ""
        }
        func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init) }

        let status = lines(try run(":status", "Baltic crisis t0 crisis>"))
        #expect(status.first == "scenario     Baltic crisis (seed 5)")
        #expect(status.contains("turn         0 of 40"))
        #expect(status.contains("rung         1 crisis"))
        #expect(status.contains("side NATO    USA UKG FRN GMY POL EST LAT LIT (nuclear)"))
        #expect(status.contains("side Russia  RUS (nuclear)"))
        #expect(status.contains { $0.hasPrefix("balance      USA/RUS power ratio ") && $0.contains(", p_win ") })
        #expect(status.contains { $0.hasPrefix("damage RUS   GDP loss 0.0 bn USD cumulative (0.00% of annual GDP)") })

        let step = lines(try run(":step", "Baltic crisis t1 sanctions>"))
        #expect(step.first == "turn 1: sanctions (rung 2), was rung 1")
        #expect(step.contains("  moves: NATO rung 2 (policy), Russia deescalate"))
        #expect(step.contains("  USA escalates: crisis → sanctions"))
        // :step 2 shows both turns, each under its heading.
        let two = lines(try run(":step 2", "Baltic crisis t3 sanctions>"))
        #expect(two.first == "turn 2: sanctions (rung 2)" && two.contains("turn 3: sanctions (rung 2)"), "\(two)")
        #expect(lines(try run(":log 1", "Baltic crisis t3 sanctions>")).first == "turn 3: sanctions (rung 2)")
        let log = lines(try run(":log", "Baltic crisis t3 sanctions>"))
        #expect(log.first == "turn 1: sanctions (rung 2)")
        // Turn headings in order; other events (a sanctions detection) depend on the models' draws.
        #expect(log.filter { $0.hasPrefix("turn ") } == ["turn 1: sanctions (rung 2)", "turn 2: sanctions (rung 2)", "turn 3: sanctions (rung 2)"])
        #expect(log.contains("  USA escalates: crisis → sanctions"))
        #expect(log.allSatisfy { $0.hasPrefix("turn ") || ($0.hasPrefix("  ") && !$0.contains("(turn ")) })

        // :balance and :damage print the engine's summaries; their numbers are the ones
        // the Lua API returns.
        let ratio = try run("print(('ratio %.3f, p_win %.3f'):format(s:balance('RUS', 'USA').ratio, s:balance('RUS', 'USA').p_win))",
                            "Baltic crisis t3 sanctions>")
        let balance = lines(try run(":balance RUS USA", "Baltic crisis t3 sanctions>"))
        #expect(balance.first?.hasPrefix("RUS ") == true)
        #expect(balance.contains { $0.hasPrefix("USA ") })
        #expect(balance.last?.hasPrefix(ratio + " (k=") == true, "\(balance) vs \(ratio)")
        let loss = try run("print(('(%.2f%% of annual GDP)'):format(s:damage('RUS').gdp_loss_pct))", "Baltic crisis t3 sanctions>")
        let damage = try run(":damage RUS", "Baltic crisis t3 sanctions>")
        #expect(damage.hasPrefix("GDP loss ") && damage.contains(" bn USD cumulative \(loss); trade blocked "), "\(damage) vs \(loss)")
        #expect(loss != "(0.00% of annual GDP)")  // three turns of sanctions cost something
        #expect(try run(":damage XYZ", "Baltic crisis t3 sanctions>") == "wargame-repl: unknown state code 'XYZ'")

        #expect(try run(":undo", "Baltic crisis t2 sanctions>") == "back to turn 2")
        #expect(try run(":rewind 1", "Baltic crisis t1 sanctions>") == "back to turn 1")
        #expect(try run(":rewind 9", "Baltic crisis t1 sanctions>") == "wargame-repl: no turn 9 in this scenario's history")
        #expect(try run(":fork", "Baltic crisis t1 sanctions>") == "fork1 = fork of Baltic crisis at turn 1 (type s = fork1 to work on it)")
        #expect(try run("fork1:step(); print('fork at', fork1.turn, 's at', s.turn)", "Baltic crisis t1 sanctions>")
                == "fork at 2       s at    1"  /* tabs reach the screen as spaces */)

        // Round trip: save at turn 1, step to 2, load: the prompt is back at turn 1.
        let save = dir.appendingPathComponent("a.wgs").path, aar = dir.appendingPathComponent("aar.html").path
        #expect(try run(":save \(save)", "Baltic crisis t1 sanctions>") == "saved to \(save)")
        #expect(FileManager.default.fileExists(atPath: save))
        #expect(lines(try run(":step", "Baltic crisis t2 sanctions>")).first == "turn 2: sanctions (rung 2)")
        // The save names the default scenario's script: :load re-attaches its policy (issue 15).
        #expect(try run(":load \(save)", "Baltic crisis t1 sanctions>")
                == "loaded \(save) into s\nre-attached 1 policy and 0 hooks from \(Programs.defaultScenario)")
        #expect(try run("s.turn, s.rung, s.name", "Baltic crisis t1 sanctions>") == "1       2       Baltic crisis")
        #expect(try run(":log 1", "Baltic crisis t1 sanctions>").hasPrefix("turn 1: "))

        #expect(try run(":report \(aar)", "Baltic crisis t1 sanctions>") == "wrote \(aar)")
        let html = (try? String(contentsOfFile: aar, encoding: .utf8)) ?? ""
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && html.hasSuffix("</html>"))
        #expect(html.contains("Baltic crisis"))

        #expect(try run(":rewind 0", "Baltic crisis t0 crisis>") == "back to turn 0")
        #expect(try run(":log", "Baltic crisis t0 crisis>") == "(no events yet)")
        #expect(try run(":undo", "Baltic crisis t0 crisis>") == "wargame-repl: nothing to undo: the scenario is at turn 0")
        #expect(try run(":seed 7", "Baltic crisis t0 crisis>") == "seed 7")
        #expect(lines(try run(":status", "Baltic crisis t0 crisis>")).first == "scenario     Baltic crisis (seed 7)")

        #expect(try run(":rewind x", "Baltic crisis t0 crisis>") == "wargame-repl: usage: :rewind n (n must be an integer, got 'x')")
        #expect(try run(":balance RUS", "Baltic crisis t0 crisis>") == "wargame-repl: usage: :balance a b")
        #expect(try run(":nonsense", "Baltic crisis t0 crisis>") == "wargame-repl: unknown command ':nonsense' (:help lists them)")
        let help = try run(":help", "Baltic crisis t0 crisis>")
        #expect(help.hasSuffix("Type :help name for one of them (e.g. :help s:step)."))
        #expect(help.contains("  :balance a b    Prints the force balance"))
        #expect(help.contains("wg.montecarlo"))
        #expect(try run(":help step", "Baltic crisis t0 crisis>").hasPrefix("report = s:step([n])\n  Advances n turns"))
        #expect(try run(":help wg.nothing", "Baltic crisis t0 crisis>") == "wargame-repl: no help for 'wg.nothing' (:help lists the names)")

        // Without s, the commands and the prompt use wg.last(): the scenario :load made
        // (turn 0, seed 7), not fork1 (turn 2, seed 5).
        #expect(try run("s = nil", "Baltic crisis t0 crisis>") == "")
        let last = lines(try run(":status", "Baltic crisis t0 crisis>"))
        #expect(last.prefix(2) == ["scenario     Baltic crisis (seed 7)", "turn         0 of 40"])
        // The rung after the step depends on the draws: wait for turn 1 in the prompt.
        try t.type(":step")
        let stepped = Date().addingTimeInterval(10)
        func prompt() -> String {
            t.screen.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) }).map(String.init) ?? ""
        }
        while Date() < stepped && !(prompt().hasPrefix("Baltic crisis t1 ") && prompt().hasSuffix(">")) { usleep(50_000) }
        #expect(prompt().hasPrefix("Baltic crisis t1 ") && t.screen.contains("\nturn 1: "), "\(t.screen)")
        try t.type(":quit")
        #expect(t.exitStatus() == 0)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains(":balance\\040RUS\\040USA"))  // :quit saves the history
    }

    /// File commands with paths that once killed the session (`:save x` trapped in
    /// Foundation's path splitting) or printed "NSCocoaErrorDomain error 512" (`:report /`):
    /// each succeeds or prints one line naming the path, and the prompt returns. Run in a
    /// directory of its own, with a one-character history file name (the same trap once
    /// lost the history on exit).
    @Test func fileCommandsKeepTheSession() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let command = "cd \(Programs.shellQuoted(dir.path)) && " + Programs.replCommand(["--seed", "5"], environment: [
            "WARGAME_DEFAULT_SCENARIO": Programs.defaultScenario, "WARGAME_HISTORY": "h"])
        let t = try TmuxSession(command, width: 160)
        let prompt = "Baltic crisis t0 crisis>"
        #expect(t.waitForPrompt(prompt))
        func run(_ line: String, _ source: SourceLocation = #_sourceLocation) throws -> String {
            let out = try t.enter(line, prompt: prompt)
            #expect(out != nil, "no prompt after '\(line)':\n\(t.screen)", sourceLocation: source)
            return out ?? ""
        }
        #expect(try run(":save x") == "saved to x")
        #expect(try run(":save /") == "wargame-repl: /: is a directory")
        #expect(try run(":report /") == "wargame-repl: /: is a directory")
        #expect(try run(":save .") == "wargame-repl: .: is a directory")
        #expect(try run(":report y/z.html") == "wargame-repl: y/z.html: no such directory")
        #expect(try run(":load /") == "wargame-repl: /: is a directory")
        #expect(try run(":report r") == "wrote r")
        #expect(try run(":load x") == "loaded x into s\nre-attached 1 policy and 0 hooks from \(Programs.defaultScenario)")
        #expect(t.leaveWithCtrlD() == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["h", "r", "x"])
        #expect(try String(contentsOfFile: dir.appendingPathComponent("h").path, encoding: .utf8).contains(":save\\040x"))
    }

    /// Ctrl-C stops Lua that the engine runs inside a step (a runaway policy), through
    /// `:step` and `s:step()`; the scenario stays at its turn and the session goes on.
    @Test func ctrlCInsideAnEngineStep() throws {
        let t = try TmuxSession(Programs.replCommand(["--seed", "5"], environment: [
            "WARGAME_DEFAULT_SCENARIO": Programs.defaultScenario, "WARGAME_HISTORY": ""]))
        let prompt = "Baltic crisis t0 crisis>"
        #expect(t.waitForPrompt(prompt))
        #expect(try t.enter("calls = 0", prompt: prompt) == "")
        // One line on the 120-column screen: the policy says it is looping.
        #expect(try t.enter("s:policy('Russia', function() calls = calls + 1 print('call ' .. calls) while true do end end)",
                            prompt: prompt) == "")
        for (n, command) in [":step", "s:step()"].enumerated() {
            try t.type(command)
            #expect(t.waitFor("> \(command)\ncall \(n + 1)\n"))  // the policy is looping
            try t.press("C-c")
            #expect(t.waitForPrompt(prompt))
            #expect(t.screen.contains("> \(command)\ncall \(n + 1)\n^Cwargame-repl: interrupted!\n"), "\(t.screen)")
        }
        #expect(try t.enter("s.turn", prompt: prompt) == "0")
        #expect(try t.enter("s:policy('Russia', function(view) return 'hold' end)", prompt: prompt) == "")
        let step = try t.enter(":step", prompt: "Baltic crisis t1 sanctions>")
        #expect(step?.contains("  moves: NATO rung 2 (policy), Russia hold (policy)") == true)
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// Ctrl-C stops a loop inside a coroutine, and the session goes on. Hooks belong to a Lua
    /// thread: the interrupt used to set one on the main thread only, and only SIGKILL ended
    /// this loop.
    @Test func ctrlCStopsALoopInsideACoroutine() throws {
        let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_HISTORY": ""]))
        #expect(t.waitForPrompt())
        let line = "co = coroutine.wrap(function() print('in the ' .. 'coroutine') while true do end end) co()"
        try t.type(line)
        #expect(t.waitFor("> " + line + "\nin the coroutine\n"))  // it runs: no prompt comes back
        // Once: a second Ctrl-C while the loop ran would end the process, as in lua(1).
        try t.press("C-c")
        #expect(t.waitFor("interrupted!"), "\(t.screen)")
        #expect(t.waitForAnyPrompt())
        #expect(try t.enter("1+1", prompt: ">") == "2", "\(t.screen)")
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// The first Ctrl-C in a running chunk takes the handler away (a second one would end
    /// the process, as in lua(1)); the handler is back once the chunk has ended, so the next
    /// chunk and the prompt get their Ctrl-C as before. The loop catches "interrupted!" with
    /// pcall: the interrupt is raised again at its next instruction and still ends it.
    @Test func ctrlCHandlerComesBackAfterTheChunk() throws {
        let t = try TmuxSession(Programs.replCommand(environment: ["WARGAME_HISTORY": ""]))
        #expect(t.waitForPrompt())
        for n in 1...2 {
            try t.type("n = \(n) print('loop ' .. n) while true do pcall(function() while true do end end) end")
            #expect(t.waitFor("\nloop \(n)\n"))  // it runs
            try t.press("C-c")
            #expect(t.waitFor("\nloop \(n)\n^Cwargame-repl: "), "\(t.screen)")
            #expect(t.waitForAnyPrompt())
        }
        #expect(t.screen.components(separatedBy: "interrupted!").count == 3, "\(t.screen)")
        try t.type("at_the_prompt", enter: false)
        try t.press("C-c")  // drops the line
        #expect(t.waitFor("at_the_prompt^C"))
        #expect(t.waitForPrompt())
        #expect(try t.enter("n", prompt: ">") == "2", "\(t.screen)")
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// Tab completes globals, fields, methods through metatables, and meta-command names.
    /// The real scenario object hides its metatable (`__metatable`); completion reads it raw.
    @Test func tabCompletion() throws {
        let t = try TmuxSession(Programs.replCommand(["--seed", "5"], environment: [
            "WARGAME_DEFAULT_SCENARIO": Programs.defaultScenario, "WARGAME_HISTORY": ""]))
        #expect(t.waitForPrompt("Baltic crisis t0 crisis>"))
        try t.type("wg.ver", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("> wg.version\n0."))
        try t.type("getmetatable(s)")  // what a script sees
        #expect(t.waitFor("> getmetatable(s)\nscenario\n"))
        try t.type("s:ste", enter: false)
        try t.press("Tab")
        try t.type("()")
        #expect(t.waitFor("> s:step()\nturn 1: sanctions (rung 2), was rung 1\n"))
        #expect(t.waitForPrompt("Baltic crisis t1 sanctions>"))
        try t.type("s.tu", enter: false)  // a field
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("> s.turn\n1\n"))
        try t.type("s.na", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("> s.name\nBaltic crisis\n"))
        try t.type("s:rung_", enter: false)  // rung and rung_name: only the method fits
        try t.press("Tab")
        try t.type("()")
        #expect(t.waitFor("> s:rung_name()\nsanctions\n"))
        try t.type("s:al", enter: false)  // s:alignment and s:alliance: the second Tab lists both
        try t.press("Tab")
        try t.press("Tab")
        #expect(t.waitFor("> s:al\ns:alignment s:alliance\n"))
        try t.press("C-c")
        #expect(t.waitForAnyPrompt())
        try t.type("s:st", enter: false)  // s:status and s:step
        try t.press("Tab")
        try t.press("Tab")
        #expect(t.waitFor("> s:st\ns:status s:step\n"))
        try t.press("C-c")
        #expect(t.waitForAnyPrompt())
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
        #expect(t.waitForAnyPrompt())
        try t.type("calls")
        #expect(t.waitFor("\n0\n"))
        try t.type(":he", enter: false)
        try t.press("Tab")
        try t.type("s:rew", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("> :help s:rewind\ns:rewind(turn)"))
        #expect(t.waitForPrompt("Baltic crisis t1 sanctions>"))
        #expect(t.leaveWithCtrlD() == 0)
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
        #expect(t.leaveWithCtrlD() == 0, "\(t.screen)")
        let saved = try String(contentsOfFile: home.appendingPathComponent(".local/state/wargame/history").path, encoding: .utf8)
        #expect(saved.contains("print(4000+2)"))
    }

    /// Colour on a terminal (green prompt, red errors), none with NO_COLOR.
    @Test func colourOnlyWithoutNoColor() throws {
        for noColor in ["-", "1"] {
            let t = try TmuxSession(Programs.replCommand(environment: [
                "NO_COLOR": noColor, "WARGAME_DEFAULT_SCENARIO": Programs.defaultScenario, "WARGAME_HISTORY": ""]))
            #expect(t.waitFor("Baltic crisis t0 crisis>"))
            try t.type("error('boom')")
            #expect(t.waitFor("wargame-repl: stdin:1: boom"))
            let screen = t.colouredScreen
            if noColor == "-" {
                #expect(screen.contains("\u{1b}[32mBaltic crisis t0 crisis"))
                #expect(screen.contains("\u{1b}[31mwargame-repl: stdin:1: boom"))
            } else {
                #expect(!screen.contains("\u{1b}["))
            }
            #expect(t.waitForPrompt("Baltic crisis t0 crisis>"))
            #expect(t.leaveWithCtrlD() == 0)
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
            #expect(t.leaveWithCtrlD() == 0)
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
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// --sandbox on a terminal: the default scenario still loads (the host reads it), the
    /// allow-list holds, a runaway line is stopped within the limit, and the session goes on.
    @Test func sandboxOnATerminal() throws {
        let t = try TmuxSession(Programs.replCommand(["--sandbox", "--seed", "2"],
                                                     environment: ["WARGAME_HISTORY": "",
                                                                   "WARGAME_DEFAULT_SCENARIO": Programs.defaultScenario]))
        #expect(t.waitFor("Baltic crisis t0 crisis>"))
        #expect(try t.enter("print(io, os.execute, debug, package)", prompt: "Baltic crisis t0 crisis>") == "nil     nil     nil     nil")
        let start = Date()
        let loop = try t.enter("while true do end", prompt: "Baltic crisis t0 crisis>", seconds: 5)
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(loop?.hasPrefix("wargame-repl: stdin:1: ") == true && (loop?.contains("exceeded") ?? false), "\(loop ?? "nil")")
        let save = try t.enter(":save /tmp/wg-sandbox-terminal.wgs", prompt: "Baltic crisis t0 crisis>")
        #expect(save?.contains("the sandbox does not allow") == true, "\(save ?? "nil")")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/wg-sandbox-terminal.wgs"))
        #expect(try t.enter(":step", prompt: "Baltic crisis t1 sanctions>") != nil)
        #expect(t.leaveWithCtrlD() == 0)
    }
}
