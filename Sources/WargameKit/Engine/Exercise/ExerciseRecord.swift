/// What the debrief and the after-action report read of one adjudicated turn: each team's
/// order, the model's proposal and the white cell's decision.
public struct ExerciseTurnRecord: Codable, Hashable, Sendable {
    /// A team's order as it was given.
    public struct Order: Codable, Hashable, Sendable {
        public var team: String
        public var side: String
        public var move: Move
    }

    /// A policy order (sanction, lift, invoke, honour, abandon) as it was given, by the
    /// team or, in an override, by the white cell for that team.
    public struct PolicyOrder: Codable, Hashable, Sendable {
        public var team: String
        public var side: String
        public var order: ExercisePolicyOrder
        public var byWhiteCell: Bool
    }

    /// Who decided a side's move in the turn as adjudicated.
    public enum Decider: String, Codable, Hashable, Sendable {
        case team
        /// The built-in doctrine (sides whose team gave no order, or that have no team).
        case doctrine
        case whiteCell = "white cell"
    }

    public struct SideDecision: Codable, Hashable, Sendable {
        public var side: String
        public var move: Move
        public var decider: Decider
    }

    /// The white cell's decision on the proposal.
    public enum Decision: Codable, Hashable, Sendable {
        case accepted
        /// The white cell replaced a side's move and gave its reason.
        case overridden(side: String, move: Move, reason: String)
        /// The white cell added a policy order for a side (its text) and gave its reason.
        case overriddenOrder(side: String, order: String, reason: String)
    }

    public var turn: Int
    public var orders: [Order]
    /// The model's proposal: every side's move and the rung it led to.
    public var proposed: [SideDecision]
    public var proposedRung: Int
    public var decision: Decision
    /// The turn as adjudicated.
    public var adjudicated: [SideDecision]
    public var previousRung: Int
    public var rung: Int
    public var events: [Event]
    public var ending: Ending?
    /// The policy orders played in the turn, teams in the file's order.
    public var policyOrders: [PolicyOrder] = []
}

/// An entry of the public timeline every team sees.
public struct TimelineEntry: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Codable, Hashable, Sendable { case inject, outcome, event }
    public var turn: Int
    public var kind: Kind
    public var text: String
    public var description: String { "turn \(turn) [\(kind.rawValue)] \(text)" }
}
