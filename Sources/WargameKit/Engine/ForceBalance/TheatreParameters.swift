/// How much of its armed forces a state commits to a theatre and how that force fights
/// (notes/models.md, "Forces and attrition"). Every value is overridable from Lua.
public struct TheatreParameters: Codable, Hashable, Sendable {
    /// Share of milper a side's leader and declared members commit (default 0.3).
    public var sideCommitment: Double
    /// Share of milper an ally commits, scaled by its weight (default 0.15).
    public var allyCommitment: Double
    /// γ in q_i = (r_i / median r)^γ, r = milex/milper (default 0.5): spending per soldier
    /// buys quality with diminishing returns.
    public var qualityExponent: Double
    /// Fire effectiveness per turn of a force of median quality (default 0.08).
    public var baseRate: Double

    public init(sideCommitment: Double = 0.3, allyCommitment: Double = 0.15,
                qualityExponent: Double = 0.5, baseRate: Double = 0.08) {
        self.sideCommitment = sideCommitment
        self.allyCommitment = allyCommitment
        self.qualityExponent = qualityExponent
        self.baseRate = baseRate
    }

    /// Throws unless every value is finite, the commitments are in 0...1 and the others ≥ 0.
    public func validate() throws(ForceBalanceError) {
        for (name, v, upper) in [("sideCommitment", sideCommitment, 1.0), ("allyCommitment", allyCommitment, 1.0),
                                 ("qualityExponent", qualityExponent, .infinity), ("baseRate", baseRate, .infinity)] {
            guard v.isFinite, v >= 0, v <= upper else {
                throw .invalidParameter("\(name) must be in 0...\(upper.isFinite ? "1" : "inf"), got \(v)")
            }
        }
    }
}
