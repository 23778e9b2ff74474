/// Figures that depend only on a scenario's configuration (the world median, and while no
/// war has begun the odds and the doctrine's outlooks), kept from one turn to the next so
/// that a Monte Carlo run does not recompute them every turn. A cache, not state: it is neither saved nor
/// compared, and it is used only while the inputs it was computed from are unchanged
/// (compared with ==, which is cheap while they share storage).
struct PrewarMemo: Codable, Hashable, Sendable {
    struct Inputs: Equatable, Sendable {
        var sides: [Side]
        var alliances: [Alliance]
        var capabilities: Capabilities
        var theatre: TheatreParameters
        var decisiveness: Double
    }
    private(set) var inputs: Inputs?
    var odds: [SideOdds]?
    var outlooks: [Int: Doctrine.Outlook] = [:]
    /// The world median of spending per soldier (depends on the capabilities alone).
    var median: Double??

    init() {}

    /// Empties the memo unless it was computed from `current`.
    mutating func validate(for current: Inputs) {
        if inputs != current {
            self = PrewarMemo()
            inputs = current
        }
    }

    // Not part of a scenario's value: nothing to save, always equal.
    init(from decoder: any Decoder) throws { self.init() }
    func encode(to encoder: any Encoder) throws {}
    static func == (a: PrewarMemo, b: PrewarMemo) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// A side's contest odds and power ratio against the others.
struct SideOdds: Hashable, Sendable {
    var pWin: Double
    var ratio: Double
}
