/// One state's part in a side's power.
public struct Contribution: Codable, Hashable, Sendable {
    public var state: String
    /// The alliance whose commitment brings the state in; `nil` for the leader and declared
    /// side members, and for an ally no commitment covers in this contingency.
    public var alliance: String?
    /// w_i: 1 for leader and members, the covering commitment's reliability for an ally
    /// (or 1/0 once it has honoured/declined), 0 if not covered.
    public var weight: Double
    /// The state's CINC (0 when it has none).
    public var cinc: Double
    /// weight × cinc.
    public var power: Double

    public init(state: String, alliance: String?, weight: Double, cinc: Double) {
        self.state = state
        self.alliance = alliance
        self.weight = weight
        self.cinc = cinc
        self.power = weight * cinc
    }
}

/// A side's coalition power P_S = Σ w_i·CINC_i and what it is made of.
public struct SidePower: Codable, Hashable, Sendable {
    public var leader: String
    /// Declared members other than the leader, in the order given.
    public var members: [String]
    public var power: Double
    /// Leader, members in order, then allies in alliance order.
    public var contributions: [Contribution]
}

/// The balance between two sides and side a's contest-success odds.
public struct Balance: Codable, Hashable, Sendable {
    public var a: SidePower
    public var b: SidePower
    /// P_a / P_b (+∞ when only b is powerless; 1 when both are).
    public var ratio: Double
    /// Side a's odds p_a = P_a^k / (P_a^k + P_b^k); 0.5 when both are powerless.
    public var pWin: Double
    /// The decisiveness k used.
    public var decisiveness: Double
}
