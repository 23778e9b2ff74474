import Foundation
import WargameKit

/// Monte Carlo of the default scenario: runs per second on one thread and on every core,
/// the speed-up, and whether the summaries agree bit for bit (they must, whatever the
/// thread count: a quality bar of docs/architecture.md). Each figure is the best of five.
enum MonteCarloBench {
    static func run(_ lua: LuaState, runs: Int, threads: [Int]?) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let counts = threads ?? Array(Set([1, cores])).sorted()
        var summaries: [String] = []
        var rates: [Int: Double] = [:]
        for t in counts {
            var best = Double.infinity
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                let r = try lua.run("""
                    local sm = wg.montecarlo{ script = "Scripts/scenarios/default.lua", runs = \(runs), turns = 20,
                                              seed = 1, threads = \(t) }
                    return string.format("%.17g %.17g", sm.gdp_loss_pct.mean, sm.max_rung.mean)
                    """, name: "=montecarlo")
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                summaries.append(r.first?.asString ?? "")
            }
            rates[t] = Double(runs) / best
            print(String(format: "montecarlo %d runs × 20 turns, %d thread(s): %.3f s, %.0f runs/s", runs, t, best, Double(runs) / best))
        }
        if let one = rates[1], let all = rates[cores], cores > 1 {
            print(String(format: "speed-up on %d cores: %.2f×", cores, all / one))
        }
        print("summaries identical across thread counts: \(Set(summaries).count == 1) (gdp_loss_pct.mean, max_rung.mean: \(summaries.first ?? ""))")
    }
}
