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
        var nuclearStates: [String]?
        var warheadScale: Double

        init(_ s: Scenario) {
            sides = s.sides
            alliances = s.alliances
            capabilities = s.capabilities
            theatre = s.theatre
            decisiveness = s.doctrine.decisiveness
            warheads = s.warheads
            nuclearStates = s.nuclearStates
            warheadScale = s.doctrine.warheadScale
        }

        /// Whether `s` has these inputs: == field by field, in place (building the inputs
        /// of `s` to compare them copied each field every turn: issue 14's profile).
        func match(_ s: Scenario) -> Bool {
            sides == s.sides && alliances == s.alliances && capabilities == s.capabilities && theatre == s.theatre
                && decisiveness == s.doctrine.decisiveness && warheads == s.warheads
                && nuclearStates == s.nuclearStates && warheadScale == s.doctrine.warheadScale
        }
    }
    /// The figures, and the inputs they were computed from.
    struct Figures: Sendable {
        var inputs: Inputs?
        var odds: OddsBySide?
        var outlooks = ByIndex<Doctrine.Outlook>()
        /// Warheads of the sides opposing each side, by side index.
        var opposingWarheads = ByIndex<Double>()
        /// The world median of spending per soldier (depends on the capabilities alone).
        var median: Double??
        /// The sanctions model's figures that stay the same from turn to turn; it checks
        /// its own inputs (``SanctionsPlan/holds(for:active:)``), so `reset` keeps it.
        var sanctions: SanctionsPlan?
        /// Whether each side is nuclear-armed, by side index (``Scenario/isNuclear(_:)``
        /// looks its leader up by name).
        var nuclear: [Bool] = []
        /// Each side's position while no fighting has begun (all 1), which every such
        /// turn's report shares rather than each making its own.
        var positionsBeforeFighting: [Double] = []
    }

    /// The figures in one immutable box, replaced when a figure is added: a scenario is
    /// copied several times a turn, and one reference copies faster than the dozen the
    /// figures hold. Figures are added only until the memo is full, early in a run.
    private final class Box: Sendable {
        let figures: Figures
        init(_ figures: Figures) { self.figures = figures }
        /// Compared where they are: reading the inputs out of the box copied them every
        /// turn (issue 14's profile).
        func holds(for s: Scenario) -> Bool { figures.inputs?.match(s) == true }
    }
    private var box = Box(Figures())

    private var figures: Figures {
        get { box.figures }
        set { box = Box(newValue) }
    }
    var odds: OddsBySide? {
        get { box.figures.odds }
        set { figures.odds = newValue }
    }
    var nuclear: [Bool] {
        get { box.figures.nuclear }
        set { figures.nuclear = newValue }
    }
    var positionsBeforeFighting: [Double] {
        get { box.figures.positionsBeforeFighting }
        set { figures.positionsBeforeFighting = newValue }
    }
    var outlooks: ByIndex<Doctrine.Outlook> {
        get { box.figures.outlooks }
        set { figures.outlooks = newValue }
    }
    var opposingWarheads: ByIndex<Double> {
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

    /// Whether the figures were computed from the configuration of `s`.
    func holds(for s: Scenario) -> Bool { box.holds(for: s) }

    /// Empties the memo for figures computed from `inputs`.
    mutating func reset(for inputs: Inputs) {
        figures = Figures(inputs: inputs, sanctions: sanctions)
    }

    // Not part of a scenario's value: nothing to save, always equal.
    init(from decoder: any Decoder) throws { self.init() }
    func encode(to encoder: any Encoder) throws {}
    static func == (a: PrewarMemo, b: PrewarMemo) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// Each side's contest odds and power ratio against the others, in side order: as two
/// arrays, so that a turn's report can share `pWin` with the memo.
struct OddsBySide: Hashable, Sendable {
    var pWin: [Double]
    var ratio: [Double]
    init(_ odds: [(pWin: Double, ratio: Double)]) {
        pWin = odds.map(\.pWin)
        ratio = odds.map(\.ratio)
    }
}

/// Figures by a small index (a side, a pair of sides), nil where none is kept: an array
/// rather than a dictionary, which hashed the index at every read (issue 14's profile).
struct ByIndex<Value: Sendable>: Sendable {
    private var values: [Value?] = []

    subscript(i: Int) -> Value? {
        get { values.indices.contains(i) ? values[i] : nil }
        set {
            if values.count <= i { values += repeatElement(nil, count: i + 1 - values.count) }
            values[i] = newValue
        }
    }
}
