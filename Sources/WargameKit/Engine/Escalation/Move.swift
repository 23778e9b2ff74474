/// What a side asks for in a turn.
public enum Move: Codable, Hashable, Sendable, CustomStringConvertible {
    case escalate
    case hold
    case deescalate
    /// A target rung (clamped to the ladder).
    case rung(Int)

    /// The rung this move asks for from `current`.
    public func target(from current: Int, ladder: Ladder) -> Int {
        switch self {
        case .escalate: return ladder.clamp(current + 1)
        case .hold: return current
        case .deescalate: return ladder.clamp(current - 1)
        case .rung(let r): return ladder.clamp(r)
        }
    }

    public var description: String {
        switch self {
        case .escalate: return "escalate"
        case .hold: return "hold"
        case .deescalate: return "deescalate"
        case .rung(let r): return "rung \(r)"
        }
    }

    /// The ladder rule: escalation is unilateral (the new rung is the highest asked for);
    /// de-escalation needs every side (the rung falls only when all ask for less, and then
    /// to the highest of their asks).
    /// Any collection of asks will do: a turn passes its moves' targets without making an array.
    public static func resolve(current: Int, asks: some Collection<Int>) -> Int {
        guard let highest = asks.max() else { return current }
        if highest > current { return highest }
        if asks.allSatisfy({ $0 < current }) { return highest }
        return current
    }
}
