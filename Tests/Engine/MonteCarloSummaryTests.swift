import Foundation
import Testing
@testable import WargameKit

/// The Monte Carlo summary, per-run tables, shards, sweep designs and the thread runner,
/// without Lua.
@Suite struct MonteCarloSummaryTests {
    static func run(_ i: Int, ending: String = "turn_limit", rung: Int = 2, loss: Double? = 1.5, rungs: Int = 10,
                    error: String? = nil) -> MonteCarlo.Run {
        if let error { return .failed(index: i, seed: Int64(i) * 7, error: error) }
        return MonteCarlo.Run(index: i, seed: Int64(i) * 7, ending: ending, endTurn: 20, maxRung: rung, maxRungName: "rung \(rung)",
                              ladderRungs: rungs, thresholdCrossed: rung >= 7, gdpLossPct: loss)
    }

    /// Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score
    /// interval without continuity correction), to the four decimals published.
    @Test func wilsonMatchesNewcombesWorkedExamples() {
        let published: [(Int, Int, Double, Double)] = [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605),
                                                        (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718),
                                                        (29, 29, 0.8830, 1.0000)]
        for (k, n, lo, hi) in published {
            let w = MonteCarlo.wilson(k, of: n)
            #expect(abs(w.lower - lo) < 0.00005, "\(k)/\(n) lower \(w.lower)")
            #expect(abs(w.upper - hi) < 0.00005, "\(k)/\(n) upper \(w.upper)")
        }
    }

    /// Closed forms: at 0 successes the interval is [0, z²/(n+z²)], at n it is
    /// [n/(n+z²), 1]; it is symmetric about 1/2 under k -> n-k.
    @Test func wilsonClosedForms() {
        let z2 = MonteCarlo.z95 * MonteCarlo.z95
        for n in [1, 10, 1000] {
            let none = MonteCarlo.wilson(0, of: n), all = MonteCarlo.wilson(n, of: n)
            #expect(none.lower == 0 && abs(none.upper - z2 / (Double(n) + z2)) < 1e-12)
            #expect(all.upper == 1 && abs(all.lower - Double(n) / (Double(n) + z2)) < 1e-12)
            let a = MonteCarlo.wilson(n / 3, of: n), b = MonteCarlo.wilson(n - n / 3, of: n)
            #expect(abs(a.lower - (1 - b.upper)) < 1e-12 && abs(a.upper - (1 - b.lower)) < 1e-12)
        }
        #expect(MonteCarlo.wilson(0, of: 0) == (0, 1))
    }

    /// Shares are count/n computed once: 63 runs of 100 read exactly 0.63 (adding 1/100
    /// sixty-three times gives 0.6299999999999994). Every ending and rung is present.
    @Test func sharesAreCountsOverRuns() {
        let runs = (0..<100).map { Self.run($0, ending: $0 < 63 ? "turn_limit" : "ceasefire", rung: $0 < 63 ? 2 : 3) }
        let s = MonteCarlo.summarise(runs)
        #expect(s.endings["turn_limit"] == 63)
        #expect(s.share(s.endings["turn_limit"]!) == 0.63)
        #expect((0..<63).reduce(0.0) { acc, _ in acc + 1.0 / 100 } != 0.63)  // why counts are kept
        #expect(Set(s.endings.keys) == Set(MonteCarlo.endingReasons))
        #expect(s.endings["nuclear_war"] == 0)
        #expect(s.highestRung == [0, 0, 63, 37, 0, 0, 0, 0, 0, 0])
        #expect(s.atLeast == [100, 100, 100, 37, 0, 0, 0, 0, 0, 0])
        #expect(!s.partial)
    }

    /// Damage quantiles are over the runs that had sanctions only, and say how many.
    @Test func damageIsOverSanctionedRunsOnly() {
        let runs = (0..<10).map { Self.run($0, loss: $0 < 4 ? nil : Double($0)) }
        let s = MonteCarlo.summarise(runs)
        #expect(s.sanctionedRuns == 6)
        #expect(s.gdpLossPct?.mean == 6.5)  // (4+5+...+9)/6
        #expect(s.summary.contains("over the 6 of 10 runs that had sanctions"))
        #expect(s.summary.contains("GDP loss, % of annual GDP, cumulative"))
    }

    /// Failed runs are counted apart; fewer runs than requested is partial.
    @Test func failedAndPartial() {
        let runs = [Self.run(0), Self.run(1, error: "boom"), Self.run(2)]
        let s = MonteCarlo.summarise(runs, requested: 10)
        #expect(s.runs == 2 && s.failed == 1 && s.partial)
        #expect(s.summary.hasPrefix("2 runs, 1 failed (not in the shares) — partial: interrupted after 3 of 10 runs"))
    }

    /// The printed table: the rows of each block line up (same column positions), and the
    /// histogram's longest bar is the most frequent rung.
    @Test func summaryTableIsAligned() {
        let runs = (0..<50).map { Self.run($0, ending: $0 % 5 == 0 ? "nuclear_war" : "turn_limit", rung: $0 % 5 == 0 ? 8 : 3) }
        let lines = MonteCarlo.summarise(runs).summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endings = lines.drop { !$0.hasPrefix("ending") }.prefix { !$0.isEmpty }
        #expect(endings.count == 1 + MonteCarlo.endingReasons.count)
        #expect(Set(endings.dropFirst().map { $0.count }).count == 1, "\(endings)")
        // The header's "runs" ends where the counts end (right-aligned), "share" starts with the shares.
        let header = endings.first!, row = endings.dropFirst().first!
        let runsEnd = header.distance(from: header.startIndex, to: header.range(of: "runs")!.upperBound)
        #expect(row.prefix(runsEnd).last?.isNumber == true && row.dropFirst(runsEnd).first == " ")
        let shareStart = header.distance(from: header.startIndex, to: header.range(of: "share")!.lowerBound)
        #expect(row.dropFirst(shareStart).hasPrefix("0."), "\(row)")
        let rungs = lines.drop { !$0.hasPrefix("highest rung ") }.dropFirst().prefix { !$0.hasPrefix("nuclear") }
        #expect(rungs.count == 10)
        let barStart = Set(rungs.compactMap { line in line.range(of: "  #").map { line.distance(from: line.startIndex, to: $0.lowerBound) } })
        #expect(barStart.count == 1, "\(rungs)")
        let longest = rungs.max { $0.filter { $0 == "#" }.count < $1.filter { $0 == "#" }.count }
        #expect(longest?.hasPrefix("3 rung 3") == true)
    }

    /// CSV and JSON Lines read back to the same rows, bit for bit, including errors with
    /// commas, quotes and line breaks, negative seeds and numbers with 17 digits.
    @Test func runTablesRoundTrip() throws {
        var rows = (0..<5).map { RunTable.Row(designRow: $0 % 2, parameters: ["visibility": "0.1", "name": "a, \"b\""],
                                               run: Self.run($0, loss: $0 == 3 ? nil : 0.1 + Double($0) / 3)) }
        rows[1].run.seed = Int64.min + 5
        rows[2].run = .failed(index: 2, seed: -3, error: "x.lua:3: bad, \"very\"\nbad")
        rows[4].run.startedWar = ["RUS", "USA"]
        let table = RunTable(rows: rows)
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["t.csv", "t.jsonl"] {
            let path = dir.appendingPathComponent(name).path
            try table.write(to: path, format: RunTable.format(of: path)!)
            #expect(try RunTable.read(path) == table, "\(name)")
        }
    }

    /// Malformed files are refused with file and line.
    @Test func badRunTablesNameWhere() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.csv").path
        var csv = RunTable(rows: [.init(designRow: 0, parameters: [:], run: Self.run(0))]).csv()
        csv += "1,2,3\n"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RunTableError(file: path, line: 3, reason: "3 fields, the header has 12")) { try RunTable.read(path) }
        try "design_row,run\n1,x\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RunTableError(file: path, line: 2, reason: "'run' must be an integer, got 'x'")) { try RunTable.read(path) }
    }

    /// Shards partition the jobs: every job in exactly one shard.
    @Test func shardsPartitionTheJobs() {
        for total in [0, 1, 7, 40] {
            for n in [1, 2, 3, 8] {
                let all = (1...n).flatMap { k in
                    let s = Shard(index: k, count: n)
                    return (0..<s.size(of: total)).map(s.job)
                }
                #expect(all.sorted() == Array(0..<total), "\(total) jobs in \(n) shards")
            }
        }
        #expect(Shard(parsing: "2/3") == Shard(index: 2, count: 3))
        #expect(Shard(parsing: "0/3") == nil && Shard(parsing: "4/3") == nil && Shard(parsing: "x") == nil)
    }

    /// A grid is every combination; a Latin hypercube uses each of its strata once per parameter.
    @Test func sweepDesigns() throws {
        let grid = SweepDesign.grid([("a", [.integer(0), .integer(1)]), ("b", [.number(0.1), .number(0.3), .number(0.9)])])
        #expect(grid.rows.count == 6)
        #expect(Set(grid.rows.map { "\($0[0]) \($0[1])" }).count == 6)
        #expect(grid.salibParameters.contains("\na 0.0 1.0\nb 0.1 0.9\n"))
        let n = 20
        let lhs = SweepDesign.latinHypercube([("x", 0...1), ("y", 10...30)], samples: n, seed: 4)
        #expect(lhs.rows.count == n)
        for (i, range) in [(0, 0.0...1.0), (1, 10.0...30.0)] {
            let strata = lhs.rows.map { Int((($0[i].double! - range.lowerBound) / (range.upperBound - range.lowerBound)) * Double(n)) }
            #expect(strata.sorted() == Array(0..<n))
        }
        #expect(SweepDesign.latinHypercube([("x", 0...1)], samples: 5, seed: 4) == SweepDesign.latinHypercube([("x", 0...1)], samples: 5, seed: 4))
        let file = try SweepDesign.csv("a,b\n1,x\n2.5,true\n")
        #expect(file.rows == [[.integer(1), .text("x")], [.number(2.5), .boolean(true)]])
    }

    /// The failure reported is the lowest-numbered failing job, whatever the thread count
    /// and timing: here the high-numbered failures come first (the low ones are slow).
    /// With jobs in groups too (a sweep's design rows), where a worker takes several at once.
    @Test(arguments: [false, true]) func lowestFailingJobIsReported(grouped: Bool) throws {
        struct Boom: Error { let job: Int }
        let failing: Set<Int> = [5, 6, 13, 20]
        for threads in [1, 2, 3, 4] {
            for _ in 0..<3 {
                let byFour: @Sendable (Int) -> Int = { $0 / 4 }
                let runner = ParallelRuns<Int>(count: 30, threads: threads, group: grouped ? byFour : nil)
                let outcome = try runner.run(makeWorker: { _ in
                    ParallelRuns<Int>.Worker(run: { job in
                        if job < 7 { usleep(20_000) }  // the low failures come last in time
                        if failing.contains(job) { throw Boom(job: job) }
                        return job * job
                    }, cancel: {})
                }, cores: 4)
                #expect(outcome.failure?.job == 5, "threads \(threads)")
                #expect((outcome.failure?.error as? Boom)?.job == 5)
                #expect(outcome.results.allSatisfy { $0.result == $0.job * $0.job })
                #expect(Set(0..<5).isSubset(of: Set(outcome.results.map(\.job))))  // every job below it ran
            }
        }
    }

    /// Jobs in groups (a sweep's design rows, 5 runs each) are taken a group at a time while
    /// many are left, and one by one at the end: how the jobs are cut depends on nothing but
    /// the count, the workers and the groups, so a sweep's 200 rows are loaded about 200
    /// times, not once per run (1,000) as when every job was taken alone.
    @Test func groupedJobsAreTakenAGroupAtATime() {
        let shared = ParallelRuns<Int>.Shared()
        var takes: [Range<Int>] = []
        while let r = shared.take(count: 1000, finished: 0, workers: 2, group: { $0 / 5 }) { takes.append(r) }
        #expect(takes.flatMap { Array($0) } == Array(0..<1000))         // each job once, in order
        #expect(takes.allSatisfy { $0.lowerBound / 5 == ($0.upperBound - 1) / 5 })  // never across a group
        #expect(takes.prefix(190).allSatisfy { $0.count == 5 })          // whole groups while many are left
        #expect(takes.last?.count == 1)                                  // single jobs at the end
        #expect(takes.count <= 215, "\(takes.count) takes")
        let single = ParallelRuns<Int>.Shared()
        var alone = 0
        while single.take(count: 1000, finished: 0, workers: 2, group: nil) != nil { alone += 1 }
        #expect(alone == 1000)
    }

    /// Grouped, with threads: every job runs once, and a worker meets a new group (a sweep
    /// loads its script) about once per group, not once per job.
    @Test func groupedJobsRunOnceAndLoadEachGroupAboutOnce() throws {
        final class Loads: @unchecked Sendable { var n = 0; let lock = NSLock() }
        let loads = Loads()
        for threads in [1, 2, 4] {
            loads.n = 0
            let runner = ParallelRuns<Int>(count: 1000, threads: threads, group: { $0 / 5 })
            var lastFinished = 0
            let outcome = try runner.run(makeWorker: { _ in
                var loaded = -1
                return ParallelRuns<Int>.Worker(run: { job in
                    if job / 5 != loaded { loaded = job / 5; loads.lock.withLock { loads.n += 1 } }
                    return job + 1
                }, cancel: {})
            }, poll: { finished in lastFinished = finished; return .goOn }, cores: 4)
            #expect(outcome.results.map(\.job) == Array(0..<1000))
            #expect(lastFinished == 1000, "threads \(threads): the progress counted \(lastFinished) runs")
            #expect(outcome.results.allSatisfy { $0.result == $0.job + 1 })
            #expect(loads.n <= 230, "threads \(threads): \(loads.n) loads for 200 groups")
        }
    }

    /// A worker that took several jobs of a group stops before the next of them once a
    /// lower job has failed: here jobs 10 and up take 100 ms each and job 5 fails after
    /// 50 ms (by then the other worker has taken 10..<17), so that worker runs one or two
    /// of its jobs, not seven.
    @Test func aWorkerLeavesItsTakenJobsAboveAFailure() throws {
        struct Boom: Error {}
        let runner = ParallelRuns<Int>(count: 40, threads: 2, group: { $0 / 10 })
        let outcome = try runner.run(makeWorker: { _ in
            ParallelRuns<Int>.Worker(run: { job in
                if job == 5 { usleep(50_000); throw Boom() }
                if job >= 10 { usleep(100_000) }
                return job
            }, cancel: {})
        }, cores: 2)
        #expect(outcome.failure?.job == 5)
        #expect(Set(0..<5).isSubset(of: Set(outcome.results.map(\.job))))
        let above = outcome.results.map(\.job).filter { $0 > 5 }
        #expect(above.count <= 3, "ran \(above) above the failure")
    }

    /// A stop keeps the jobs finished so far, and the cancel reaches the running ones.
    @Test func stopKeepsFinishedJobs() throws {
        final class Flag: @unchecked Sendable { var set = false; let lock = NSLock() }
        let runner = ParallelRuns<Int>(count: 1000, threads: 2)
        var polls = 0
        let outcome = try runner.run(makeWorker: { _ in
            let flag = Flag()
            return ParallelRuns<Int>.Worker(run: { job in
                if job >= 10 {  // never returns by itself: only the cancel ends it
                    while !flag.lock.withLock({ flag.set }) { usleep(1000) }
                    struct Cancelled: Error {}
                    throw Cancelled()
                }
                return job
            }, cancel: { flag.lock.withLock { flag.set = true } })
        }, poll: { finished in
            polls += 1
            return finished >= 10 ? .stop : .goOn
        }, cores: 2)
        #expect(outcome.stopped)
        #expect(outcome.failure == nil)
        #expect(outcome.results.map(\.job) == Array(0..<10))
    }
}
