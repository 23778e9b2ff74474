/// A side: states that fight together, the first its leader.
public struct Side: Codable, Hashable, Sendable {
    public var name: String
    public var members: [String]
    /// Whether the side can use nuclear weapons; nil: its leader holds warheads (FAS 2024).
    public var nuclearOverride: Bool?
    /// The side's stake e (ceiling of its desperation hazard); nil: the doctrine's `stake`.
    public var stake: Double?
    public var leader: String { members[0] }
    public init(name: String, members: [String], nuclear: Bool? = nil, stake: Double? = nil) {
        self.name = name
        self.members = members
        self.nuclearOverride = nuclear
        self.stake = stake
    }
}

/// One entry of the event log.
public struct Event: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case turn, escalation, deescalation, alliance, combat, sanctions, nuclear, end
        /// The white cell's decision on a turn of a classroom exercise (an override and its reason).
        case adjudication
    }
    public var turn: Int
    public var kind: Kind
    public var text: String
    public init(turn: Int, kind: Kind, text: String) {
        self.turn = turn
        self.kind = kind
        self.text = text
    }
    public var description: String { "turn \(turn) [\(kind.rawValue)] \(text)" }
}

/// How and why a run ended.
public struct Ending: Codable, Hashable, Sendable {
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// The crisis subsided: the rung stayed low.
        case ceasefire
        /// At war, every side chose to step down below the war rungs.
        case negotiation
        /// A side's forces fell below the breakpoint.
        case breakpoint
        /// A side's odds at war stayed hopeless.
        case capitulation
        case nuclearWar = "nuclear_war"
        case turnLimit = "turn_limit"
    }
    public var reason: Reason
    public var turn: Int
    public var why: String
}

/// An alliance commitment called on, and each ally's answer (drawn once).
public struct Invocation: Codable, Hashable, Sendable {
    public struct Response: Codable, Hashable, Sendable {
        public var state: String
        public var honoured: Bool
    }
    public var alliance: String
    public var turn: Int
    /// The member who called on it.
    public var invokedBy: String
    /// The side the allies answer for.
    public var side: String
    public var responses: [Response]
}

/// A side's theatre forces once fighting has begun.
public struct CombatForces: Codable, Hashable, Sendable {
    public var initial: Double
    public var current: Double
    public var effectiveness: Double
    /// Allies whose forces have joined (they join in the turn they honour).
    public var joined: [String]
    public var position: Double { initial > 0 ? current / initial : 0 }
}

/// What a side's policy sees: a read-only copy of its situation.
public struct SideView: Codable, Hashable, Sendable {
    public var side: String
    public var leader: String
    public var turn: Int
    public var rung: Int
    public var rungName: String
    /// Its contest-success odds against the other sides.
    public var pWin: Double
    /// Its power over theirs.
    public var ratio: Double
    /// Remaining over initial theatre force (1 before fighting).
    public var position: Double
    /// Its leader's sanctions damage, % of GDP.
    public var damagePct: Double
    public var nuclear: Bool
    /// The events of the last turn.
    public var recentEvents: [Event]
}

/// Who decided a side's move.
public struct SideMove: Codable, Hashable, Sendable {
    /// A Lua policy, the built-in doctrine, an exercise team's order, or the white cell's.
    public enum Source: String, Codable, Sendable { case policy, doctrine, team, whiteCell = "white_cell" }
    public var side: String
    public var move: Move
    public var source: Source
    /// For the doctrine: the rungs it weighed and the chance it gave each (what a class
    /// can read to see why a side moved).
    public var options: [Int]?
    public var probabilities: [Double]?
    public init(side: String, move: Move, source: Source, options: [Int]? = nil, probabilities: [Double]? = nil) {
        self.side = side
        self.move = move
        self.source = source
        self.options = options
        self.probabilities = probabilities
    }
}

/// The report of one turn: measurement only; the dynamics are in `Scenario.step`.
public struct TurnReport: Codable, Hashable, Sendable {
    public var turn: Int
    public var previousRung: Int
    public var rung: Int
    public var rungName: String
    public var moves: [SideMove]
    /// Contest odds of each side against the others, in side order.
    public var pWin: [Double]
    /// Conventional position of each side (1 before fighting), in side order.
    public var positions: [Double]
    /// Sanctions damage, % of GDP, of each sanctions target (sorted by state).
    public var damagePct: [String: Double]
    public var events: [Event]
    public var ending: Ending?
}
