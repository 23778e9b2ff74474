import Foundation
import Testing
@testable import WargameKit

@Suite struct MonteCarloTests {
    static let script = Programs.root.appendingPathComponent("Scripts/scenarios/default.lua").path

    static func summary(threads: Int, runs: Int = 60, seed: Int = 5) throws -> [LuaValue] {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return try lua.run("""
            local sm = wg.montecarlo{ script = "\(script)", args = { china = true }, runs = \(runs), turns = 30,
                                      seed = \(seed), threads = \(threads) }
            local shares, reached = 0, {}
            for _, v in pairs(sm.endings) do shares = shares + v end
            for r = 0, 9 do reached[#reached + 1] = string.format("%.17g", sm.reached[r]) end
            return sm.runs, string.format("%.17g", shares), table.concat(reached, ","),
                   string.format("%.17g %.17g %.17g %.17g", sm.gdp_loss_pct.p5, sm.gdp_loss_pct.p50,
                                 sm.gdp_loss_pct.p95, sm.gdp_loss_pct.mean),
                   string.format("%.17g %.17g", sm.max_rung.p50, sm.max_rung.mean)
            """)
    }

    @Test func summaryIsBitIdenticalWhateverTheThreadCount() throws {
        let one = try Self.summary(threads: 1)
        #expect(try Self.summary(threads: 2) == one)
        #expect(try Self.summary(threads: 3) == one)
        #expect(one[0] == .integer(60))
        #expect(try Self.summary(threads: 2, seed: 6) != one)
    }

    @Test func sharesAreShares() throws {
        let r = try Self.summary(threads: 2)
        #expect(abs((Double(r[1].asString ?? "") ?? 0) - 1) < 1e-12)
        let reached = (r[2].asString ?? "").split(separator: ",").compactMap { Double($0) }
        #expect(reached.count == 10)
        #expect(reached.first == 1)  // every run starts at or above rung 0
        #expect(zip(reached, reached.dropFirst()).allSatisfy { $0 >= $1 })  // reaching r+1 means reaching r
    }

    /// The seed of a run depends only on the master seed and the run's index.
    @Test func runSeedsAreAFunctionOfSeedAndIndex() {
        #expect(MonteCarlo.seed(1, run: 0) == MonteCarlo.seed(1, run: 0))
        #expect(MonteCarlo.seed(1, run: 0) != MonteCarlo.seed(1, run: 1))
        #expect(MonteCarlo.seed(1, run: 0) != MonteCarlo.seed(2, run: 0))
    }

    /// Type-7 quantiles against values computed by hand.
    @Test func quantilesAreHyndmanFanType7() {
        let q = MonteCarlo.quantiles([4, 1, 3, 2, 5])  // sorted 1...5
        #expect(q.p50 == 3)
        #expect(abs(q.p5 - 1.2) < 1e-12)    // h = 4·0.05 = 0.2
        #expect(abs(q.p95 - 4.8) < 1e-12)   // h = 3.8
        #expect(q.mean == 3)
    }

    @Test func badScriptsAreLuaErrors() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local function e(t) return select(2, pcall(wg.montecarlo, t)) end
            return e{ script = "/nonexistent.lua", runs = 2 }, e{ runs = 2 }, e{ script = "\(Self.script)", runs = 0 }, e{ script = "/" }
            """)
        #expect(r[0] == .string("montecarlo: /nonexistent.lua: no such file or directory"))
        #expect(r[3] == .string("montecarlo: /: is a directory"))
        #expect(r[1].asString?.contains("field 'script' expected") == true)
        #expect(r[2].asString?.contains("field 'runs' must be in 1..") == true, "\(r[2].description)")
    }
}
