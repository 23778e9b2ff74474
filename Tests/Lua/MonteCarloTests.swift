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

    /// A runner for the default scenario, as `wg.montecarlo` makes it.
    static func runner(threads: Int, runs: Int = 24) -> MonteCarloRunner {
        MonteCarloRunner(script: script, rowArgs: [.table([.string("china"): .boolean(true)])], rowParameters: [["china": "true"]],
                         runsPerRow: runs, turns: 30, seed: 5, threads: threads)
    }

    /// Strides of 3 and 5 workers (more than this machine may have cores) give the summary
    /// one worker gives.
    @Test func summaryIsBitIdenticalWithMoreWorkersThanCores() throws {
        let caller = try LuaState()
        let one = try Self.runner(threads: 1).run(caller: caller.L)
        #expect(one.threads == 1)
        for n in [3, 5] {
            let many = try Self.runner(threads: n).run(caller: caller.L, cores: 8)
            #expect(many.threads == n)
            #expect(many.summary == one.summary)
        }
    }

    /// `threads=1024` starts one thread per core (and never more than runs).
    @Test func threadsAreCappedAtTheCores() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local sm = wg.montecarlo{ script = "\(Self.script)", runs = \(2 * cores + 1), turns = 5, threads = 1024 }
            local few = wg.montecarlo{ script = "\(Self.script)", runs = 1, turns = 5, threads = 1024 }
            return sm.threads, sm.runs, few.threads
            """)
        #expect(r == [.integer(Int64(cores)), .integer(Int64(2 * cores + 1)), .integer(1)])
    }

    /// A thread that does not start leaves its runs to the others (same summary); none
    /// starting is a clear error. Neither waits forever.
    @Test func threadsThatFailToStartAreCounted() throws {
        let caller = try LuaState()
        let one = try Self.runner(threads: 1).run(caller: caller.L)
        var attempts = 0
        let refuseEveryOther: (@escaping @Sendable () -> Void) throws -> pthread_t = { body in
            attempts += 1
            if attempts % 2 == 0 { throw MonteCarloRunner.ThreadStartError(code: EAGAIN) }
            return try MonteCarloRunner.startPOSIXThread(body)
        }
        let some = try Self.runner(threads: 4).run(caller: caller.L, cores: 4, startThread: refuseEveryOther)
        #expect(attempts == 4)
        #expect(some.threads == 2)
        #expect(some.summary == one.summary)
        #expect(some.summary.runs == 24)

        let refuseAll: (@escaping @Sendable () -> Void) throws -> pthread_t = { _ in
            throw MonteCarloRunner.ThreadStartError(code: EAGAIN)
        }
        #expect {
            _ = try Self.runner(threads: 2).run(caller: caller.L, cores: 2, startThread: refuseAll)
        } throws: { error in
            (error as? LuaCallError)?.message == "montecarlo: cannot start a worker thread (\(String(cString: strerror(EAGAIN))))"
        }
    }

    /// In a run, each policy's view names its own side, leader and rung as a step would:
    /// the strings a run keeps for its views belong to the side they are shown to, also for
    /// a policy keyed by its leader, on a ladder of the script's own.
    @Test func viewsInRunsNameTheirSideAndRung() throws {
        try Self.withScript("views.lua", """
            local names = { "calm", "words", "threats", "blockade", "skirmish", "war", "atomic war" }
            local s = wg.scenario{ name = "views", seed = 3, rung = 1, turns = 12, ladder = names }
            s:side("East", {"RUS", "BLR"})
            s:side("West", {"USA", "UKG"})
            local function check(side, leader)
              return function(v)
                assert(v.side == side and v.leader == leader, "view of " .. side .. " says " .. v.side .. "/" .. v.leader)
                assert(v.rung_name == names[v.rung + 1], "rung " .. v.rung .. " named " .. v.rung_name)
                if side == "West" and v.turn == 2 then return "escalate" end
              end
            end
            s:policy("RUS", check("East", "RUS"))   -- keyed by its leader
            s:policy("West", check("West", "USA"))  -- keyed by its name
            return s
            """) { path in
            let lua = try LuaState()
            WargameModule.install(in: lua)
            let r = try lua.run("""
                local sm = wg.montecarlo{ script = "\(path)", runs = 40, turns = 12, threads = 2 }
                return sm.runs, sm.max_rung.mean
                """)
            #expect(r[0] == .integer(40))
            #expect((r[1].asDouble ?? 0) > 1)  // the views saw rungs above the start
        }
    }

    /// Runs `body` with the path of a file holding `text`, in a directory of its own that
    /// goes afterwards.
    static func withScript(_ name: String, _ text: String, _ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try body(path)
    }

    /// A script that runs wg.montecarlo on itself is refused inside the workers, with a
    /// message naming the call and where it is.
    @Test func nestedMonteCarloIsRefused() throws {
        try Self.withScript("nest.lua", """
            local me = debug.getinfo(1, "S").source:sub(2)
            wg.montecarlo{ script = me, runs = 2 }
            return dofile("\(Self.script)")
            """) { nest in
            let lua = try LuaState()
            WargameModule.install(in: lua)
            let r = try lua.run("return select(2, pcall(wg.montecarlo, { script = '\(nest)', runs = 4 }))")
            #expect(r.first?.asString?.hasSuffix("montecarlo: \(nest):2: wg.montecarlo cannot be called inside a Monte Carlo run") == true,
                    "\(r.first?.description ?? "nil")")
        }
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
