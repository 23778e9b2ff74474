import Foundation
import Testing
@testable import WargameKit

@Suite struct EscalationTests {
    @Test func escalationIsUnilateralDeescalationNeedsEverySide() {
        #expect(Move.resolve(current: 2, asks: [3, 2]) == 3)   // one side escalates: it happens
        #expect(Move.resolve(current: 2, asks: [5, 3]) == 5)   // the highest ask wins
        #expect(Move.resolve(current: 2, asks: [1, 2]) == 2)   // one side holds: no de-escalation
        #expect(Move.resolve(current: 2, asks: [1, 0]) == 1)   // all ask less: the highest of them
        #expect(Move.resolve(current: 2, asks: [2, 2]) == 2)
    }

    @Test func movesAreClampedToTheLadder() {
        let l = Ladder.standard
        #expect(Move.escalate.target(from: 9, ladder: l) == 9)
        #expect(Move.deescalate.target(from: 0, ladder: l) == 0)
        #expect(Move.rung(42).target(from: 3, ladder: l) == 9)
        #expect(Move.rung(-3).target(from: 3, ladder: l) == 0)
    }

    @Test func defaultLadderHasTenNamedRungsWithThreshold() {
        let l = Ladder.standard
        #expect(l.rungs.count == 10)
        #expect(l.rungs.allSatisfy { !$0.description.isEmpty })
        #expect(l.firstWarRung == 5)
        #expect(l.nuclearThreshold == 7)
        #expect(l.name(2) == "sanctions")
    }

    /// The logistic curve of docs/escalation.md: q = 1/(1+exp(κ(x−θ0))), zero at or above θ.
    @Test func nuclearStepProbabilityFollowsTheCurve() {
        let d = DoctrineParameters()
        #expect(d.nuclearStepProbability(position: 0.6) == 0)
        #expect(d.nuclearStepProbability(position: 0.9) == 0)
        #expect(abs(d.nuclearStepProbability(position: 0.4) - 0.5) < 1e-12)
        #expect(abs(d.nuclearStepProbability(position: 0.2) - 1 / (1 + exp(-2.0))) < 1e-12)
        #expect(d.nuclearStepProbability(position: 0.1) > d.nuclearStepProbability(position: 0.3))
    }
}
