import Foundation

/// Every constant of the sanctions model, with the defaults of docs/sanctions.md.
///
/// All are overridable (`wg.scenario{ sanctions = { floor = 0.1 } }`) and checked against
/// ``table``. The defaults are modelling choices anchored in the literature cited in
/// docs/sanctions.md, not estimates.
public struct SanctionsParameters: ParameterGroup {
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

    public init() { self.init(turnYears: 0.25) }

    public static let groupName = "sanctions"

    public static var table: [Parameter<SanctionsParameters>] { [
        .real(\.turnYears, "turn_years", "Δ, length of a turn in years (yearly flows are scaled by it)", 0, 100, exclusive: true,
              source: "convention of the engine (a turn is a quarter)"),
        .real(\.capacity, "capacity", "k, share of a member's two-way trade with the target it can reroute", 0, 1,
              source: "modelling choice"),
        .real(\.access, "access", "k_s, share of a member's trade with the active sanctioners that adds to its capacity", 0, 1,
              source: "form: Istomin 2024 (partners matter for their access to Western goods); value calibrated to the EBRD range (Chupilkin, Javorcik & Plekhanov 2023)"),
        .real(\.detectionRate, "detection_rate", "δ, detection intensity in 1 − exp(−δ v L/κ)", 0, 1000,
              source: "modelling choice; only the direction (rising with visibility and volume) is from the literature"),
        .real(\.secondaryShare, "secondary_share", "σ, share of a detected member's trade with the sanctioners lost per turn", 0, 1,
              source: "modelling choice"),
        .real(\.adaptationYears, "adaptation_years", "T, time constant of import substitution, years", 0, 1000, exclusive: true,
              source: "modelling choice (the part above the floor halves in T ln 2 ≈ 1.4 years)"),
        .real(\.floor, "floor", "f, share of a blocked unit's damage that adaptation never removes", 0, 1,
              source: "modelling choice, illustrative; the direction (losses persist) has support (Kohl et al. 2021)"),
        .real(\.multiplier, "multiplier", "μ, GDP loss per USD of unreplaced trade; also caps the commission rate", 0, 100,
              source: "modelling choice in the spirit of Hufbauer, Schott & Elliott's cost to the target, not their estimate"),
    ] }

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
}

/// An input to the sanctions model that is unknown, out of range or in conflict with
/// another; `message` says which, in one line.
public struct SanctionsInputError: Error, CustomStringConvertible, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
