/// Collateral cost to one sanctioner.
public struct SanctionerDamage: Codable, Hashable, Sendable {
    public var state: String
    /// Cumulative GDP loss, USD bn.
    public var cost: Double
    /// `cost` as % of its annual GDP; nil when its GDP is not known.
    public var costPct: Double?
}

/// What one alignment member gained and lost.
public struct MemberDamage: Codable, Hashable, Sendable {
    public var state: String
    public var alignment: String
    /// Cumulative commission received, USD bn.
    public var commissionIncome: Double
    /// Cumulative trade lost to secondary sanctions, USD bn.
    public var secondaryCost: Double
    public var status: MemberStatus
    public var detectedTurn: Int?
}

/// Cumulative sanctions damage seen from one state, as `s:damage("RUS")` reports it.
///
/// Flow figures (blocked, leaked, …) are for packages that target the state; `gdpLoss`
/// counts its losses in every role (as a target and as a sanctioner).
public struct Damage: Codable, Hashable, Sendable {
    public var state: String
    /// Cumulative GDP loss, USD bn.
    public var gdpLoss: Double
    /// `gdpLoss` as % of annual GDP; always present, 0 when there is no loss or no GDP.
    public var gdpLossPct: Double
    public var blocked: Double
    public var leaked: Double
    public var unreplaced: Double
    /// Commission paid to alignment members.
    public var commission: Double
    /// Sanctioners of packages against this state, in package then sanctioner order.
    public var bySanctioner: [SanctionerDamage]
    /// Members of alignments helping this state, in alignment then member order.
    public var byMember: [MemberDamage]
}
