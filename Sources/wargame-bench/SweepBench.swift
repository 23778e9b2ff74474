import Foundation
import WargameKit

/// A sweep of the default scenario as SALib-style designs make them: many design rows, few
/// runs each (a Latin hypercube of `rows` rows × `runs` runs of 20 turns). Each worker
/// loads the script once for each design row it meets, so here the loads weigh as much as
/// the runs: rows a second and runs a second, on one thread and on every core.
enum SweepBench {
    static func run(_ lua: LuaState, rows: Int, runs: Int, rounds: Int) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for t in Array(Set([1, cores])).sorted() {
            var times: [Double] = []
            for _ in 0..<max(1, rounds) {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try lua.run("""
                    local sw = wg.sweep{ script = "Scripts/scenarios/default.lua", params = { csto = {0, 0.6} },
                                         design = "lhs", samples = \(rows), runs = \(runs), turns = 20, seed = 1,
                                         threads = \(t) }
                    """, name: "=sweep")
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let best = times.min() ?? .infinity, median = MonteCarloBench.median(times)
            print(String(format: "sweep %d design rows × %d runs × 20 turns, %d thread(s): %.3f s, %.0f rows/s, %.0f runs/s (best of %d rounds; median %.0f rows/s)",
                         rows, runs, t, best, Double(rows) / best, Double(rows * runs) / best, times.count,
                         Double(rows) / median))
        }
    }
}
