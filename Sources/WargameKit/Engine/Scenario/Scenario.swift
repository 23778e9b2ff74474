/// A scenario: the world's configuration and its evolving state, as one value.
///
/// Copying a scenario copies everything, generator included, which is what undo, rewind
/// and fork rely on. The state advances only in ``step(_:)`` (Scenario+Step.swift).
public struct Scenario: Codable, Hashable, Sendable {
    // Configuration (scripts set it, mostly before the first turn).
    public var name: String
    public var seed: Int64
    public var capabilities: Capabilities
    /// Estimated warheads by state (FAS 2024); a side is nuclear-armed when its leader has any.
    public var warheads: [String: Int]
    /// States held to be nuclear-armed without a warhead count (a historical year's
    /// possession, Bundled.nuclearStates); sorted. nil in saves made before it existed.
    public var nuclearStates: [String]?
    public var ladder: Ladder
    public var turnLimit: Int
    public var doctrine: DoctrineParameters
    public var theatre: TheatreParameters
    public private(set) var sides: [Side] = []
    public private(set) var alliances: [Alliance] = []
    public var sanctions: SanctionsModel

    // State.
    public internal(set) var turn = 0
    public internal(set) var rung: Int
    /// One seeded stream per random mechanism (common random numbers across variants).
    public internal(set) var streams: RandomStreams
    public internal(set) var log: [Event] = []
    public internal(set) var invocations: [Invocation] = []
    /// Theatre forces by side index, once fighting has begun.
    public internal(set) var combat: [CombatForces]?
    public internal(set) var lowRungTurns = 0
    public internal(set) var lowOddsTurns: [Int] = []
    /// Turns in a row each side's force has been below the breakpoint.
    public internal(set) var lowPositionTurns: [Int] = []
    public internal(set) var ending: Ending?
    /// The leaders of the sides that took the rung into war first; nil until then.
    public internal(set) var warStartedBy: [String]?
    /// A cache of pre-war figures (not saved, not compared).
    var memo = PrewarMemo()
    public internal(set) var lastReport: TurnReport?

    public init(name: String, seed: Int64, capabilities: Capabilities, warheads: [String: Int],
                ladder: Ladder = .standard, rung: Int = 1, turnLimit: Int = 40) throws {
        try Self.validate(ladder: ladder)
        guard ladder.rungs.indices.contains(rung) else {
            throw ScenarioError.invalid("start rung \(rung) is not on the ladder (0..\(ladder.top))")
        }
        try Self.validate(turnLimit: turnLimit)
        self.name = name
        self.seed = seed
        self.capabilities = capabilities
        self.warheads = warheads
        self.ladder = ladder
        self.rung = rung
        self.turnLimit = turnLimit
        self.doctrine = DoctrineParameters()
        self.theatre = TheatreParameters()
        self.sanctions = SanctionsModel()
        self.streams = RandomStreams(seed: seed)
    }

    // MARK: Configuration

    /// Adds (or replaces, by name) a side. Members are state codes known to the capabilities.
    /// Checks the sides as they would be with exactly the code loading uses
    /// (``validate(sides:capabilities:)``), so a side the API accepts also loads.
    public mutating func setSide(_ side: Side) throws {
        var new = sides
        if let i = new.firstIndex(where: { $0.name == side.name }) { new[i] = side } else { new.append(side) }
        try Self.validate(sides: new, capabilities: capabilities)
        sides = new
        lowOddsTurns = Array(repeating: 0, count: sides.count)
        lowPositionTurns = lowOddsTurns
    }

    /// Adds (or replaces, by name) an alliance, checked as loading checks it
    /// (``validate(alliance:)``).
    public mutating func addAlliance(_ alliance: Alliance) throws {
        try validate(alliance: alliance)
        if let i = alliances.firstIndex(where: { $0.name == alliance.name }) {
            alliances[i] = alliance
        } else {
            try ScenarioLimits.checkCount(alliances.count + 1, ScenarioLimits.maxAlliances, "alliances")
            alliances.append(alliance)
        }
    }

    /// Reseeds the generator (the REPL's `:seed`); the seed is recorded with the scenario.
    public mutating func reseed(_ seed: Int64) {
        self.seed = seed
        streams = RandomStreams(seed: seed)
    }

    /// Gives this scenario its own copies of the storage it may share with scenarios on
    /// other threads (the bundled warhead estimates, the standard ladder: `static let`s),
    /// and a memo computed from them. The value is the same; what changes is that a Monte
    /// Carlo worker that calls this on its scenario counts references only on objects of
    /// its own, rather than on objects the other workers count too, whose counts then go
    /// back and forth between the cores' caches.
    public mutating func detachSharedStorage() {
        warheads = Dictionary(uniqueKeysWithValues: warheads.map { ($0.key, $0.value) })
        nuclearStates = nuclearStates.map { $0.map { $0 } }
        ladder.rungs = ladder.rungs.map { $0 }
        memo = PrewarMemo()
        prepareMemo()
    }

    func checkStates(_ codes: [String]) throws {
        for c in codes where !capabilities.contains(c) {
            throw ScenarioError.unknownState(c)
        }
    }

    // MARK: Queries (measurement, no dynamics)

    public var rungName: String { ladder.name(rung) }

    /// The side whose name or leader is `key`.
    public func sideIndex(_ key: String) -> Int? {
        sides.firstIndex { $0.name == key } ?? sides.firstIndex { $0.leader == key }
    }

    public func isNuclear(_ side: Side) -> Bool {
        side.nuclearOverride ?? ((warheads[side.leader] ?? 0) > 0 || nuclearStates?.contains(side.leader) == true)
    }

    /// Allies' answers given before `turn`: the odds at the end of a turn (computed `at:
    /// turn + 1`) count the answers given in it.
    func honoured(at turn: Int) -> [String: Bool] {
        var out: [String: Bool] = [:]
        for inv in invocations where inv.turn < turn {
            for r in inv.responses { out[r.state] = (out[r.state] ?? false) || r.honoured }
        }
        return out
    }

    /// The balance between `a` and `b` (state codes or side names). A side leader brings its
    /// side; any other state stands alone with its allies. `attacker` (a state or side of
    /// either party) decides which commitments cover; nil reads both sides' defence pacts.
    public func balance(_ a: String, _ b: String, attacker: String? = nil) throws -> Balance {
        let pa = try party(a), pb = try party(b)
        let attackerState = try attacker.map { try party($0).leader }
        return try ForceBalance.balance(a: pa, b: pb, alliances: alliances, capabilities: capabilities,
                                        attacker: attackerState, honoured: honoured(at: turn + 1),
                                        invokedOnly: ladder.isWar(rung), decisiveness: doctrine.decisiveness)
    }

    func party(_ key: String) throws -> (leader: String, members: [String]) {
        if let i = sideIndex(key) { return (sides[i].leader, Array(sides[i].members.dropFirst())) }
        try checkStates([key])
        return (key, [])
    }

    /// Sanctions damage to `state` so far.
    public func damage(_ state: String) throws -> Damage {
        try checkStates([state])
        return sanctions.damage(state)
    }
}

/// Errors from building or running a scenario.
public enum ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownState(String)
    case invalid(String)
    /// A side's policy failed: the side, the turn, and the policy's own message.
    case policyFailed(side: String, turn: Int, message: String)
    case noSuchTurn(Int)
    case nothingToUndo

    public var description: String {
        switch self {
        case .unknownState(let c): return "unknown state code '\(c)'"
        case .invalid(let m): return m
        case .policyFailed(let side, let turn, let m): return "policy for \(side) failed at turn \(turn): \(m)"
        case .noSuchTurn(let t): return "no turn \(t) in this scenario's history"
        case .nothingToUndo: return "nothing to undo: the scenario is at turn 0"
        }
    }
}
