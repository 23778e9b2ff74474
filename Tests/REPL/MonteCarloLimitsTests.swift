import Foundation
import Testing

/// The caller's limits and Ctrl-C reach Monte Carlo workers, even in a run whose policy
/// never returns (it ran for over ten minutes, deaf to both).
@Suite struct MonteCarloLimitsTests {
    /// A scenario whose East policy says so on standard error, then loops forever (in a
    /// coroutine it starts, with `inCoroutine`).
    static func loopingScript(in dir: URL, inCoroutine: Bool = false) throws -> String {
        let url = dir.appendingPathComponent(inCoroutine ? "coloop.lua" : "loop.lua")
        let loop = "io.stderr:write(\"looping\\n\") while true do end"
        try """
            local s = wg.scenario{ name = "loop", seed = 1 }
            s:side("West", {"USA"})
            s:side("East", {"RUS"})
            s:policy("East", function(view) \(inCoroutine ? "return coroutine.wrap(function() \(loop) end)()" : loop) end)
            return s
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// `--time-limit 1` stops `--montecarlo` and `wg.montecarlo` with a one-line error.
    @Test func timeLimitStopsALoopingRun() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = try Self.loopingScript(in: dir)
        for (arguments, chunk) in [(["--montecarlo", script, "--runs", "8"], "(--montecarlo):2"),
                                   (["-e", "wg.montecarlo{ script = '\(script)', runs = 8 }"], "(command line):1")] {
            let start = Date()
            let p = try BackgroundProcess(["--time-limit", "1"] + arguments)
            let status = p.exitStatus(seconds: 30)
            #expect(status == 1, "\(arguments): \(p.stderr)")
            #expect(Date().timeIntervalSince(start) < 20)
            let errors = p.stderr.split(separator: "\n").filter { $0 != "looping" }
            #expect(errors == ["wargame-repl: \(chunk): time limit exceeded"], "\(p.stderr)")
        }
    }

    /// SIGINT, as Ctrl-C sends it, stops workers in the middle of a run, also in a coroutine
    /// the run started. The workers block SIGINT, so that the handler runs on the main thread
    /// (it sets hooks on the caller's state, which no other thread may touch). No run
    /// finished: `--montecarlo` prints the empty partial summary and says so, status 1;
    /// `wg.montecarlo` returns it and the chunk goes on.
    @Test func interruptStopsALoopingRun() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = try Self.loopingScript(in: dir)
        let coroutineScript = try Self.loopingScript(in: dir, inCoroutine: true)
        let reported = "\nwargame-repl: interrupted: 0 of 8 runs finished (the summary above is partial)"
        for (arguments, expected, text) in [
            (["--runs", "8", "--montecarlo", script], Int32(1), reported),
            (["-e", "local sm = wg.montecarlo{ script = '\(script)', runs = 8 } io.stderr:write('runs ', sm.runs, ' partial ', tostring(sm.partial), '\\n')"],
             Int32(0), "\nruns 0 partial true\n"),
            (["--runs", "8", "--montecarlo", coroutineScript], Int32(1), reported)] {
            let p = try BackgroundProcess(arguments)
            #expect(p.waitForStderr("looping", seconds: 30), "\(p.stderr)")  // a worker is in the loop
            let pid = p.process.processIdentifier
            let workers = ProcSignals.threads(named: "wg-montecarlo", pid: pid)
            #expect(!workers.isEmpty, "\(arguments): no worker thread found")
            for tid in workers { #expect(ProcSignals.has(SIGINT, "SigBlk", pid: pid, tid: tid), "worker \(tid)") }
            #expect(!ProcSignals.has(SIGINT, "SigBlk", pid: pid, tid: pid))  // the main thread takes it
            let sent = Date()
            kill(pid, SIGINT)
            let status = p.exitStatus(seconds: 30)
            #expect(status == expected, "\(arguments): \(p.stderr)")
            #expect(Date().timeIntervalSince(sent) < 10)
            #expect(p.stderr.contains(text), "\(p.stderr)")
        }
    }

    /// `--memory-limit` applies to each worker's state too.
    @Test func memoryLimitAppliesToWorkers() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("big.lua")
        try """
            local s = wg.scenario{ name = "big", seed = 1 }
            s:side("West", {"USA"})
            s:side("East", {"RUS"})
            s:policy("East", function(view) big = string.rep("x", 64 << 20) return "hold" end)
            return s
            """.write(to: script, atomically: true, encoding: .utf8)
        let r = try Programs.repl(["--memory-limit", "16", "--montecarlo", script.path, "--runs", "2", "--turns", "1"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("wargame-repl: (--montecarlo):2: montecarlo: run "), "\(r.stderr)")
        #expect(r.stderr.contains("not enough memory"), "\(r.stderr)")
        let unlimited = try Programs.repl(["--montecarlo", script.path, "--runs", "2", "--turns", "1"])
        #expect(unlimited.status == 0, "\(unlimited.stderr)")
    }
}
