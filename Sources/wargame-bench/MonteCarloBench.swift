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
        var cpu: [Int: [Double]] = [:]   // the process's CPU time (user + system) per round
        for _ in 0..<max(1, rounds) {
            for t in counts {
                let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
                let r = try lua.run("""
                    local sm = wg.montecarlo{ script = "Scripts/scenarios/default.lua", runs = \(runs), turns = 20,
                                              seed = 1, threads = \(t) }
                    return string.format("%.17g %.17g", sm.gdp_loss_pct.mean, sm.max_rung.mean)
                    """, name: "=montecarlo")
                times[t, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                cpu[t, default: []].append(processCPUSeconds() - cpuStart)
                summaries.append(r.first?.asString ?? "")
            }
        }
        for t in counts {
            let ts = times[t] ?? [], best = ts.min() ?? .infinity
            let (low, high) = medianInterval(ts.map { Double(runs) / $0 })
            print(String(format: "montecarlo %d runs × 20 turns, %d thread(s): %.3f s, %.0f runs/s (best of %d rounds; median %.0f runs/s, 95%% interval %.0f–%.0f; rounds: %@)",
                         runs, t, best, Double(runs) / best, ts.count, Double(runs) / median(ts), low, high,
                         ts.map { String(format: "%.0f", Double(runs) / $0) }.joined(separator: " ")))
        }
        if let one = times[1], let all = times[cores], cores > 1 {
            let total = one.reduce(0, +) / all.reduce(0, +)
            let pairs = zip(one, all).map { $0 / $1 }
            let (low, high) = medianInterval(pairs)
            print(String(format: "speed-up on %d cores: %.2f× (all rounds' total time), %.2f× (median of the %d rounds timed back to back, 95%% interval %.2f–%.2f); best rounds alone: %.2f×",
                         cores, total, median(pairs), pairs.count, low, high, (one.min() ?? 0) / (all.min() ?? 1)))
            // Where a speed-up below the core count goes: CPU time a run costs on each count
            // (more with every core busy when the machine slows a core whose neighbour works,
            // or when threads contend), and how busy the cores were (a serial part, a worker
            // waiting for the other).
            let cpuOne = (cpu[1] ?? []).reduce(0, +), cpuAll = (cpu[cores] ?? []).reduce(0, +)
            let perRun = { (c: Double, rounds: Int) in c / Double(rounds * runs) * 1e6 }
            print(String(format: "CPU time a run: %.1f µs on 1 thread, %.1f µs on %d (%.2f×); cores busy on %d threads: %.0f%% of the wall time",
                         perRun(cpuOne, one.count), perRun(cpuAll, all.count), cores, cpuAll / cpuOne,
                         cores, 100 * cpuAll / (all.reduce(0, +) * Double(cores))))
        }
        print("summaries identical across thread counts: \(Set(summaries).count == 1) (gdp_loss_pct.mean, max_rung.mean: \(summaries.first ?? ""))")
    }

    /// The process's CPU time so far, all threads, user and system.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let seconds = { (t: timeval) in Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// A distribution-free 95% interval for the median: the order statistics x(k) and
    /// x(n+1-k), with k the largest for which P(Binomial(n, ½) < k) ≤ 2.5% (for 15 rounds,
    /// the 4th and the 12th of the sorted values, 96.5% coverage). Too few values for it
    /// (fewer than 6) give the lowest and the highest.
    static func medianInterval(_ xs: [Double]) -> (Double, Double) {
        let s = xs.sorted(), n = s.count
        guard n > 0 else { return (.nan, .nan) }
        var k = 0, below = 0.0, term = pow(0.5, Double(n))   // term = P(X = k)
        while k < n / 2, below + term <= 0.025 { below += term; k += 1; term *= Double(n - k + 1) / Double(k) }
        let i = max(k - 1, 0)
        return (s[i], s[n - 1 - i])
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
