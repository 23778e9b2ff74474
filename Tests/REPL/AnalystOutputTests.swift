import Foundation
import Testing
@testable import WargameKit

/// What the analyst's REPL prints when standard output is not a terminal, and the per-turn
/// series behind :export, :plot and :compare, run as Lua.
@Suite struct AnalystOutputTests {
    /// Output to a pipe never goes through a pager, however long; `=expr` and `_` work
    /// there too.
    @Test func noPagerWhenStdoutIsNotATerminal() throws {
        let input = "s = dofile('Scripts/scenarios/default.lua')\n:step 12\n=#s:log() > 12\n_\n"
        let r = try Programs.repl(["--seed", "5", "-i"], input: input, environment: ["PAGER": "sed s/^/PAGED:/"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("PAGED:"))
        #expect(r.stdout.contains("turn 1: sanctions (rung 2), was rung 1\n") && r.stdout.contains("\nturn 12: "))
        #expect(r.stdout.hasSuffix("true\ntrue\n\n"), "\(r.stdout.suffix(200))")
    }

    /// Once there has been fighting, :plot draws each side's forces left; here NATO's
    /// policy starts a major war at once, so there is fighting within two turns.
    @Test func plotAtWarShowsEachSidesForces() throws {
        let input = "s = dofile('Scripts/scenarios/default.lua')\ns:policy('NATO', function() return { rung = 6 } end)\n"
            + "s:step(2)\n:plot\n"
        let r = try Programs.repl(["--seed", "5", "-i"], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nNATO: forces left per turn (share of initial theatre force)\n1.0 |"), "\(r.stdout)")
        #expect(r.stdout.contains("\nRussia: forces left per turn (share of initial theatre force)\n1.0 |"))
        #expect(!r.stdout.contains("odds of winning a war per turn"))
    }

    /// A huge, wide value prints in bounded time in the sandbox (1 s a chunk): the printer
    /// reads a bounded number of entries and says where it stopped.
    @Test func hugeValuesPrintWithinTheSandboxLimits() throws {
        let input = "local t = {} for i = 1, 60 do local u = {} for j = 1, 3000 do u['k' .. j] = j end t[i] = u end return t\n"
        let r = try Programs.repl(["--sandbox", "-i"], input: input)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains("{ ... (not shown: the printer's limit on entries read) }"))
        #expect(r.stdout.contains("  ... (20 more)\n}"))
    }

    /// s:series(): one row per turn from 0, the rung and damage of each turn as the
    /// scenario reported them then.
    @Test func seriesFollowsTheTurns() throws {
        let state = try LuaState()
        WargameModule.install(in: state)
        let out = try state.run("""
            local s = dofile("\(Programs.defaultScenario)")
            s:seed(5)
            local rungs, damage = { [0] = s.rung }, { [0] = s:damage("RUS").gdp_loss_pct }
            for t = 1, 6 do s:step(); rungs[t] = s.rung; damage[t] = s:damage("RUS").gdp_loss_pct end
            local rows = s:series()
            local ok = #rows == 7 and rows.columns[1] == "turn" and rows.sides[1] == "NATO"
            for t = 0, 6 do
              local r = rows[t + 1]
              ok = ok and r.turn == t and r.rung == rungs[t] and r.damage_pct_RUS == damage[t]
                   and r.p_win_NATO > 0 and r.p_win_NATO < 1 and r.position_NATO == 1
            end
            s:undo()
            return ok, #s:series(), rows.rungs
            """, name: "=series")
        #expect(out == [.boolean(true), .integer(6), .integer(10)])
    }
}
