import Foundation
import Testing
@testable import WargameKit

/// The default scenario against the leakage anchor of docs/sanctions.md: Chupilkin,
/// Javorcik & Plekhanov (2023, EBRD Working Paper 276) put trade rerouted to Russia through
/// the Caucasus and Central Asia at about 5–10% of the fall in direct exports.
@Suite struct SanctionsCalibrationTests {
    /// The median over seeds of cumulative leaked over cumulative blocked trade, at the end
    /// of each run (the turn limit, or the run's earlier end), lies in 5–10%: the whole
    /// 99.9% distribution-free confidence interval of the median does.
    @Test func defaultScenarioLeakageIsInTheEBRDRange() throws {
        let runs = try DefaultScenarioRuns(seeds: 120)
        let shares = zip(runs.leaked, runs.blocked).map { $1 > 0 ? $0 / $1 : .nan }.sorted()
        #expect(shares.allSatisfy { $0.isFinite })
        let (lo, hi) = medianConfidenceIndices(n: shares.count, alpha: 0.001)
        let median = shares[shares.count / 2]
        #expect(shares[lo] >= 0.05 && shares[hi] <= 0.10,
                "median \(median), 99.9% interval [\(shares[lo]), \(shares[hi])]")
    }

    /// The interval's order statistics against a textbook case: for n = 10 the 95% interval
    /// for the median runs from the 2nd to the 9th smallest (coverage 1 − 2 · 11/1024).
    @Test func medianIntervalMatchesTheBinomialTable() {
        #expect(medianConfidenceIndices(n: 10, alpha: 0.05) == (1, 8))
        #expect(medianConfidenceIndices(n: 10, alpha: 0.01) == (0, 9))  // P(B ≤ 0) = 1/1024 ≤ 0.005
        let wide = medianConfidenceIndices(n: 200, alpha: 0.001)
        #expect(wide.lower < 100 && wide.upper > 99 && wide.lower + wide.upper == 199)
    }
}
