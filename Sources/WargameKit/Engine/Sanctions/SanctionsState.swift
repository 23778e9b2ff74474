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
/// `SanctionsModel.validate()`), members and sanctioners by state code. They are seen as
/// dictionaries (``packages``, ``alignments``, ``gdpLoss``), which is also how they are
/// saved, compared and hashed; they are kept as short arrays of keys and records, in the
/// order the keys first came, which a turn looks up by comparing codes rather than by
/// hashing names: the dictionaries were about a third of a turn (issue 14's profile). The
/// model never depends on that order: it walks its own ordered arrays and looks records
/// up, so results do not depend on it.
public struct SanctionsState: Codable, Hashable, Sendable {
    /// Last turn advanced, nil before the first.
    public var lastTurn: Int?
    var packageSlots = Slots<PackageSlot>()
    var alignmentSlots = Slots<AlignmentSlot>()
    var gdpLossSlots = Slots<Double>()

    public init() {}

    /// Records per package name.
    public var packages: [String: PackageRecord] {
        get { packageSlots.dictionary { $0.record } }
        set { packageSlots = Slots(newValue.mapValues(PackageSlot.init)) }
    }
    /// Records per alignment name.
    public var alignments: [String: AlignmentRecord] {
        get { alignmentSlots.dictionary { $0.record } }
        set { alignmentSlots = Slots(newValue.mapValues(AlignmentSlot.init)) }
    }
    /// Cumulative GDP loss per state in any role (target or sanctioner), USD bn.
    public var gdpLoss: [String: Double] {
        get { gdpLossSlots.dictionary { $0 } }
        set { gdpLossSlots = Slots(newValue) }
    }

    // Saved, compared and hashed as the dictionaries, as before the slots.
    private enum CodingKeys: String, CodingKey { case lastTurn, packages, alignments, gdpLoss }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lastTurn = try c.decodeIfPresent(Int.self, forKey: .lastTurn)
        packages = try c.decode([String: PackageRecord].self, forKey: .packages)
        alignments = try c.decode([String: AlignmentRecord].self, forKey: .alignments)
        gdpLoss = try c.decode([String: Double].self, forKey: .gdpLoss)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(lastTurn, forKey: .lastTurn)
        try c.encode(packages, forKey: .packages)
        try c.encode(alignments, forKey: .alignments)
        try c.encode(gdpLoss, forKey: .gdpLoss)
    }

    public static func == (a: SanctionsState, b: SanctionsState) -> Bool {
        a.lastTurn == b.lastTurn && a.packages == b.packages && a.alignments == b.alignments && a.gdpLoss == b.gdpLoss
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lastTurn)
        hasher.combine(packages)
        hasher.combine(alignments)
        hasher.combine(gdpLoss)
    }
}

/// Values keyed by name, as two arrays in the order the keys came; a key is found by
/// comparing it with each (state codes and package names are short: most are compared in
/// one step, without hashing), and a new key is appended.
struct Slots<Value: Hashable & Sendable>: Hashable, Sendable {
    private(set) var keys: [String] = []
    var values: [Value] = []

    init() {}

    /// From a dictionary, keys sorted (a fixed order, whatever the dictionary's).
    init(_ dictionary: [String: Value]) {
        for (k, v) in dictionary.sorted(by: { $0.key < $1.key }) {
            keys.append(k)
            values.append(v)
        }
    }

    func index(of key: String) -> Int? { keys.firstIndex(of: key) }

    var isEmpty: Bool { keys.isEmpty }

    /// Room for `n` keys and values.
    mutating func reserveCapacity(_ n: Int) {
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    subscript(key: String) -> Value? { index(of: key).map { values[$0] } }

    /// The index of `key`, appended with `value` when it is not there yet.
    mutating func index(of key: String, inserting value: @autoclosure () -> Value) -> Int {
        if let i = keys.firstIndex(of: key) { return i }
        keys.append(key)
        values.append(value())
        return keys.count - 1
    }

    /// ``index(of:)``, trying `hint` first: where the slots were filled in the order a turn
    /// fills them (a plan knows it), one comparison finds the key, and an equal code
    /// compares in one step; elsewhere (a loaded state, keys sorted) it is searched for.
    /// Keys are unique, so both give the same index. Inlined: the call cost more than the
    /// comparison (issue 14's profile).
    @inline(__always)
    func index(of key: String, hint: Int) -> Int? {
        if keys.indices.contains(hint) && keys[hint] == key { return hint }
        return index(of: key)
    }

    /// ``index(of:inserting:)``, trying `hint` first (see ``index(of:hint:)``).
    @inline(__always)
    mutating func index(of key: String, hint: Int, inserting value: @autoclosure () -> Value) -> Int {
        if keys.indices.contains(hint) && keys[hint] == key { return hint }
        return index(of: key, inserting: value())
    }

    func dictionary<T>(_ transform: (Value) -> T) -> [String: T] {
        Dictionary(zip(keys, values.map(transform)), uniquingKeysWith: { first, _ in first })
    }
}

/// A package's record as the turn updates it: its sums per sanctioner in slots.
struct PackageSlot: Hashable, Sendable {
    var turnsActive = 0
    var blocked = 0.0, leaked = 0.0, unreplaced = 0.0, commission = 0.0, targetLoss = 0.0
    var blockedBySanctioner = Slots<Double>()
    var sanctionerCost = Slots<Double>()

    init() {}

    /// An empty record with room for the sums of `sanctioners` sanctioners.
    init(sanctioners: Int) {
        blockedBySanctioner.reserveCapacity(sanctioners)
        sanctionerCost.reserveCapacity(sanctioners)
    }

    init(_ r: PackageRecord) {
        (turnsActive, blocked, leaked, unreplaced, commission, targetLoss) =
            (r.turnsActive, r.blocked, r.leaked, r.unreplaced, r.commission, r.targetLoss)
        blockedBySanctioner = Slots(r.blockedBySanctioner)
        sanctionerCost = Slots(r.sanctionerCost)
    }

    var record: PackageRecord {
        var r = PackageRecord()
        (r.turnsActive, r.blocked, r.leaked, r.unreplaced, r.commission, r.targetLoss) =
            (turnsActive, blocked, leaked, unreplaced, commission, targetLoss)
        r.blockedBySanctioner = blockedBySanctioner.dictionary { $0 }
        r.sanctionerCost = sanctionerCost.dictionary { $0 }
        return r
    }
}

/// An alignment's record as the turn updates it: its members in slots.
struct AlignmentSlot: Hashable, Sendable {
    var leaked = 0.0
    var members = Slots<MemberRecord>()

    init() {}

    /// An empty record with room for `members` members.
    init(members: Int) { self.members.reserveCapacity(members) }

    init(_ r: AlignmentRecord) {
        leaked = r.leaked
        members = Slots(r.members)
    }

    var record: AlignmentRecord {
        var r = AlignmentRecord()
        r.leaked = leaked
        r.members = members.dictionary { $0 }
        return r
    }
}
