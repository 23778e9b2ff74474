/// The built-in doctrine and the escalation dynamics, with the defaults of
/// notes/models.md (docs/escalation.md explains each). Every field is overridable from Lua
/// (`wg.scenario{ doctrine = { resolve = 0.65, ... } }`).
public struct DoctrineParameters: Codable, Hashable, Sendable {
    /// Escalate when the side's contest odds are at least this (below the nuclear threshold).
    public var resolve: Double = 0.6
    /// Escalate when sanctions pain (% of GDP) exceeds this, while below mobilisation.
    public var costTolerance: Double = 5
    /// Rung below which pain-driven escalation happens (default: mobilisation, 4).
    public var painEscalationCeiling: Int = 4
    /// De-escalate when the odds are at most this and the rung is below the war rungs.
    public var yieldOdds: Double = 0.35
    /// Probability that a side picks a random legal move instead (friction).
    public var friction: Double = 0.05
    /// Nuclear reliance: a nuclear-armed side at a war rung whose conventional position
    /// (remaining over initial force) is below `nuclearPosition` moves up to the next
    /// nuclear rung with probability 1 / (1 + exp(steepness · (position − midpoint))).
    public var nuclearPosition: Double = 0.6
    public var nuclearSteepness: Double = 10
    public var nuclearMidpoint: Double = 0.4
    /// Contest decisiveness k in p = P_a^k / (P_a^k + P_b^k).
    public var decisiveness: Double = 1
    /// Ceasefire when the rung stays at or below this for `ceasefireTurns` turns.
    public var ceasefireRung: Int = 1
    public var ceasefireTurns: Int = 2
    /// Capitulation when a side's odds stay below `capitulationOdds` for
    /// `capitulationTurns` turns at war rungs.
    public var capitulationOdds: Double = 0.1
    public var capitulationTurns: Int = 3

    public init() {}

    /// Throws ``ScenarioError/invalid(_:)`` naming the first value out of its range (in
    /// the snake_case name `wg.scenario{ doctrine = {...} }` uses): probabilities, odds and
    /// positions in [0, 1], durations in turns from 1 to ``ScenarioLimits/maxTurn``, rungs
    /// from -1 (never) to ``ScenarioLimits/maxRungs``, the rest finite and non-negative,
    /// decisiveness positive. Loading and the API both call it.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ range: String, _ value: Any) throws {
            if !ok { throw ScenarioError.invalid("\(name) must be \(range), got \(value)") }
        }
        for (name, p) in [("resolve", resolve), ("yield_odds", yieldOdds), ("friction", friction),
                          ("nuclear_position", nuclearPosition), ("nuclear_midpoint", nuclearMidpoint),
                          ("capitulation_odds", capitulationOdds)] {
            try check((0...1).contains(p), name, "in [0, 1]", p)
        }
        try check(costTolerance.isFinite && costTolerance >= 0, "cost_tolerance", "a non-negative number", costTolerance)
        try check(nuclearSteepness.isFinite && nuclearSteepness >= 0, "nuclear_steepness", "a non-negative number", nuclearSteepness)
        try check(decisiveness.isFinite && decisiveness > 0, "decisiveness", "a positive number", decisiveness)
        for (name, r) in [("pain_escalation_ceiling", painEscalationCeiling), ("ceasefire_rung", ceasefireRung)] {
            try check((-1...ScenarioLimits.maxRungs).contains(r), name, "in -1..\(ScenarioLimits.maxRungs)", r)
        }
        for (name, t) in [("ceasefire_turns", ceasefireTurns), ("capitulation_turns", capitulationTurns)] {
            try check((1...ScenarioLimits.maxTurn).contains(t), name, "in 1..\(ScenarioLimits.maxTurn)", t)
        }
    }

    /// The probability of a nuclear step at conventional position `x`.
    public func nuclearStepProbability(position x: Double) -> Double {
        guard x < nuclearPosition else { return 0 }
        return 1 / (1 + Foundation.exp(nuclearSteepness * (x - nuclearMidpoint)))
    }
}
import Foundation
