/// Where an alignment member stands.
public enum MemberStatus: String, Codable, Hashable, Sendable {
    /// Rerouting, not detected.
    case active
    /// Rerouting, detected (and under secondary sanctions if the sanctioners impose them).
    case detected
    /// Has left the alignment; reroutes nothing more.
    case left
}

/// Everything about an alignment member that evolves.
public struct MemberRecord: Codable, Hashable, Sendable {
    public var status: MemberStatus = .active
    /// Turn it was detected, if it was (kept after it leaves).
    public var detectedTurn: Int?
    /// Turn it decided to leave, if it did.
    public var leftTurn: Int?
    /// Cumulative rerouted value, USD bn.
    public var leaked: Double = 0
    /// Cumulative commission received, USD bn.
    public var commissionIncome: Double = 0
    /// Cumulative trade lost to secondary sanctions, USD bn.
    public var secondaryCost: Double = 0

    public init() {}
}

/// Everything about an alignment that evolves.
public struct AlignmentRecord: Codable, Hashable, Sendable {
    /// Cumulative leakage through all members, USD bn.
    public var leaked: Double = 0
    /// Per member, keyed by state code (look-up only; reports follow the member order).
    public var members: [String: MemberRecord] = [:]

    public init() {}
}

/// Everything about a package that evolves (cumulative, USD bn).
public struct PackageRecord: Codable, Hashable, Sendable {
    /// Turns the package has applied so far.
    public var turnsActive: Int = 0
    public var blocked: Double = 0
    public var leaked: Double = 0
    public var unreplaced: Double = 0
    public var commission: Double = 0
    /// GDP the target lost to this package.
    public var targetLoss: Double = 0
    /// Blocked flow per sanctioner.
    public var blockedBySanctioner: [String: Double] = [:]
    /// Collateral GDP loss per sanctioner.
    public var sanctionerCost: [String: Double] = [:]

    public init() {}
}

/// The evolving part of the sanctions model: a value, so undo, fork and save copy it whole.
///
/// Records are keyed by package and alignment name (names are unique, checked by
/// `SanctionsModel.validate()`); the model never iterates these dictionaries, it walks its
/// own ordered arrays and looks records up, so results do not depend on hash order.
public struct SanctionsState: Codable, Hashable, Sendable {
    /// Last turn advanced, nil before the first.
    public var lastTurn: Int?
    public var packages: [String: PackageRecord] = [:]
    public var alignments: [String: AlignmentRecord] = [:]
    /// Cumulative GDP loss per state in any role (target or sanctioner), USD bn.
    public var gdpLoss: [String: Double] = [:]

    public init() {}
}
