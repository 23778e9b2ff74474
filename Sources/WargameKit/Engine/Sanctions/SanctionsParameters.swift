import Foundation

/// Every constant of the sanctions model, with the defaults of docs/sanctions.md.
///
/// All are overridable (from Lua through the scenario). The defaults are modelling choices
/// anchored in the literature cited in docs/sanctions.md, not estimates.
public struct SanctionsParameters: Codable, Hashable, Sendable {
    /// Length of a turn in years; yearly flows are multiplied by it. Default 0.25 (a quarter).
    public var turnYears: Double
    /// Share k of a member's own two-way trade with the target that it can reroute per turn
    /// (the first term of κ_m; see `access` for the second). Default 0.5.
    public var capacity: Double
    /// Detection intensity δ in p_m = 1 − exp(−δ · v · L_m / κ_m). Default 1.0.
    public var detectionRate: Double
    /// Share σ of a detected member's trade with the sanctioners lost each turn under
    /// secondary sanctions. Default 0.2.
    public var secondaryShare: Double
    /// Adaptation time constant T in years, a(τ) = f + (1 − f) · exp(−τ · turnYears / T).
    /// Default 2.
    public var adaptationYears: Double
    /// Welfare multiplier μ on interrupted trade (GDP loss per USD of unreplaced trade).
    /// Default 0.3.
    public var multiplier: Double
    /// Floor f of the adaptation factor: the share of a blocked unit's damage that import
    /// substitution never removes. Default 0.2.
    public var floor: Double
    /// Share k_s of a member's two-way trade with the active sanctioners that adds to its
    /// rerouting capacity: κ_m = Δ · (k · (X[m][t] + X[t][m]) + k_s · Σ_s (X[m][s] + X[s][m])).
    /// A partner is useful for its access to the sanctioners' goods. Default 0.2.
    public var access: Double

    public init(turnYears: Double = 0.25, capacity: Double = 0.5, detectionRate: Double = 1.0,
                secondaryShare: Double = 0.2, adaptationYears: Double = 2, multiplier: Double = 0.3,
                floor: Double = 0.2, access: Double = 0.2) {
        self.turnYears = turnYears
        self.capacity = capacity
        self.detectionRate = detectionRate
        self.secondaryShare = secondaryShare
        self.adaptationYears = adaptationYears
        self.multiplier = multiplier
        self.floor = floor
        self.access = access
    }

    private enum CodingKeys: String, CodingKey {
        case turnYears, capacity, detectionRate, secondaryShare, adaptationYears, multiplier, floor, access
    }

    /// Decodes a parameter set. `floor` and `access` may be missing: a save written before
    /// they existed ran without them, so they read as 0 there and the run goes on as saved.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        turnYears = try c.decode(Double.self, forKey: .turnYears)
        capacity = try c.decode(Double.self, forKey: .capacity)
        detectionRate = try c.decode(Double.self, forKey: .detectionRate)
        secondaryShare = try c.decode(Double.self, forKey: .secondaryShare)
        adaptationYears = try c.decode(Double.self, forKey: .adaptationYears)
        multiplier = try c.decode(Double.self, forKey: .multiplier)
        floor = try c.decodeIfPresent(Double.self, forKey: .floor) ?? 0
        access = try c.decodeIfPresent(Double.self, forKey: .access) ?? 0
    }

    /// The adaptation factor a(τ) = f + (1 − f) · exp(−τ · turnYears / T) after `tau` turns
    /// of a package: import substitution erodes the damage of what stays blocked, down to
    /// the floor f.
    public func adaptation(turns tau: Int) -> Double {
        floor + (1 - floor) * exp(-Double(max(tau, 0)) * turnYears / adaptationYears)
    }

    /// Throws `SanctionsInputError` when a parameter is out of its range.
    public func validate() throws {
        func check(_ ok: Bool, _ what: String) throws {
            if !ok { throw SanctionsInputError("parameter \(what)") }
        }
        try check(turnYears.isFinite && turnYears > 0, "turn_years must be positive, got \(turnYears)")
        try check(capacity.isFinite && capacity >= 0 && capacity <= 1, "capacity must be in [0, 1], got \(capacity)")
        try check(detectionRate.isFinite && detectionRate >= 0, "detection rate must be ≥ 0, got \(detectionRate)")
        try check(secondaryShare.isFinite && secondaryShare >= 0 && secondaryShare <= 1,
                  "secondary share must be in [0, 1], got \(secondaryShare)")
        try check(adaptationYears.isFinite && adaptationYears > 0,
                  "adaptation time must be positive, got \(adaptationYears)")
        try check(multiplier.isFinite && multiplier >= 0, "multiplier must be ≥ 0, got \(multiplier)")
        try check(floor.isFinite && floor >= 0 && floor <= 1, "floor must be in [0, 1], got \(floor)")
        try check(access.isFinite && access >= 0 && access <= 1, "access must be in [0, 1], got \(access)")
    }
}

/// An input to the sanctions model that is unknown, out of range or in conflict with
/// another; `message` says which, in one line.
public struct SanctionsInputError: Error, CustomStringConvertible, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
