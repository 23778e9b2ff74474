import Foundation

extension MonteCarlo {
    /// What many runs add up to. Everything is kept as counts; a share is computed once, as
    /// count / runs (``share(_:)``), never by adding 1/n, so 63 of 100 reads 0.63.
    public struct Summary: Codable, Hashable, Sendable {
        /// Runs summarised: those that finished without error.
        public var runs: Int
        /// Runs asked for (in this call or shard). More than `runs + failed` when the call
        /// was interrupted: the summary is then partial.
        public var requested: Int
        /// Runs that failed (sweeps keep them as rows; they are not in the shares).
        public var failed: Int
        /// Runs by ending reason; every reason of ``MonteCarlo/endingReasons`` is present.
        public var endings: [String: Int]
        /// Runs whose highest rung was exactly r, for each rung r of the ladder (0-based).
        public var highestRung: [Int]
        /// The name of rung r where some run's highest rung was r, else "".
        public var rungNames: [String]
        /// Runs whose highest rung was at or above the nuclear threshold.
        public var thresholdCrossed: Int
        /// Runs in which each side leader started a war (took the rung to a war rung by its
        /// own ask).
        public var started: [String: Int]
        public var maxRung: Quantiles
        /// Runs that had sanctions: the damage quantiles are over these runs only.
        public var sanctionedRuns: Int
        /// Cumulative GDP loss of the sanctions' first target, % of its annual GDP.
        public var gdpLossPct: Quantiles?

        /// Whether fewer runs finished than were asked for (Ctrl-C).
        public var partial: Bool { runs + failed < requested }

        /// Runs whose highest rung was at least r, for each rung r: "reached r".
        public var atLeast: [Int] {
            var out = highestRung, total = 0
            for r in highestRung.indices.reversed() { total += highestRung[r]; out[r] = total }
            return out
        }

        /// `count` / runs, computed once (0 when there are no runs).
        public func share(_ count: Int) -> Double { runs == 0 ? 0 : Double(count) / Double(runs) }

        /// The 95% Wilson score interval of `count` / runs.
        public func interval(_ count: Int) -> (lower: Double, upper: Double) {
            MonteCarlo.wilson(count, of: runs)
        }
    }

    /// z for a two-sided 95% interval: the 0.975 quantile of the standard normal.
    public static let z95 = 1.959963984540054

    /// The Wilson score interval (Wilson 1927) for `successes` out of `trials`, without
    /// continuity correction (Newcombe 1998, method 3). Unlike the Wald interval it stays
    /// inside [0, 1] and is not empty at 0 or n successes. (0, 1) when there are no trials.
    public static func wilson(_ successes: Int, of trials: Int, z: Double = z95) -> (lower: Double, upper: Double) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // At 0 and n successes the bound is exactly 0 or 1; rounding must not leave 1e-17.
        return (successes == 0 ? 0 : max(0, centre - half), successes == trials ? 1 : min(1, centre + half))
    }
}
