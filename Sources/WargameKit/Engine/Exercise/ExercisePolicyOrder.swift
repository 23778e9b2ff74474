/// A team's order beyond the ladder: a sanctions package imposed or lifted, an alliance
/// invoked, or the answer of an alliance's allies decided. A turn takes one ladder move
/// and any number of these (docs/exercises.md, "Policy orders").
public enum ExercisePolicyOrder: Codable, Hashable, Sendable, CustomStringConvertible {
    /// Imposes one of the team's packages from the turn being resolved (its start turn).
    case sanction(String)
    /// Lifts a package of the team's in force: it is removed from that turn on; the damage
    /// done so far stays.
    case lift(String)
    /// The team's side calls on an alliance it belongs to, before any attack.
    case invoke(String)
    /// The allies of an alliance the team speaks for honour it when it is invoked, from
    /// this turn on (instead of the reliability draw).
    case honour(String)
    /// They decline it, from this turn on.
    case abandon(String)

    /// The keyword an order starts with.
    public var verb: String {
        switch self {
        case .sanction: return "sanction"
        case .lift: return "lift"
        case .invoke: return "invoke"
        case .honour: return "honour"
        case .abandon: return "abandon"
        }
    }

    /// The package or alliance it names.
    public var name: String {
        switch self {
        case .sanction(let n), .lift(let n), .invoke(let n), .honour(let n), .abandon(let n): return n
        }
    }

    public var description: String { "\(verb) \(name)" }

    /// The verbs of policy orders, as typed (`honor` is taken for `honour`).
    static let verbs = ["sanction", "lift", "invoke", "honour", "honor", "abandon"]
}

/// An order as a team gives it: a move on the ladder, or a policy order.
public enum ExerciseOrder: Hashable, Sendable, CustomStringConvertible {
    case move(Move)
    case policy(ExercisePolicyOrder)
    /// Withdraws the team's orders for the open turn.
    case clear

    public var description: String {
        switch self {
        case .move(let m): return "\(m)"
        case .policy(let p): return p.description
        case .clear: return "clear"
        }
    }
}
