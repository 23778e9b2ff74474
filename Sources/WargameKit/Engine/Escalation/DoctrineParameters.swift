import Foundation

/// The built-in doctrine's and the war's parameters (docs/escalation.md gives the
/// equations). Every field is overridable from Lua, `wg.scenario{ doctrine = {
/// rationality = 10 } }`, and checked against ``table``. Per-rung values (war share,
/// cost, slip risk) belong to the ladder's rungs.
public struct DoctrineParameters: ParameterGroup {
    /// q0: the value of the status quo to a side without sanctions pain.
    public var statusQuo: Double = 0.5
    /// η: value of the status quo lost per % of GDP of sanctions damage.
    public var painWeight: Double = 0.02
    /// k: cost of standing one rung higher, per turn.
    public var rungCost: Double = 0.01
    /// λ: how sharply choices follow utilities (quantal response).
    public var rationality: Double = 25
    /// D_max: the cost of a nuclear exchange against a large arsenal, in units of the war's stakes.
    public var nuclearDamage: Double = 10
    /// W_ref: warheads at which the cost of a nuclear exchange reaches 63% of D_max.
    public var warheadScale: Double = 100
    /// e: a side's stake, the ceiling of its desperation hazard (a side may set its own).
    public var stake: Double = 0.5
    /// κ: steepness of the desperation hazard in the fighting-strength share.
    public var hazardSteepness: Double = 10
    /// θ: fighting-strength share at which the hazard is half the stake.
    public var hazardShare: Double = 0.25
    /// Contest decisiveness k in p = P_a^k / (P_a^k + P_b^k).
    public var decisiveness: Double = 1
    /// A side whose force falls below this share of its initial strength...
    public var breakpoint: Double = 0.3
    /// ...for this many turns in a row is defeated.
    public var breakpointTurns: Int = 2
    /// A side whose contest odds at war stay below this...
    public var capitulationOdds: Double = 0.1
    /// ...for this many turns capitulates.
    public var capitulationTurns: Int = 3
    /// The crisis ends when the rung stays at or below this...
    public var ceasefireRung: Int = 1
    /// ...for this many turns.
    public var ceasefireTurns: Int = 2

    public init() {}

    public static let groupName = "doctrine"

    public static var table: [Parameter<DoctrineParameters>] { [
        .real(\.statusQuo, "status_quo", "q0, the value of the status quo (war's stakes are 0..1)", 0, 1,
              source: "modelling choice: the midpoint of the stakes; with p the odds, war pays only when p − c > q (Fearon 1995)"),
        .real(\.painWeight, "pain_weight", "η, status-quo value lost per % of GDP of sanctions damage", 0, 1,
              source: "modelling choice; the direction (pain lowers the value of peace) is Copeland 1996"),
        .real(\.rungCost, "rung_cost", "k, cost per turn per rung number (k·m at rung m)", 0, 1,
              source: "modelling choice (mobilising and holding a crisis cost something)"),
        .real(\.rationality, "rationality", "λ, quantal-response precision: P(m) ∝ exp(λ U(m))", 0, 1000,
              source: "modelling choice; the form is McKelvey & Palfrey 1995, Signorino 1999"),
        .real(\.nuclearDamage, "nuclear_damage", "D_max, cost of a nuclear exchange against a large arsenal", 0, 1000,
              source: "modelling choice: many times the stakes of any war (Schelling 1966; Powell 1990)"),
        .real(\.warheadScale, "warhead_scale", "W_ref, warheads at which the cost is 63% of D_max", 0, 1e6, exclusive: true,
              source: "modelling choice: a hundred warheads already destroy a country's cities"),
        .real(\.stake, "stake", "e, ceiling of a losing nuclear side's hazard per turn (1: home territory at stake)", 0, 1,
              source: "modelling choice; Powell 1990: the threat is more credible the more is at stake"),
        .real(\.hazardSteepness, "hazard_steepness", "κ, steepness of the hazard in the fighting-strength share", 0, 1000,
              source: "modelling choice"),
        .real(\.hazardShare, "hazard_share", "θ, fighting-strength share at which the hazard is e/2", 0, 1,
              source: "modelling choice: a side with a quarter of the fighting strength is losing badly"),
        .real(\.decisiveness, "decisiveness", "k of the contest success function p = P_a^k/(P_a^k+P_b^k)", 0, 100, exclusive: true,
              source: "Hirshleifer 1989 (ratio form); 1 is the neutral choice"),
        .real(\.breakpoint, "breakpoint", "force remaining (share of initial) below which a side is breaking", 0, 1,
              source: "modelling choice; armies usually break well before annihilation (Lanchester models need a breakpoint)"),
        .count(\.breakpointTurns, "breakpoint_turns", "turns below the breakpoint before the side is defeated", 1, 1000,
               source: "modelling choice"),
        .real(\.capitulationOdds, "capitulation_odds", "contest odds at war below which a side gives up", 0, 1,
              source: "modelling choice"),
        .count(\.capitulationTurns, "capitulation_turns", "turns below capitulation_odds before it capitulates", 1, 1000,
               source: "modelling choice"),
        .count(\.ceasefireRung, "ceasefire_rung", "the crisis ends when the rung stays at or below this (-1: never)", -1, 1000,
               source: "modelling choice (rung 1, crisis, of the default ladder)"),
        .count(\.ceasefireTurns, "ceasefire_turns", "turns at or below ceasefire_rung before the crisis ends", 1, 1000,
               source: "modelling choice"),
    ] }
}
