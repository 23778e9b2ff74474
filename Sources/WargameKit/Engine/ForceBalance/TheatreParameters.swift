/// How much of its armed forces a state commits to a theatre and how that force fights
/// (docs/force-balance.md, "Theatre forces"). Every value is overridable from Lua,
/// `wg.scenario{ theatre = { base_rate = 0.1 } }`, and checked against ``table``.
public struct TheatreParameters: ParameterGroup {
    /// Share of milper a side's leader and declared members commit (default 0.3).
    public var sideCommitment: Double
    /// Share of milper an ally commits, scaled by its weight (default 0.15).
    public var allyCommitment: Double
    /// γ in q_i = (r_i / median r)^γ, r = milex/milper (default 0.5): spending per soldier
    /// buys quality with diminishing returns.
    public var qualityExponent: Double
    /// Fire effectiveness per turn of a force of median quality (default 0.08).
    public var baseRate: Double

    public init() { self.init(sideCommitment: 0.3) }

    public init(sideCommitment: Double = 0.3, allyCommitment: Double = 0.15,
                qualityExponent: Double = 0.5, baseRate: Double = 0.08) {
        self.sideCommitment = sideCommitment
        self.allyCommitment = allyCommitment
        self.qualityExponent = qualityExponent
        self.baseRate = baseRate
    }

    public static let groupName = "theatre"

    public static var table: [Parameter<TheatreParameters>] { [
        .real(\.sideCommitment, "side_commitment", "share of its military personnel a side member commits to the theatre", 0, 1,
              source: "modelling choice: most armies keep the larger part of their forces elsewhere"),
        .real(\.allyCommitment, "ally_commitment", "share an honouring ally commits (times its weight)", 0, 1,
              source: "modelling choice: allies send expeditionary forces, not their armies"),
        .real(\.qualityExponent, "quality_exponent", "γ: quality per soldier = (spending per soldier / world median)^γ", 0, 2,
              source: "modelling choice: diminishing returns to spending per soldier"),
        .real(\.baseRate, "base_rate", "fire effectiveness per turn of a force of median quality (Lanchester α)", 0, 10,
              source: "modelling choice: a quarter-year of fighting costs the weaker side a sizeable share of its force"),
    ] }
}
