import Foundation
import Testing

/// Ctrl-C during Monte Carlo through the real binary: the runs finished so far are kept,
/// the summary says it is partial, and a second Ctrl-C ends the process as in lua(1).
/// Signals are sent once the program has said it is running, never after a fixed delay.
@Suite struct MonteCarloInterruptTests {
    /// A policy that never returns: the first SIGINT returns the (empty) partial summary and
    /// the chunk goes on into a loop of its own, which only a second SIGINT ends (the first
    /// restored the default action), killing the process with SIGINT as lua(1) is killed.
    @Test func secondInterruptEndsTheProcess() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = try MonteCarloLimitsTests.loopingScript(in: dir)
        let p = try BackgroundProcess(["-e", """
            local sm = wg.montecarlo{ script = '\(script)', runs = 4 }
            io.stderr:write('partial ', tostring(sm.partial), ', ', sm.runs, ' of ', sm.requested, '\\n')
            while true do end
            """])
        let pid = p.process.processIdentifier
        #expect(p.waitForStderr("looping", seconds: 30), "\(p.stderr)")
        let sent = Date()
        kill(pid, SIGINT)
        #expect(p.waitForStderr("partial true, 0 of 4", seconds: 10), "\(p.stderr)")
        #expect(Date().timeIntervalSince(sent) < 5)
        #expect(!ProcSignals.has(SIGINT, "SigCgt", pid: pid))  // the default action, until the chunk ends
        kill(pid, SIGINT)
        #expect(p.exitStatus(seconds: 10) == SIGINT)
        #expect(p.process.terminationReason == .uncaughtSignal)
    }

    /// No progress bar when standard error is not a terminal (here a pipe).
    @Test func noProgressBarWithoutATerminal() throws {
        let r = try Programs.repl(["--runs", "400", "--turns", "20", "--montecarlo", Programs.defaultScenario])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
}

/// The same as a person sees it in a terminal (tmux): a progress bar on standard error while
/// the runs go, Ctrl-C, and the partial summary.
@Suite(.serialized) struct MonteCarloTerminalTests {
    /// A long Monte Carlo shows its progress; Ctrl-C stops it soon and prints the summary of
    /// the runs finished, marked partial, with the count; the exit status says it was cut short.
    @Test func progressBarAndCtrlCKeepsTheRuns() throws {
        let t = try TmuxSession(Programs.replCommand(["--runs", "1000000", "--turns", "20", "--montecarlo",
                                                      Programs.defaultScenario]), width: 140, height: 50)
        #expect(t.waitFor("/1000000 runs", seconds: 30), "\(t.screen)")
        let pressed = Date()
        try t.press("C-c")
        #expect(t.waitFor("partial: interrupted after", seconds: 10), "\(t.screen)")
        let took = Date().timeIntervalSince(pressed)
        #expect(took < 5, "Ctrl-C took \(took) s")
        #expect(t.exitStatus() == 1)
        let screen = t.screen
        #expect(screen.contains("runs finished (the summary above is partial)"), "\(screen)")
        #expect(screen.contains("\nending "), "\(screen)")
        #expect(!screen.contains("/1000000 runs  "), "the bar is erased before the summary:\n\(screen)")
    }

    /// A policy that never returns, in the REPL: Ctrl-C gives the prompt back with the
    /// partial summary in `sm`, and the session goes on.
    @Test func ctrlCInTheREPLKeepsTheSession() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = try MonteCarloLimitsTests.loopingScript(in: dir)
        let t = try TmuxSession(Programs.replCommand(["-i"]), width: 140, height: 50)
        #expect(t.waitForPrompt())
        try t.type("sm = wg.montecarlo{ script = '\(script)', runs = 6 }")
        #expect(t.waitFor("looping", seconds: 30))
        try t.press("C-c")
        #expect(t.waitForAnyPrompt())
        let out = try t.enter("print(sm.partial, sm.runs, sm.requested)", prompt: ">")
        #expect(out?.contains("true") == true && out?.contains("6") == true, "\(t.screen)")
        #expect(t.leaveWithCtrlD() == 0)
    }
}
