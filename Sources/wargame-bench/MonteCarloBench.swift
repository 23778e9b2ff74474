import Foundation
import WargameKit

/// Monte Carlo of the default scenario: runs per second on one thread and on every core,
/// the speed-up, and whether the summaries agree bit for bit (they must, whatever the
/// thread count: a quality bar of docs/architecture.md). Each figure is the best of five rounds.
enum MonteCarloBench {
    static func run(_ lua: LuaState, runs: Int, threads: [Int]?) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let counts = threads ?? Array(Set([1, cores])).sorted()
        var summaries: [String] = []
        var best: [Int: Double] = [:]
        // The thread counts take turns, five rounds, each keeping its best time: the
        // machine's speed drifts (a shared VM), and timing one count after the other made
        // the speed-up compare a fast minute with a slow one.
        for _ in 0..<5 {
            for t in counts {
                let start = DispatchTime.now().uptimeNanoseconds
                let r = try lua.run("""
                    local sm = wg.montecarlo{ script = "Scripts/scenarios/default.lua", runs = \(runs), turns = 20,
                                              seed = 1, threads = \(t) }
                    return string.format("%.17g %.17g", sm.gdp_loss_pct.mean, sm.max_rung.mean)
                    """, name: "=montecarlo")
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best[t] = min(best[t] ?? .infinity, seconds)
                summaries.append(r.first?.asString ?? "")
            }
        }
        var rates: [Int: Double] = [:]
        for t in counts {
            let seconds = best[t] ?? .infinity
            rates[t] = Double(runs) / seconds
            print(String(format: "montecarlo %d runs × 20 turns, %d thread(s): %.3f s, %.0f runs/s", runs, t, seconds, Double(runs) / seconds))
        }
        if let one = rates[1], let all = rates[cores], cores > 1 {
            print(String(format: "speed-up on %d cores: %.2f×", cores, all / one))
        }
        print("summaries identical across thread counts: \(Set(summaries).count == 1) (gdp_loss_pct.mean, max_rung.mean: \(summaries.first ?? ""))")
    }
}
