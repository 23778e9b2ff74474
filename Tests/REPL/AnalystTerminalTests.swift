import Foundation
import Testing

/// The REPL as an analyst uses it (issue 16), typed at a real terminal (tmux) on the real
/// default scenario: values, stepping, what-ifs, modes, exports, plots, the pager and file
/// completion. Outputs that depend on the models' draws are checked for their form only.
@Suite(.serialized) struct AnalystTerminalTests {
    static let start = "Baltic crisis t0 crisis>"

    /// A session on the default scenario with `--seed 5`; `environment` adds to (or, with
    /// "-", removes from) the one `Programs.replCommand` sets.
    func session(_ environment: [String: String] = [:], width: Int = 160, height: Int = 50) throws -> TmuxSession {
        var env = ["WARGAME_DEFAULT_SCENARIO": Programs.defaultScenario, "WARGAME_HISTORY": ""]
        for (k, v) in environment { env[k] = v }
        let t = try TmuxSession(Programs.replCommand(["--seed", "5"], environment: env), width: width, height: height)
        #expect(t.waitForPrompt(Self.start))
        return t
    }

    func run(_ t: TmuxSession, _ line: String, _ prompt: String = start, _ source: SourceLocation = #_sourceLocation) throws -> String {
        let out = try t.enter(line, prompt: prompt)
        #expect(out != nil, "no prompt '\(prompt)' after '\(line)':\n\(t.screen.suffix(1500))", sourceLocation: source)
        return out ?? ""
    }

    func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init) }

    /// `=expr` as in lua(1), `_`, tables nested with keys sorted, cycles marked, the table
    /// wg.lanchester returns, a report through its own text.
    @Test func valuesPrintReadably() throws {
        let t = try session()
        #expect(try run(t, "=6 * 7") == "42")
        #expect(try run(t, "_ + 1") == "43")
        #expect(try run(t, "{ zeta = 1, alpha = { 3, 2, 1 }, [10] = true, name = 'x' }")
                == "{ [10] = true, alpha = { 3, 2, 1 }, name = \"x\", zeta = 1 }")
        #expect(try run(t, "_.alpha[1]") == "3")
        #expect(try run(t, "loop = { name = 'me' }; loop.self = loop") == "")
        #expect(try run(t, "loop") == "{ name = \"me\", self = <cycle> }")
        let big = try run(t, "local t = {} for i = 1, 100000 do t[i] = i end return t")
        #expect(big.hasSuffix("  ... (at least 100000 entries in all)\n}") && lines(big).count < 60, "\(big)")
        let l = try run(t, "wg.lanchester{ a = 1000, b = 800, alpha = 0.01, beta = 0.012, t = 5 }")
        #expect(l.hasPrefix("{ a = ") && l.contains(", b = ") && l.contains("t = 5") && !l.contains("table: 0x"), "\(l)")
        let report = lines(try run(t, "s:step()", "Baltic crisis t1 sanctions>"))
        #expect(report.first == "turn 1: sanctions (rung 2), was rung 1")
        #expect(report.contains { $0.hasPrefix("  sanctions damage (cumulative GDP loss, % of annual GDP): RUS ") })
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// `:step n` shows every turn; bad counts and an ended scenario get messages in the
    /// user's terms.
    @Test func stepShowsEachTurnAndSaysWhenEnded() throws {
        let t = try session()
        #expect(try run(t, ":set pager off") == "pager off")
        #expect(try run(t, ":step 0") == "wargame-repl: :step 0 steps nothing: give a number of turns, 1 or more (:step alone steps one)")
        #expect(try run(t, ":step -2") == "wargame-repl: cannot step back 2 turns: :undo goes back one turn, :rewind n to turn n")
        #expect(try run(t, ":step x") == "wargame-repl: usage: :step [n] (n is a number of turns, got 'x')")
        let three = lines(try run(t, ":step 3", "Baltic crisis t3 sanctions>"))
        #expect(three.filter { $0.hasPrefix("turn ") }.map { String($0.prefix(7)) } == ["turn 1:", "turn 2:", "turn 3:"], "\(three)")
        #expect(three.filter { $0.hasPrefix("  moves: ") }.count == 3)
        try t.type(":step 100")  // the default scenario ends by turn 40 at the latest
        #expect(t.waitFor("\n  ended: ", seconds: 30), "\(t.screen.suffix(600))")
        #expect(t.waitForAnyPrompt())
        let prompt = lines(t.screen).last(where: { !$0.allSatisfy(\.isWhitespace) }) ?? ">"
        let ended = try run(t, ":step", prompt)
        #expect(ended.hasPrefix("wargame-repl: ended at turn ") && ended.hasSuffix("; nothing stepped"), "\(ended)")
        #expect(!ended.contains("_"))
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// A turn that fails (here a policy's error at turn 3) ends `:step n`; the turns made
    /// before it are shown, then the one-line error, and the scenario stays at turn 2.
    @Test func stepShowsTheTurnsMadeBeforeAFailure() throws {
        let t = try session()
        #expect(try run(t, "s:policy('Russia', function(view) if view.turn == 3 then error('no orders') end end)") == "")
        let out = lines(try run(t, ":step 5", "Baltic crisis t2 sanctions>"))
        #expect(out.filter { $0.hasPrefix("turn ") }.map { String($0.prefix(7)) } == ["turn 1:", "turn 2:"], "\(out)")
        #expect(out.last?.hasPrefix("wargame-repl: ") == true && out.last?.contains("no orders") == true, "\(out)")
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// :forks, :compare from the turn of divergence, :source, :reset.
    @Test func forksCompareSourceAndReset() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.lua").path, scenario = dir.appendingPathComponent("scen.lua").path
        try "from_script = 41 + 1\n".write(toFile: plain, atomically: true, encoding: .utf8)
        try "local s = wg.scenario{ name = 'Mine', seed = 1 }\ns:side('A', {'USA'})\ns:side('B', {'RUS'})\nreturn s\n"
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        let t = try session()
        #expect(try run(t, ":fork a") == "a = fork of Baltic crisis at turn 0 (type s = a to work on it)")
        _ = try run(t, ":step 2", "Baltic crisis t2 sanctions>")
        let forks = lines(try run(t, ":forks", "Baltic crisis t2 sanctions>"))
        #expect(forks.contains { $0.hasPrefix("a ") && $0.contains("turn 0, rung 1 crisis") }, "\(forks)")
        #expect(forks.contains { $0.hasPrefix("s ") && $0.contains("turn 2, rung 2 sanctions") }, "\(forks)")
        let compare = lines(try run(t, ":compare s a", "Baltic crisis t2 sanctions>"))
        #expect(compare.first?.hasPrefix("s and a from turn 1, where they diverge") == true, "\(compare)")
        #expect(compare.contains("turn 1") && compare.contains("turn 2"))
        #expect(compare.contains { $0.hasPrefix("  s  rung 2 sanctions, p_win ") })
        #expect(compare.contains("  a  (not stepped this far)"))
        #expect(try run(t, ":compare s nope", "Baltic crisis t2 sanctions>")
                == "wargame-repl: 'nope' is not a scenario (it holds a nil): :forks lists the scenarios")
        #expect(try run(t, ":source \(plain)", "Baltic crisis t2 sanctions>") == "ran \(plain)")
        #expect(try run(t, "from_script", "Baltic crisis t2 sanctions>") == "42")
        #expect(try run(t, ":source \(dir.path)/none.lua", "Baltic crisis t2 sanctions>").hasPrefix("wargame-repl: cannot open "))
        #expect(try run(t, ":source \(scenario)", "Mine t0 crisis>") == "ran \(scenario); the scenario it returned is now s")
        #expect(try run(t, ":reset") == "s is the default scenario again (Baltic crisis t0 crisis); other scenarios are kept (:forks lists them)")
        #expect(try run(t, "a.turn, from_script") == "0       42"  /* tabs reach the screen as spaces */)
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// :mode for the tabular outputs and a Monte Carlo summary; :export writes CSV, and a
    /// failure is one line naming the file.
    @Test func modesAndExport() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try session()
        _ = try run(t, ":step 2", "Baltic crisis t2 sanctions>")
        let p = "Baltic crisis t2 sanctions>"
        #expect(try run(t, ":mode", p) == "mode table (one of table, csv, json, markdown)")
        #expect(try run(t, ":mode csv", p).hasPrefix("mode csv"))
        let damage = lines(try run(t, ":damage RUS", p))
        #expect(damage.first == "state,gdp_loss_usd_bn_cumulative,gdp_loss_pct_of_annual_gdp,blocked_usd_bn,leaked_usd_bn,unreplaced_usd_bn,commission_usd_bn")
        #expect(damage.count == 2 && damage[1].hasPrefix("RUS,"))
        let balance = lines(try run(t, ":balance RUS USA", p))
        #expect(balance.first == "side,state,cinc_share_of_world,weight,power,alliance")
        #expect(balance.contains { $0.hasPrefix("RUS,BLR,") && $0.hasSuffix(",Union State") })
        #expect(try run(t, ":status", p).hasPrefix("field,value\nscenario,Baltic crisis (seed 5)\nturn,2 of 40\n"))
        #expect(try run(t, ":mode json", p).hasPrefix("mode json"))
        #expect(try run(t, ":log 1", p).hasPrefix("[\n  {\"turn\": 2, \"kind\": \"turn\", \"event\": \"turn 2: sanctions (rung 2)\"}"))
        #expect(try run(t, ":mode markdown", p).hasPrefix("mode markdown"))
        #expect(try run(t, ":status", p).hasPrefix("| field | value |\n|---|---|\n| scenario | Baltic crisis (seed 5) |"))
        #expect(try run(t, ":mode yaml", p) == "wargame-repl: usage: :mode [table|csv|json|markdown] (got 'yaml')")
        #expect(try run(t, ":mode csv", p).hasPrefix("mode csv"))
        _ = try run(t, "sm = wg.montecarlo{ script = '\(Programs.defaultScenario)', runs = 20, turns = 3, threads = 1 }", p)
        let mc = lines(try run(t, "sm", p))
        #expect(mc.first == "measure,key,value" && mc.contains("runs,,20"), "\(mc)")
        #expect(try run(t, ":mode table", p).hasPrefix("mode table"))

        let series = dir.appendingPathComponent("series.csv").path, log = dir.appendingPathComponent("log.csv").path
        #expect(try run(t, ":export series \(series)", p).hasPrefix("wrote 3 rows (turn, rung, rung_name, p_win_NATO, "))
        let csv = lines((try? String(contentsOfFile: series, encoding: .utf8)) ?? "")
        #expect(csv.first == "turn,rung,rung_name,p_win_NATO,p_win_Russia,position_NATO,position_Russia,damage_pct_RUS")
        #expect(csv.dropFirst().map { String($0.prefix(2)) } == ["0,", "1,", "2,"])
        #expect(try run(t, ":export log \(log)", p).hasPrefix("wrote "))
        #expect(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").hasPrefix("turn,kind,event\n1,turn,turn 1: sanctions (rung 2)\n"))
        #expect(try run(t, ":export log \(dir.path)/no/such/x.csv", p) == "wargame-repl: cannot export to \(dir.path)/no/such/x.csv: no such directory")
        #expect(try run(t, ":export sm \(dir.path)/mc.csv", p).hasPrefix("wrote "))
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// :plot draws the rung and the odds with labelled axes: block characters on a terminal,
    /// ASCII with NO_COLOR; on a Monte Carlo summary, the histogram of the highest rung.
    @Test func plots() throws {
        for noColor in ["1", "-"] {
            let t = try session(["NO_COLOR": noColor, "TERM": "xterm"])
            _ = try run(t, ":step 3", "Baltic crisis t3 sanctions>")
            let plot = try run(t, ":plot", "Baltic crisis t3 sanctions>")
            #expect(plot.contains("Baltic crisis: rung per turn") && plot.contains("NATO: odds of winning a war per turn (p_win)"))
            #expect(plot.contains("2 sanctions ") && plot.contains("\n             turn"), "\(plot)")
            if noColor == "1" {
                #expect(plot.contains("+----") && plot.contains("|####") && !plot.contains("█"), "\(plot)")
            } else {
                #expect(plot.contains("└────") && plot.contains("│████"), "\(plot)")
            }
            _ = try run(t, "sm = wg.montecarlo{ script = '\(Programs.defaultScenario)', runs = 20, turns = 3, threads = 1 }",
                        "Baltic crisis t3 sanctions>")
            let hist = lines(try run(t, ":plot sm", "Baltic crisis t3 sanctions>"))
            #expect(hist.first == "Highest rung reached in 20 runs (share of runs)")
            #expect(hist.contains { $0.hasPrefix("rung  0 ") } && hist.last == "         share of runs", "\(hist)")
            #expect(try run(t, ":plot nothing", "Baltic crisis t3 sanctions>")
                    == "wargame-repl: cannot plot 'nothing': it holds a nil, not a scenario or a Monte Carlo summary")
            #expect(t.leaveWithCtrlD() == 0)
        }
    }

    /// Long output goes through less (the default pager) on a terminal: its prompt shows, q
    /// leaves it; `:set pager off` prints straight away.
    @Test func pagerOnATerminal() throws {
        let t = try session(["PAGER": "-", "LESS": "-"], width: 100, height: 15)
        try t.type(":log")  // nothing yet: short output, no pager
        #expect(t.waitFor("(no events yet)"))
        #expect(t.waitForPrompt(Self.start))
        try t.type(":step 6")
        #expect(t.waitForPrompt(":", seconds: 10), "\(t.screen.suffix(800))")  // less's prompt
        try t.press("q")
        #expect(t.waitForPrompt("Baltic crisis t6 sanctions>"), "\(t.screen.suffix(800))")
        #expect(try run(t, ":set pager off", "Baltic crisis t6 sanctions>") == "pager off")
        let out = try run(t, ":log", "Baltic crisis t6 sanctions>")
        #expect(out.hasPrefix("turn 1: sanctions (rung 2)"))
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// Tab completes file names after :save, :load, :report, :source and :export what, and
    /// the modes after :mode.
    @Test func fileNameCompletion() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try session()
        #expect(try run(t, ":save \(dir.path)/alpha.wgs") == "saved to \(dir.path)/alpha.wgs")
        try t.type(":load \(dir.path)/alp", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("loaded \(dir.path)/alpha.wgs into s"), "\(t.screen.suffix(600))")
        #expect(t.waitForPrompt(Self.start))
        try t.type(":export series \(dir.path)/al", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("to \(dir.path)/alpha.wgs"), "\(t.screen.suffix(600))")
        #expect(t.waitForPrompt(Self.start))
        try t.type(":mode cs", enter: false)
        try t.press("Tab")
        try t.press("Enter")
        #expect(t.waitFor("mode csv:"), "\(t.screen.suffix(600))")
        #expect(t.leaveWithCtrlD() == 0)
    }
}
