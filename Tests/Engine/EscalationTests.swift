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

    /// h = e / (1 + exp(−κ(θ − s))): half the stake at s = θ, rising as the share falls.
    @Test func desperationHazardFollowsTheLogistic() {
        let d = DoctrineParameters()
        #expect(abs(Doctrine.hazard(share: 0.25, stake: 0.5, d) - 0.25) < 1e-12)
        #expect(abs(Doctrine.hazard(share: 0.05, stake: 1, d) - 1 / (1 + exp(-2.0))) < 1e-12)
        #expect(Doctrine.hazard(share: 0.1, stake: 0.5, d) > Doctrine.hazard(share: 0.4, stake: 0.5, d))
        #expect(Doctrine.hazard(share: 0.9, stake: 0.5, d) < 0.001)
    }

    /// D = D_max (1 − exp(−W/W_ref)); nothing to fear from a side without warheads.
    @Test func nuclearCostSaturatesWithTheArsenal() {
        let d = DoctrineParameters()
        #expect(Doctrine.nuclearCost(warheads: 0, d) == 0)
        #expect(abs(Doctrine.nuclearCost(warheads: 100, d) - 10 * (1 - exp(-1.0))) < 1e-12)
        #expect(Doctrine.nuclearCost(warheads: 5000, d) > 9.99)
    }

    /// Quantal response: P(m) ∝ exp(λU); a difference ΔU multiplies the odds by exp(λΔU).
    @Test func choiceProbabilitiesAreLogit() {
        let p = Doctrine.probabilities([0.5, 0.6, 0.4], rationality: 25)
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(abs(p[1] / p[0] - exp(2.5)) < 1e-9)
        #expect(abs(p[0] / p[2] - exp(2.5)) < 1e-9)
        #expect(Doctrine.probabilities([1, 1], rationality: 0) == [0.5, 0.5])
        #expect(Doctrine.probabilities([1e6, 0], rationality: 1000)[0] == 1)   // no overflow
        #expect(Doctrine.pick([0.2, 0.5, 0.3], u: 0.1) == 0)
        #expect(Doctrine.pick([0.2, 0.5, 0.3], u: 0.69) == 1)
        #expect(Doctrine.pick([0.2, 0.5, 0.3], u: 0.7) == 2)
    }

    /// U(m) = q + ψ(p − c − q) − k m − π D, by hand for the default ladder.
    @Test func utilityMatchesTheFormula() {
        let d = DoctrineParameters()
        let l = Ladder.standard
        let s = Doctrine.Situation(rung: 4, options: [3, 4, 5], atWar: false,
                                   ifAttacking: .init(odds: 0.8, opponentShare: 0.1),
                                   ifAttacked: .init(odds: 0.7, opponentShare: 0.2),
                                   pain: 5, opponentWarheads: 0, opponentStake: 0.5)
        let q = 0.5 - 0.02 * 5
        // Escalating to war: the attacker's odds, the war's cost, no nuclear opponent.
        #expect(abs(Doctrine.utility(of: 5, in: s, ladder: l, d) - (q + 1 * (0.8 - 0.1 - q) - 0.05)) < 1e-12)
        // Holding: the odds of a war the other side would start, the first war rung's cost.
        #expect(abs(Doctrine.utility(of: 4, in: s, ladder: l, d) - (q + 0.5 * (0.7 - 0.1 - q) - 0.04)) < 1e-12)
        // Against a nuclear opponent the risk term enters: π = 1 − (1 − ρ)(1 − ψ h).
        var n = s
        n.opponentWarheads = 100
        let h = Doctrine.hazard(share: 0.1, stake: 0.5, d)
        let pi = 1 - (1 - 0.03) * (1 - h)
        let D = 10 * (1 - exp(-1.0))
        #expect(abs(Doctrine.utility(of: 5, in: n, ladder: l, d) - (q + (0.8 - 0.1 - q) - 0.05 - pi * D)) < 1e-12)
    }

    @Test func parameterTableRefusesNonsenseNamingTheParameter() throws {
        #expect(throws: ParameterError("doctrine.capitulation_turns must be an integer in [1, 1000], got 0")) {
            _ = try DoctrineParameters.overriding([("capitulation_turns", 0)])
        }
        #expect(throws: ParameterError.self) { _ = try DoctrineParameters.overriding([("rationality", -1)]) }
        #expect(throws: ParameterError.self) { _ = try DoctrineParameters.overriding([("stake", .nan)]) }
        #expect(throws: ParameterError.self) { _ = try DoctrineParameters.overriding([("no_such_thing", 1)]) }
        // `friction` belonged to the threshold doctrine: it is refused by name, not ignored.
        #expect(throws: ParameterError.self) { _ = try DoctrineParameters.overriding([("friction", 2)]) }
        #expect(throws: ParameterError("theatre.ally_commitment must be a number in [0, 1], got -0.1")) {
            _ = try TheatreParameters.overriding([("ally_commitment", -0.1)])
        }
        #expect(throws: ParameterError("sanctions.secondary_share must be a number in [0, 1], got 2")) {
            _ = try SanctionsParameters.overriding([("secondary_share", 2)])
        }
        let d = try DoctrineParameters.overriding([("rationality", 10), ("ceasefire_turns", 3)])
        #expect(d.rationality == 10 && d.ceasefireTurns == 3)
        #expect(DoctrineParameters.markdownTable.contains("| `rationality` |"))
    }
}
