import Foundation
import Testing

/// wargame-repl's command line against lua(1)'s behaviour, run as a separate process.
@Suite struct CommandLineTests {
    @Test func scriptGetsArgsAndArgTable() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("a.lua")
        try "print(..., #arg, arg[0] == (...) , arg[1], arg[-1])\nprint(select('#', ...))"
            .write(to: script, atomically: true, encoding: .utf8)
        let r = try Programs.repl([script.path, "x", "y"])
        #expect(r.status == 0)
        #expect(r.stdout == "x\t2\tfalse\tx\t\(Programs.repl)\n2\n")
    }

    @Test func executeOptionAndVersionTable() throws {
        let r = try Programs.repl(["-e", "print(wg.version == require('wargame').version, 6*7)"])
        #expect(r.status == 0)
        #expect(r.stdout == "true\t42\n")
    }

    @Test func errorExitsOneWithPositionAndTraceback() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("bad.lua")
        try "local function f()\n  error('boom')\nend\nf()\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try Programs.repl([script.path])
        #expect(r.status == 1)
        // lua(1)'s message line, then the script's line with a caret (issue 15), then the
        // traceback of script frames.
        #expect(r.stderr.hasPrefix("wargame-repl: \(script.path):2: boom\n  2 |   error('boom')\n    |   ^\nstack traceback:\n"))
        #expect(r.stderr.contains("\(script.path):4: in main chunk"))
        let syntax = try Programs.repl(["-e", "x = = 1"])
        #expect(syntax.status == 1)
        #expect(syntax.stderr == "wargame-repl: (command line):1: unexpected symbol near '='\n")
    }

    @Test func stdinDashAndPipedStdinRunAsAChunk() throws {
        let dash = try Programs.repl(["-", "p", "q"], input: "print(...)\nprint(arg[1])\n")
        #expect(dash.status == 0)
        #expect(dash.stdout == "p\tq\np\n")
        let piped = try Programs.repl([], input: "#!/usr/bin/env wargame-repl\nlocal x = 2\nprint(x * 21)\n")
        #expect(piped.stdout == "42\n")
        let failing = try Programs.repl([], input: "\n\nerror('late')\n")
        #expect(failing.status == 1)
        #expect(failing.stderr.hasPrefix("wargame-repl: stdin:3: late\n"))
    }

    @Test func interactiveAfterScriptPrintsExpressions() throws {
        // Not a terminal: lines are read without prompts; expressions print their values.
        let r = try Programs.repl(["-i", "-e", "x = 20"], input: "x + 22\nlocal t = {\n1, 2}\nreturn 'a', 'b'\nerror('e')\nprint('still here')\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("42\n"))
        #expect(r.stdout.contains("a\tb\n"))
        #expect(r.stdout.contains("still here\n"))
        #expect(r.stderr.contains("wargame-repl: stdin:1: e"))
    }

    @Test func standardLuaIsUnchanged() throws {
        // Without --sandbox the interpreter is plain Lua 5.4.
        let code = """
            assert(io.write and os.getenv and debug.traceback and package.path and string.dump and utf8.char)
            assert(load(string.dump(function() return 9 end))() == 9)
            local f = io.open(os.tmpname(), 'w'); assert(f); f:close()
            print(_VERSION, math.type(1), math.type(1.0), 7 // 2, 7 / 2, 1 << 4, ("%5.1f"):format(3.14159))
            """
        let r = try Programs.repl(["-e", code])
        #expect(r.stderr == "")
        #expect(r.stdout == "Lua 5.4\tinteger\tfloat\t3\t3.5\t16\t  3.1\n")
    }

    @Test func badOptionsAreReported() throws {
        let r = try Programs.repl(["-Z"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("wargame-repl: unrecognized option '-Z'\nusage: wargame-repl"))
        let missing = try Programs.repl(["/nonexistent/x.lua"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "wargame-repl: cannot open /nonexistent/x.lua: No such file or directory\n")
    }
}

/// wargame's own options and the meta-commands without a terminal.
@Suite struct WargameOptionsTests {
    @Test func helpPrintsUsage() throws {
        let r = try Programs.repl(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("usage: wargame-repl [options] [script [args]]"))
        #expect(r.stdout.contains("--seed n") && r.stdout.contains("--sandbox"))
        #expect(!r.stdout.contains("--api-markdown"))  // hidden
    }

    @Test func seedIsSetBeforeAnyScript() throws {
        let code = "print(wg.seed, math.random(1000000))"
        let a = try Programs.repl(["--seed", "12", "-e", code])
        let b = try Programs.repl(["--seed", "12", "-e", code])
        #expect(a.status == 0 && a.stdout.hasPrefix("12\t"))
        #expect(a.stdout == b.stdout)
        let bad = try Programs.repl(["--seed", "x"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("wargame-repl: '--seed' needs an integer, got 'x'"))
    }

    @Test func sandboxIsAcceptedQuietly() throws {
        let r = try Programs.repl(["--sandbox", "-e", "print(1)"])
        #expect(r.status == 0)
        #expect(r.stdout == "1\n" && r.stderr == "")
    }

    @Test func metaCommandsWithoutATerminal() throws {
        let input = ":step 2\n:status\n:balance RUS\n:help s:fork\n:quit\nprint('not reached')\n"
        let r = try Programs.repl(["--seed", "3", "-i", "-e", "s = dofile('\(Programs.defaultScenario)')"], input: input)
        #expect(r.status == 0)
        #expect(r.stdout.contains("\nturn 2: "))
        #expect(r.stdout.contains("\nscenario     Baltic crisis (seed 3)\nturn         2 of 40\nrung         "))
        #expect(r.stdout.contains("\nside NATO    "))
        #expect(r.stdout.contains("s2 = s:fork()\n  An independent copy"))
        #expect(!r.stdout.contains("not reached"))
        #expect(r.stderr == "wargame-repl: usage: :balance a b\n")
    }

    /// --sandbox: the same command line, on the allow-list with limits.
    @Test func sandboxOptionAppliesTheSandbox() throws {
        let libs = try Programs.repl(["--sandbox", "-e", "print(io, package, debug, dofile, loadfile, string.dump, os.execute, type(wg.scenario), type(os.time))"])
        #expect(libs.status == 0, "\(libs.stderr)")
        #expect(libs.stdout == "nil\tnil\tnil\tnil\tnil\tnil\tnil\tfunction\tfunction\n")
        let start = Date()
        let loop = try Programs.repl(["--sandbox", "-e", "while true do end"])
        #expect(loop.status == 1)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(loop.stderr.hasPrefix("wargame-repl: (command line):1: "), "\(loop.stderr)")
        let bomb = try Programs.repl(["--sandbox", "-i"], input: "x = string.rep('x', 1 << 30)\nprint('alive', 6 * 7)\n")
        #expect(bomb.stderr.contains("not enough memory"), "\(bomb.stderr)")
        #expect(bomb.stdout.contains("alive\t42"))
        let files = try Programs.repl(["--sandbox", "-e", "wg.scenario{}:save('/tmp/wg-sandbox-should-not-exist.wgs')"])
        #expect(files.status == 1)
        #expect(files.stderr.contains("the sandbox does not allow"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/wg-sandbox-should-not-exist.wgs"))
        // A wide clock: what is checked is that the sandbox lets the default scenario run (a
        // debug build at load 10 once took over the default 1 s to load its data).
        let script = try Programs.repl(["--sandbox", "--time-limit", "30", "Scripts/scenarios/default.lua", "turns=2"])
        #expect(script.status == 0, "\(script.stderr)")
    }

    /// The limits are configurable from the command line, with or without --sandbox.
    @Test func limitOptions() throws {
        let start = Date()
        let loop = try Programs.repl(["--time-limit", "0.3", "-e", "while true do end"])
        #expect(loop.status == 1)
        #expect(loop.stderr.hasPrefix("wargame-repl: (command line):1: time limit exceeded"), "\(loop.stderr)")
        #expect(Date().timeIntervalSince(start) < 3)
        let memory = try Programs.repl(["--memory-limit", "16", "-i"], input: "x = string.rep('x', 40 << 20)\nprint('alive')\n")
        #expect(memory.stderr.contains("not enough memory"))
        #expect(memory.stdout.contains("alive"))
        let bad = try Programs.repl(["--time-limit", "-1"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("wargame-repl: '--time-limit' needs seconds"))
    }

    /// Ctrl-C (SIGINT) stops a long Monte Carlo and keeps the runs finished so far: the call
    /// returns a partial summary and the chunk goes on. Sent once a worker has loaded the
    /// script (it says so on standard error): the workers are running.
    @Test func interruptStopsMonteCarlo() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("marked.lua")
        try "io.stderr:write('worker loaded\\n') return dofile(\(Programs.shellQuoted(Programs.defaultScenario)))"
            .write(to: script, atomically: true, encoding: .utf8)
        let p = try BackgroundProcess(["-e", """
            local sm = wg.montecarlo{ script = '\(script.path)', runs = 10000000 }
            io.stderr:write(string.format('partial %s, %d of %d\\n', tostring(sm.partial), sm.runs, sm.requested))
            """])
        #expect(p.waitForStderr("worker loaded", seconds: 30), "\(p.stderr)")
        let sent = Date()
        kill(p.process.processIdentifier, SIGINT)
        let status = p.exitStatus(seconds: 10)
        #expect(Date().timeIntervalSince(sent) < 5)
        #expect(status == 0, "\(p.stderr)")
        let lines = p.stderr.split(separator: "\n").filter { $0 != "worker loaded" }
        #expect(lines.count == 1 && lines[0].hasPrefix("partial true, ") && lines[0].hasSuffix(" of 10000000"), "\(p.stderr)")
    }

    /// --montecarlo FILE prints the summary; the thread count does not change it.
    @Test func monteCarloFromTheCommandLine() throws {
        let args = ["--montecarlo", "Scripts/scenarios/default.lua", "--runs", "40", "--turns", "25", "--seed", "3"]
        let one = try Programs.repl(args + ["--threads", "1"]), two = try Programs.repl(args + ["--threads", "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.hasPrefix("40 runs\n\nending "))
        #expect(one.stdout.contains("\nhighest rung "))
        #expect(one.stdout == two.stdout)
        let missing = try Programs.repl(["--montecarlo", "/nonexistent.lua"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("wargame-repl: (--montecarlo):2: montecarlo: /nonexistent.lua: no such file or directory\n"), "\(missing.stderr)")
    }
}
