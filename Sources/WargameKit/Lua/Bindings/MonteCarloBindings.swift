import CLua
import Foundation

/// `wg.montecarlo{ script=, args=, runs=, turns=, seed=, threads= }`: many runs of a
/// scripted scenario on every core. Each worker has its own Lua state, loads the script
/// once, and for each of its runs forks the scenario, reseeds it with the run's seed and
/// steps it. Run i's seed depends only on (seed, i) and the summary is computed in run
/// order, so the figures are bit-identical whatever the thread count.
enum MonteCarloBindings {
    static var functions: [LuaFunction] { [
        LuaFunction("montecarlo") { a in
            let spec = try a.table(1)
            guard let script = try spec.string("script") else { throw a.error(1, "field 'script' expected") }
            try a.refuseFileAccessInSandbox()  // first: the check below would tell a sandbox which files exist
            do {
                try BoundedFileReader.checkReadable(script)
            } catch {
                throw LuaCallError("montecarlo: \(error)")
            }
            let runs = Int(try spec.integer("runs", range: 1...10_000_000) ?? 1000)
            let turns = try spec.integer("turns", range: 1...1_000_000).map(Int.init)
            let seed = try spec.integer("seed") ?? 1
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let threads = Int(try spec.integer("threads", range: 1...1024) ?? Int64(cores))
            let (summary, used) = try MonteCarloRunner(script: script, args: spec["args"], runs: runs, turns: turns,
                                                       seed: seed, threads: threads).run(caller: a.L)
            push(summary, threads: used, a.L)
            return 1
        },
    ] }

    /// The summary as a printable table; `threads` is the number of worker threads that ran.
    static func push(_ s: MonteCarlo.Summary, threads: Int, _ L: OpaquePointer) {
        func q(_ x: MonteCarlo.Quantiles) -> LuaValue {
            .table([.string("p5"): .number(x.p5), .string("p50"): .number(x.p50),
                    .string("p95"): .number(x.p95), .string("mean"): .number(x.mean)])
        }
        var t: [LuaValue: LuaValue] = [
            .string("runs"): .integer(Int64(s.runs)),
            .string("endings"): .table(Dictionary(uniqueKeysWithValues: s.endings.map { (.string($0.key), .number($0.value)) })),
            .string("reached"): .table(Dictionary(uniqueKeysWithValues: s.reached.map { (.integer(Int64($0.key)), .number($0.value)) })),
            .string("started"): .table(Dictionary(uniqueKeysWithValues: s.started.map { (.string($0.key), .number($0.value)) })),
            .string("max_rung"): q(s.maxRung),
            .string("threads"): .integer(Int64(threads)),
        ]
        if let g = s.gdpLossPct { t[.string("gdp_loss_pct")] = q(g) }
        t[.string("summary")] = .string(s.summary)
        LuaStack(L).push(.table(t))
        LuaTables.setPrintable(L, -1)
    }
}
