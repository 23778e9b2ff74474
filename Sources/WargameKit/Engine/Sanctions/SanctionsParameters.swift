import Foundation

/// Every constant of the sanctions model, with the defaults of docs/sanctions.md.
///
/// All are overridable (from Lua through the scenario). The defaults are modelling choices
/// anchored in the literature cited in docs/sanctions.md, not estimates.
public struct SanctionsParameters: Codable, Hashable, Sendable {
    /// Length of a turn in years; yearly flows are multiplied by it. Default 0.25 (a quarter).
    public var turnYears: Double
    /// Share of a member's own two-way trade with the target that it can reroute per turn
    /// (κ_m = capacity × (X[m][t] + X[t][m]) × turnYears). Default 0.5.
    public var capacity: Double
    /// Detection intensity δ in p_m = 1 − exp(−δ · v · L_m / κ_m). Default 1.0.
    public var detectionRate: Double
    /// Share σ of a detected member's trade with the sanctioners lost each turn under
    /// secondary sanctions. Default 0.2.
    public var secondaryShare: Double
    /// Adaptation time constant T in years, a(τ) = exp(−τ · turnYears / T). Default 2.
    public var adaptationYears: Double
    /// Welfare multiplier μ on interrupted trade (GDP loss per USD of unreplaced trade).
    /// Default 0.3.
    public var multiplier: Double

    public init(turnYears: Double = 0.25, capacity: Double = 0.5, detectionRate: Double = 1.0,
                secondaryShare: Double = 0.2, adaptationYears: Double = 2, multiplier: Double = 0.3) {
        self.turnYears = turnYears
        self.capacity = capacity
        self.detectionRate = detectionRate
        self.secondaryShare = secondaryShare
        self.adaptationYears = adaptationYears
        self.multiplier = multiplier
    }

    /// The adaptation factor a(τ) = exp(−τ · turnYears / T) after `tau` turns of a package.
    public func adaptation(turns tau: Int) -> Double {
        exp(-Double(max(tau, 0)) * turnYears / adaptationYears)
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
    }
}

/// An input to the sanctions model that is unknown, out of range or in conflict with
/// another; `message` says which, in one line.
public struct SanctionsInputError: Error, CustomStringConvertible, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
