import Foundation
import Testing
@testable import WargameKit

/// The directions the issue "Escalation that deters" asks of the sanctions model, checked
/// by Monte Carlo on the project's own default scenario (Scripts/scenarios/default.lua):
/// a sign and a minimum effect, with sampling error accounted for.
///
/// Each comparison runs both variants on the same seeds and tests the paired difference:
/// its mean less three standard errors must exceed the stated minimum effect. The seeds are
/// fixed, so a run is reproducible; the margins are wide (the observed effects are many
/// times the minimum), so a change elsewhere in the scenario should not tip them.
@Suite struct SanctionsDirectionTests {
    /// Seeds per variant: the paired standard errors are about a tenth of the effects at
    /// this size, and a test takes a few seconds (debug build, idle machine; about 40 ms a
    /// run, most of it the escalation side of each turn).
    static let seeds = 50

    /// Istomin (2024): an alignment's success is inversely proportional to its visibility.
    /// Visibility 0.6 against 0.1: cumulative leakage through the "Eurasian roundabout" at
    /// least 25% lower than at 0.1.
    @Test func alignmentVisibilityLowersCumulativeLeakage() throws {
        let low = try DefaultScenarioRuns(args: "{ visibility = 0.1 }", seeds: Self.seeds)
        let high = try DefaultScenarioRuns(args: "{ visibility = 0.6 }", seeds: Self.seeds)
        let fall = PairedDifference(low.leaked, minus: high.leaked)
        #expect(fall.mean > 3 * fall.standardError, "leakage, visibility 0.1 − 0.6: \(fall)")
        #expect(fall.lowerBound > 0.25 * fall.meanOfX, "leakage, visibility 0.1 − 0.6: \(fall)")
    }

    /// Secondary sanctions on detected members against none: cumulative leakage at least 50%
    /// lower than without them, and the target's cumulative GDP loss at least 5% higher.
    @Test func secondarySanctionsLowerLeakageAndRaiseTheTargetsLoss() throws {
        let on = try DefaultScenarioRuns(args: "{ secondary = true }", seeds: Self.seeds)
        let off = try DefaultScenarioRuns(args: "{ secondary = false }", seeds: Self.seeds)
        let leakFall = PairedDifference(off.leaked, minus: on.leaked)
        #expect(leakFall.mean > 3 * leakFall.standardError, "leakage, off − on: \(leakFall)")
        #expect(leakFall.lowerBound > 0.5 * leakFall.meanOfX, "leakage, off − on: \(leakFall)")
        let lossRise = PairedDifference(on.gdpLossPct, minus: off.gdpLossPct)
        #expect(lossRise.mean > 3 * lossRise.standardError, "GDP loss %, on − off: \(lossRise)")
        #expect(lossRise.lowerBound > 0.05 * lossRise.meanOfY, "GDP loss %, on − off: \(lossRise)")
    }
}
