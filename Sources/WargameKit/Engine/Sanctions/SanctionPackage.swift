/// Which trade a package blocks, seen from the target.
public enum TradeDirection: String, Codable, Hashable, Sendable, CaseIterable {
    /// The target's imports from the sanctioner (X[s][t]): an export ban by the sanctioner.
    case imports
    /// The target's exports to the sanctioner (X[t][s]): an import ban by the sanctioner.
    case exports
    /// Both directions.
    case both
}

/// A sanctions package: `sanctioners` block a share `coverage` of their trade with `target`
/// from turn `startTurn` on.
public struct SanctionPackage: Codable, Hashable, Sendable {
    /// Unique name, used in reports and events.
    public var name: String
    /// States that impose the package; none may be the target or an alignment member
    /// helping the target.
    public var sanctioners: [String]
    public var target: String
    /// Share of the covered trade that is blocked, 0...1.
    public var coverage: Double
    /// First turn the package applies (adaptation time τ counts from here).
    public var startTurn: Int
    /// Sectors covered; nil means all trade. Flows without a sector label are covered only
    /// when this is nil.
    public var sectors: [String]?
    public var direction: TradeDirection
    /// Whether the sanctioners impose secondary sanctions on alignment members they detect.
    public var secondary: Bool

    public init(name: String, sanctioners: [String], target: String, coverage: Double,
                startTurn: Int = 0, sectors: [String]? = nil, direction: TradeDirection = .both,
                secondary: Bool = true) {
        self.name = name
        self.sanctioners = sanctioners
        self.target = target
        self.coverage = coverage
        self.startTurn = startTurn
        self.sectors = sectors
        self.direction = direction
        self.secondary = secondary
    }

    /// Blocked flow with sanctioner `s` over one turn: coverage × covered trade × turnYears.
    func blocked(by s: String, trade: TradeMatrix, turnYears: Double) -> Double {
        func covered(_ from: String, _ to: String) -> Double {
            guard let sectors else { return trade.value(from: from, to: to) }
            return sectors.reduce(0) { $0 + trade.value(from: from, to: to, sector: $1) }
        }
        let flow: Double
        switch direction {
        case .imports: flow = covered(s, target)
        case .exports: flow = covered(target, s)
        case .both: flow = covered(s, target) + covered(target, s)
        }
        return coverage * flow * turnYears
    }
}

/// A countersanction alignment: `members` reroute blocked trade for `beneficiary` (the
/// target) and keep a `commission` on what they reroute.
public struct Alignment: Codable, Hashable, Sendable {
    public var name: String
    /// Members in a fixed order; detection draws follow it.
    public var members: [String]
    /// The sanctioned state the alignment helps.
    public var beneficiary: String
    /// How visible the rerouting is, 0...1 (v in the detection probability).
    public var visibility: Double
    /// Share of rerouted value the target pays the members, 0...1 (φ).
    public var commission: Double
    /// Overrides `SanctionsParameters.capacity` for this alignment's members.
    public var capacity: Double?
    /// A pragmatic member leaves when its expected cost exceeds its commission income; a
    /// non-pragmatic one (an alignment held for status) stays whatever it costs.
    public var pragmatic: Bool

    public init(name: String, members: [String], beneficiary: String, visibility: Double,
                commission: Double, capacity: Double? = nil, pragmatic: Bool = true) {
        self.name = name
        self.members = members
        self.beneficiary = beneficiary
        self.visibility = visibility
        self.commission = commission
        self.capacity = capacity
        self.pragmatic = pragmatic
    }
}
