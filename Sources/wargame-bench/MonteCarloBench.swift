import Foundation
import WargameKit

/// Monte Carlo of the default scenario: runs per second on one thread and on every core,
/// the speed-up, and whether the summaries agree bit for bit (they must, whatever the
/// thread count: a quality bar of docs/architecture.md). Runs per second are the best of five
/// rounds, with their median; the speed-up is over the five rounds' total time.
enum MonteCarloBench {
    static func run(_ lua: LuaState, runs: Int, threads: [Int]?) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let counts = threads ?? Array(Set([1, cores])).sorted()
        var summaries: [String] = []
        var times: [Int: [Double]] = [:]
        // The thread counts take turns, five rounds: the machine's speed drifts (a shared
        // VM; its single-core speed was seen to move by half between minutes), and timing
        // one count after the other made the speed-up compare a fast minute with a slow one.
        for _ in 0..<5 {
            for t in counts {
                let start = DispatchTime.now().uptimeNanoseconds
                let r = try lua.run("""
                    local sm = wg.montecarlo{ script = "Scripts/scenarios/default.lua", runs = \(runs), turns = 20,
                                              seed = 1, threads = \(t) }
                    return string.format("%.17g %.17g", sm.gdp_loss_pct.mean, sm.max_rung.mean)
                    """, name: "=montecarlo")
                times[t, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                summaries.append(r.first?.asString ?? "")
            }
        }
        for t in counts {
            let ts = times[t] ?? [], best = ts.min() ?? .infinity, median = ts.sorted()[ts.count / 2]
            print(String(format: "montecarlo %d runs × 20 turns, %d thread(s): %.3f s, %.0f runs/s (best of five; median %.0f runs/s; rounds: %@)",
                         runs, t, best, Double(runs) / best, Double(runs) / median,
                         ts.map { String(format: "%.0f", Double(runs) / $0) }.joined(separator: " ")))
        }
        if let one = times[1], let all = times[cores], cores > 1 {
            // Over the five rounds together, each pair timed back to back: the ratio of the
            // best times alone compares two moments of a machine whose speed moves.
            let total = one.reduce(0, +) / all.reduce(0, +)
            print(String(format: "speed-up on %d cores: %.2f× (total time of the five rounds; best times alone: %.2f×)",
                         cores, total, (one.min() ?? 0) / (all.min() ?? 1)))
        }
        print("summaries identical across thread counts: \(Set(summaries).count == 1) (gdp_loss_pct.mean, max_rung.mean: \(summaries.first ?? ""))")
    }
}
