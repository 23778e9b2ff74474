/// Monte Carlo over a scenario: measurement only. The runs are made elsewhere (the
/// bindings step forks of a scripted scenario); this file holds what one run yields, the
/// seeds, and the summary, which is computed in run order so that it is bit-identical
/// whatever the number of threads.
public enum MonteCarlo {
    /// What is kept of one run.
    public struct Run: Codable, Hashable, Sendable {
        public var ending: String
        public var maxRung: Int
        /// gdp_loss_pct of the first target of any sanction; nil without sanctions.
        public var gdpLossPct: Double?
        /// The leaders of the sides that started the run's first war (empty: no war).
        public var startedWar: [String]
        public init(ending: String, maxRung: Int, gdpLossPct: Double?, startedWar: [String] = []) {
            self.ending = ending
            self.maxRung = maxRung
            self.gdpLossPct = gdpLossPct
            self.startedWar = startedWar
        }
    }

    /// p5, p50, p95 (linear interpolation between order statistics) and the mean.
    public struct Quantiles: Codable, Hashable, Sendable {
        public var p5: Double, p50: Double, p95: Double, mean: Double
    }

    public struct Summary: Codable, Hashable, Sendable {
        public var runs: Int
        /// Share of runs by ending reason ("ceasefire", "capitulation", "nuclear_war",
        /// "turn_limit", or "running" when a run had not ended after its turns).
        public var endings: [String: Double]
        /// Share of runs whose highest rung was at least r, for each rung r of the ladder.
        public var reached: [Int: Double]
        /// Share of runs in which each side leader started a war (took the rung to a war
        /// rung by its own ask).
        public var started: [String: Double]
        public var maxRung: Quantiles
        public var gdpLossPct: Quantiles?
    }

    /// The seed of run `index` (0-based) under master seed `seed`: SplitMix64 of their
    /// combination, so a run's seed depends on nothing but these two numbers.
    public static func seed(_ seed: Int64, run index: Int) -> Int64 {
        var z = UInt64(bitPattern: seed) &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int64(bitPattern: z ^ (z >> 31))
    }

    /// Summarises runs given in run order; `rungs` is the ladder's length.
    public static func summarise(_ runs: [Run], rungs: Int) -> Summary {
        let n = Double(max(runs.count, 1))
        var endings: [String: Double] = [:]
        for r in runs { endings[r.ending, default: 0] += 1 / n }
        var reached: [Int: Double] = [:]
        for rung in 0..<max(rungs, 1) {
            reached[rung] = Double(runs.filter { $0.maxRung >= rung }.count) / n
        }
        var started: [String: Double] = [:]
        for r in runs { for leader in r.startedWar { started[leader, default: 0] += 1 / n } }
        let losses = runs.compactMap(\.gdpLossPct)
        return Summary(runs: runs.count, endings: endings, reached: reached, started: started,
                       maxRung: quantiles(runs.map { Double($0.maxRung) }),
                       gdpLossPct: losses.isEmpty ? nil : quantiles(losses))
    }

    /// Quantiles of `values` (Hyndman & Fan type 7, R's default). The mean is summed in
    /// the given order, which is run order, for bit-identical results.
    public static func quantiles(_ values: [Double]) -> Quantiles {
        guard !values.isEmpty else { return Quantiles(p5: .nan, p50: .nan, p95: .nan, mean: .nan) }
        let sorted = values.sorted()
        func q(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
        let mean = values.reduce(0, +) / Double(values.count)
        return Quantiles(p5: q(0.05), p50: q(0.5), p95: q(0.95), mean: mean)
    }
}
