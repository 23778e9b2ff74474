/// An amount (USD bn) attributed to one state.
public struct StateAmount: Codable, Hashable, Sendable {
    public var state: String
    public var amount: Double
    public init(state: String, amount: Double) {
        self.state = state
        self.amount = amount
    }
}

/// A member event: detection or exit of `member` of `alignment` at `turn`.
public struct MemberEvent: Codable, Hashable, Sendable {
    public var member: String
    public var alignment: String
    public var turn: Int
    public init(member: String, alignment: String, turn: Int) {
        self.member = member
        self.alignment = alignment
        self.turn = turn
    }
}

extension MemberEvent {
    /// The event's line in the log, "`member` `verb` '`alignment`' (turn `turn`)", e.g.
    /// "TUR detected in 'Eurasian roundabout' (turn 3)", written into a string allocated
    /// once: an interpolation grows its string and appends piece by piece, which cost a
    /// turn with an event more than the rest of its sanctions (issue 14's profile).
    func logLine(_ verb: StaticString) -> String {
        var member = member, alignment = alignment
        // 12 bytes of punctuation and "turn", at most 20 of the number (Int.min).
        let capacity = member.utf8.count + verb.utf8CodeUnitCount + alignment.utf8.count + 32
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var line = TextWriter(buffer)
            member.withUTF8 { line.put($0) }
            line.put(" ")
            line.put(verb)
            line.put(" '")
            alignment.withUTF8 { line.put($0) }
            line.put("' (turn ")
            line.put(turn)
            line.put(")")
            return line.count
        }
    }
}

/// One package's figures for one turn (USD bn over the turn).
public struct PackageTurn: Codable, Hashable, Sendable {
    public var name: String
    public var target: String
    /// Turns since the package began (0 on its first turn).
    public var tau: Int
    /// Adaptation factor a(τ) = f + (1 − f) · exp(−τ · turnYears / T).
    public var adaptation: Double
    public var blocked: Double
    /// B_s per sanctioner, in the package's sanctioner order.
    public var blockedBySanctioner: [StateAmount]
    public var leaked: Double
    /// This package's share of each member's leakage, in alignment then member order.
    public var leakedByMember: [StateAmount]
    /// blocked − leaked.
    public var unreplaced: Double
    /// Commission the target paid on this package's leakage: a(τ) times its share of
    /// Σ_m min(φ_m, μ) · L_m, never more than μ · leaked · a(τ).
    public var commission: Double
    /// μ · unreplaced · a(τ) + commission.
    public var targetGDPLoss: Double
    /// μ · B_s · a(τ) per sanctioner.
    public var sanctionerCost: [StateAmount]
}

/// What one turn of sanctions did, in deterministic order (packages in model order,
/// members in alignment then member order).
public struct SanctionsTurn: Codable, Hashable, Sendable {
    public var turn: Int
    /// Active packages only.
    public var packages: [PackageTurn]
    public var detections: [MemberEvent]
    public var exits: [MemberEvent]
    /// GDP loss of each target this turn, targets sorted.
    public var targetGDPLoss: [StateAmount]
    /// Short lines for the event log, e.g. "TUR detected in 'Eurasian roundabout' (turn 3)".
    public var events: [String]

    public init(turn: Int) {
        self.turn = turn
        packages = []
        detections = []
        exits = []
        targetGDPLoss = []
        events = []
    }

    /// Total blocked, leaked and unreplaced flow this turn over all packages.
    public var blocked: Double { packages.reduce(0) { $0 + $1.blocked } }
    public var leaked: Double { packages.reduce(0) { $0 + $1.leaked } }
    public var unreplaced: Double { packages.reduce(0) { $0 + $1.unreplaced } }
}
