/// Figures that depend only on a scenario's configuration (the world median, the sanctions
/// model's plan, and while no war has begun the odds and the doctrine's outlooks), kept
/// from one turn to the next so that a Monte Carlo run does not recompute them every turn.
/// A cache, not state: it is neither saved nor compared, and it is used only while the
/// inputs it was computed from are unchanged (compared with ==, which is cheap while they
/// share storage).
struct PrewarMemo: Codable, Hashable, Sendable {
    struct Inputs: Equatable, Sendable {
        var sides: [Side]
        var alliances: [Alliance]
        var capabilities: Capabilities
        var theatre: TheatreParameters
        var decisiveness: Double
        var warheads: [String: Int]
        var warheadScale: Double
    }
    /// The figures, and the inputs they were computed from.
    struct Figures: Sendable {
        var inputs: Inputs?
        var odds: [SideOdds]?
        var outlooks: [Int: Doctrine.Outlook] = [:]
        /// Warheads of the sides opposing each side, by side index.
        var opposingWarheads: [Int: Double] = [:]
        /// The world median of spending per soldier (depends on the capabilities alone).
        var median: Double??
        /// The sanctions model's figures that stay the same from turn to turn; it checks
        /// its own inputs (``SanctionsPlan/holds(for:active:)``), so `validate` keeps it.
        var sanctions: SanctionsPlan?
    }

    /// The figures in one immutable box, replaced when a figure is added: a scenario is
    /// copied several times a turn, and one reference copies faster than the dozen the
    /// figures hold. Figures are added only until the memo is full, early in a run.
    private final class Box: Sendable {
        let figures: Figures
        init(_ figures: Figures) { self.figures = figures }
    }
    private var box = Box(Figures())

    private var figures: Figures {
        get { box.figures }
        set { box = Box(newValue) }
    }
    var odds: [SideOdds]? {
        get { box.figures.odds }
        set { figures.odds = newValue }
    }
    var outlooks: [Int: Doctrine.Outlook] {
        get { box.figures.outlooks }
        set { figures.outlooks = newValue }
    }
    var opposingWarheads: [Int: Double] {
        get { box.figures.opposingWarheads }
        set { figures.opposingWarheads = newValue }
    }
    var median: Double?? {
        get { box.figures.median }
        set { figures.median = newValue }
    }
    /// Set every turn (the sanctions' turn takes it inout) but replaced only when it is
    /// another plan: a new box per turn copied every figure (issue 14's profile).
    var sanctions: SanctionsPlan? {
        get { box.figures.sanctions }
        set { if newValue !== box.figures.sanctions { figures.sanctions = newValue } }
    }

    init() {}

    /// Empties the memo unless it was computed from `current`.
    mutating func validate(for current: Inputs) {
        if box.figures.inputs != current {
            figures = Figures(inputs: current, sanctions: sanctions)
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
