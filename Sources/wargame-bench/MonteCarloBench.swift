import Foundation
import WargameKit

/// Monte Carlo of the default scenario: runs per second on one thread and on every core,
/// the speed-up, and whether the summaries agree bit for bit (they must, whatever the
/// thread count: a quality bar of docs/architecture.md).
///
/// The thread counts take turns, round after round: the machine's speed drifts (a shared
/// VM, whose rounds of one call were seen to differ by 1.7×), and timing one count after
/// the other made the speed-up compare a fast minute with a slow one. Runs per second are
/// given for the best round and the median one; the speed-up over all the rounds' total
/// time, and as the median of the ratios of the rounds timed back to back (each pair saw
/// nearly the same machine), with the ratio of the best rounds beside them.
enum MonteCarloBench {
    static func run(_ lua: LuaState, runs: Int, rounds: Int, threads: [Int]?) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let counts = threads ?? Array(Set([1, cores])).sorted()
        var summaries: [String] = []
        var times: [Int: [Double]] = [:]
        for _ in 0..<max(1, rounds) {
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
            let ts = times[t] ?? [], best = ts.min() ?? .infinity
            print(String(format: "montecarlo %d runs × 20 turns, %d thread(s): %.3f s, %.0f runs/s (best of %d rounds; median %.0f runs/s; rounds: %@)",
                         runs, t, best, Double(runs) / best, ts.count, Double(runs) / median(ts),
                         ts.map { String(format: "%.0f", Double(runs) / $0) }.joined(separator: " ")))
        }
        if let one = times[1], let all = times[cores], cores > 1 {
            let total = one.reduce(0, +) / all.reduce(0, +)
            let paired = median(zip(one, all).map { $0 / $1 })
            print(String(format: "speed-up on %d cores: %.2f× (all rounds' total time), %.2f× (median of the %d rounds timed back to back); best rounds alone: %.2f×",
                         cores, total, paired, one.count, (one.min() ?? 0) / (all.min() ?? 1)))
        }
        print("summaries identical across thread counts: \(Set(summaries).count == 1) (gdp_loss_pct.mean, max_rung.mean: \(summaries.first ?? ""))")
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
