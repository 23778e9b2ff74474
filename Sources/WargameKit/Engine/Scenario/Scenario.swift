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
        guard !ladder.rungs.isEmpty else { throw ScenarioError.invalid("the ladder has no rungs") }
        guard ladder.rungs.indices.contains(rung) else {
            throw ScenarioError.invalid("start rung \(rung) is not on the ladder (0..\(ladder.top))")
        }
        guard turnLimit >= 1 else { throw ScenarioError.invalid("turn limit must be at least 1") }
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
    public mutating func setSide(_ side: Side) throws {
        guard !side.members.isEmpty else { throw ScenarioError.invalid("side '\(side.name)' has no members") }
        try checkStates(side.members)
        for other in sides where other.name != side.name {
            if let shared = side.members.first(where: other.members.contains) {
                throw ScenarioError.invalid("\(shared) is already on side '\(other.name)'")
            }
        }
        if let i = sides.firstIndex(where: { $0.name == side.name }) { sides[i] = side } else { sides.append(side) }
        lowOddsTurns = Array(repeating: 0, count: sides.count)
        lowPositionTurns = lowOddsTurns
    }

    public mutating func addAlliance(_ alliance: Alliance) throws {
        guard alliance.members.count >= 2 else { throw ScenarioError.invalid("alliance '\(alliance.name)' needs two members") }
        guard alliance.format == .multilateral || alliance.members.count == 2 else {
            throw ScenarioError.invalid("alliance '\(alliance.name)': a bilateral treaty binds two states, got \(alliance.members.count)")
        }
        guard (0...1).contains(alliance.reliability) else {
            throw ScenarioError.invalid("alliance '\(alliance.name)': reliability must be in [0, 1]")
        }
        try checkStates(alliance.members + (alliance.against ?? []))
        if let i = alliances.firstIndex(where: { $0.name == alliance.name }) { alliances[i] = alliance } else { alliances.append(alliance) }
    }

    /// Reseeds the generator (the REPL's `:seed`); the seed is recorded with the scenario.
    public mutating func reseed(_ seed: Int64) {
        self.seed = seed
        streams = RandomStreams(seed: seed)
    }

    /// What every scenario built through the API satisfies; checked on values that come
    /// from elsewhere (save files).
    public func validate() throws {
        guard !ladder.rungs.isEmpty, ladder.rungs.indices.contains(rung) else {
            throw ScenarioError.invalid("rung \(rung) is not on the ladder")
        }
        guard turn >= 0, turnLimit >= 1 else { throw ScenarioError.invalid("turn or turn limit out of range") }
        do {
            try ladder.validate()
            try doctrine.validate()
            try theatre.validate()
        } catch { throw ScenarioError.invalid(error.message) }
        var names = Set<String>(), members = Set<String>()
        for side in sides {
            guard !side.members.isEmpty else { throw ScenarioError.invalid("side '\(side.name)' has no members") }
            guard names.insert(side.name).inserted else { throw ScenarioError.invalid("two sides are named '\(side.name)'") }
            for m in side.members {
                guard members.insert(m).inserted else { throw ScenarioError.invalid("\(m) is on two sides") }
            }
            try checkStates(side.members)
        }
        for a in alliances {
            guard a.members.count >= 2, (0...1).contains(a.reliability),
                  a.format == .multilateral || a.members.count == 2 else {
                throw ScenarioError.invalid("alliance '\(a.name)' is malformed")
            }
        }
        if let forces = combat {
            guard forces.count <= sides.count,
                  forces.allSatisfy({ $0.initial.isFinite && $0.current.isFinite && $0.initial >= 0 && $0.current >= 0 }) else {
                throw ScenarioError.invalid("combat forces are malformed")
            }
        }
        var copy = sanctions
        try copy.validate()
    }

    func checkStates(_ codes: [String]) throws {
        for c in codes where capabilities[c] == nil {
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
        side.nuclearOverride ?? ((warheads[side.leader] ?? 0) > 0)
    }

    /// Allies' answers so far that count at `turn` (an answer counts from the turn after).
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
