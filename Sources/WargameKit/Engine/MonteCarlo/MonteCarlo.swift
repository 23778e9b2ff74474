/// Monte Carlo over a scenario: measurement only. The runs are made elsewhere (the
/// bindings step forks of a scripted scenario, on ``ParallelRuns``); this file holds what
/// one run yields, the seeds, and the summary, which is computed from counts in run order
/// so that it is bit-identical whatever the number of threads, shards or merges.
public enum MonteCarlo {
    /// What is kept of one run: one row of the per-run output (``RunTable``).
    public struct Run: Codable, Hashable, Sendable {
        /// 0-based index of the run within its design row (a plain Monte Carlo has one row).
        public var index: Int
        /// The seed the run's scenario was reseeded with.
        public var seed: Int64
        /// The ending reason ("ceasefire", "negotiation", "breakpoint", "capitulation",
        /// "nuclear_war", "turn_limit"), "running" when the run had not ended after its
        /// turns, or "error" when it failed (then `error` says why).
        public var ending: String
        /// The scenario's turn when the run stopped.
        public var endTurn: Int
        /// The highest rung the run stood on (0-based), and its name.
        public var maxRung: Int
        public var maxRungName: String
        /// Rungs in the run's ladder: the summary lists every rung, reached or not.
        public var ladderRungs: Int
        /// Whether the highest rung was at or above the ladder's nuclear threshold (its first
        /// nuclear rung); false for a ladder without nuclear rungs.
        public var thresholdCrossed: Bool
        /// Cumulative GDP loss of the first target of any sanction, % of its annual GDP;
        /// nil without sanctions.
        public var gdpLossPct: Double?
        /// The leaders of the sides that started the run's first war (empty: no war).
        public var startedWar: [String]
        /// Why the run failed (one line), nil when it did not.
        public var error: String?

        public init(index: Int, seed: Int64, ending: String, endTurn: Int, maxRung: Int, maxRungName: String,
                    ladderRungs: Int, thresholdCrossed: Bool, gdpLossPct: Double?, startedWar: [String] = [],
                    error: String? = nil) {
            self.index = index
            self.seed = seed
            self.ending = ending
            self.endTurn = endTurn
            self.maxRung = maxRung
            self.maxRungName = maxRungName
            self.ladderRungs = ladderRungs
            self.thresholdCrossed = thresholdCrossed
            self.gdpLossPct = gdpLossPct
            self.startedWar = startedWar
            self.error = error
        }

        /// A failed run: kept as a row (sweeps), left out of the shares.
        public static func failed(index: Int, seed: Int64, error: String) -> Run {
            Run(index: index, seed: seed, ending: "error", endTurn: 0, maxRung: 0, maxRungName: "", ladderRungs: 0,
                thresholdCrossed: false, gdpLossPct: nil, error: error)
        }
    }

    /// p5, p50, p95 (linear interpolation between order statistics) and the mean.
    public struct Quantiles: Codable, Hashable, Sendable {
        public var p5: Double, p50: Double, p95: Double, mean: Double
    }

    /// The seed of run `index` (0-based) under master seed `seed`: SplitMix64 of their
    /// combination, so a run's seed depends on nothing but these two numbers. A sweep
    /// derives a row's seed this way and then each replication's from the row's.
    public static func seed(_ seed: Int64, run index: Int) -> Int64 {
        var z = UInt64(bitPattern: seed) &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int64(bitPattern: z ^ (z >> 31))
    }

    /// Ending reasons a summary always lists (with 0 when no run ended so).
    public static let endingReasons = ["ceasefire", "negotiation", "breakpoint", "capitulation", "nuclear_war",
                                       "turn_limit", "running"]

    /// Summarises runs given in run order. `requested` is how many runs were asked for
    /// (more than `runs.count` when the call was interrupted); `rungs` is the ladder's
    /// length when no run says it (no run finished). Failed runs are counted apart.
    public static func summarise(_ runs: [Run], requested: Int? = nil, rungs: Int = 0) -> Summary {
        let ok = runs.filter { $0.error == nil }
        let ladder = max(ok.map(\.ladderRungs).max() ?? rungs, rungs, (ok.map(\.maxRung).max() ?? -1) + 1, 1)
        var endings = Dictionary(uniqueKeysWithValues: endingReasons.map { ($0, 0) })
        var highest = [Int](repeating: 0, count: ladder)
        var names = [String](repeating: "", count: ladder)
        var started: [String: Int] = [:]
        var crossed = 0
        for r in ok {
            endings[r.ending, default: 0] += 1
            highest[r.maxRung] += 1
            if names[r.maxRung].isEmpty { names[r.maxRung] = r.maxRungName }
            if r.thresholdCrossed { crossed += 1 }
            for leader in r.startedWar { started[leader, default: 0] += 1 }
        }
        let losses = ok.compactMap(\.gdpLossPct)
        return Summary(runs: ok.count, requested: requested ?? runs.count, failed: runs.count - ok.count,
                       endings: endings, highestRung: highest, rungNames: names, thresholdCrossed: crossed,
                       started: started, maxRung: quantiles(ok.map { Double($0.maxRung) }),
                       sanctionedRuns: losses.count, gdpLossPct: losses.isEmpty ? nil : quantiles(losses))
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
