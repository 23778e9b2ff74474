/// A scenario with the states it passed through, for undo and rewind.
///
/// Snapshots are whole `Scenario` values; their arrays are shared copy-on-write, and the
/// event log, which only grows, is kept once (snapshots hold its length) so that a long
/// run costs memory in proportion to its turns, not to their square. They are held in an
/// immutable list shared between copies of the history, newest first: a step on a copy
/// (as the Lua handle makes, for atomicity) adds one node instead of copying every
/// snapshot, which made a turn cost in proportion to the turns before it (issue 14).
public struct ScenarioHistory: Codable, Hashable, Sendable {
    public private(set) var current: Scenario
    /// The newest snapshot: the scenario before the last stepped turn, its log emptied.
    private var newest: Snapshot?
    /// Set only by decoding a file whose snapshots and log lengths do not pair up, so that
    /// ``validate()`` can say so (the lists are not built from such a file).
    private var unpaired: (snapshots: Int, logLengths: Int)?
    /// The last configuration ``configure(_:)`` passed, whose unchanged parts the next
    /// change need not check again. Not saved, compared or hashed: a cache.
    private var checked: Scenario?

    public init(_ scenario: Scenario) {
        current = scenario
        current.prepareMemo()
    }

    /// Changes the configuration (sides, alliances, trade...) of the current state. The
    /// result must pass ``Scenario/validate()``, the check loading makes, so that a change
    /// the API accepts never makes a save that does not load; else nothing changes.
    ///
    /// The memo of pre-war figures is left for the next turn (or ``prepareForCopies()``) to
    /// fill: a script makes dozens of changes as it builds its scenario, and filling it
    /// after each was a fifth of a script's load, which a sweep pays for every design row.
    public mutating func configure(_ body: (inout Scenario) throws -> Void) throws {
        var copy = current
        try body(&copy)
        try copy.validateConfiguration(since: checked)
        try copy.validateState()
        current = copy
        checked = copy
        checked?.log = []  // what the check reads is the configuration; the log may be long
    }

    /// Fills the current state's memo of pre-war figures (a cache: results do not change),
    /// so that copies about to be made of it (forks) find it filled rather than each
    /// computing the same figures at its first turn.
    public mutating func prepareForCopies() {
        current.prepareMemo()
    }

    /// Reseeds the current state (``Scenario/reseed(_:)``). Only the seed and the random
    /// streams change, which no check can fail, so it skips the validation of
    /// ``configure(_:)``: a Monte Carlo run reseeds its fork, and validating the whole
    /// scenario took a seventh of the run (issue 14's profile).
    public mutating func reseed(_ seed: Int64) {
        current.reseed(seed)
    }

    /// ``Scenario/detachSharedStorage()`` on the current state (the snapshots keep theirs).
    public mutating func detachSharedStorage() {
        current.detachSharedStorage()
    }

    /// Advances `n` turns (each atomic); returns the last report. On an error the
    /// scenario stays at the last turn that completed, and the error is rethrown.
    public mutating func step(_ n: Int = 1, hooks: StepHooks = StepHooks()) throws -> TurnReport? {
        var last: TurnReport?
        for _ in 0..<n {
            if current.ending != nil { return current.lastReport }
            var before = current
            before.log = []
            let length = current.log.count
            last = try current.step(hooks)
            newest = Snapshot(before, logLength: length, previous: newest)
        }
        return last
    }

    /// Back one turn.
    public mutating func undo() throws {
        guard let before = newest else { throw ScenarioError.nothingToUndo }
        newest = before.previous
        restore(before.scenario, logLength: before.logLength)
    }

    /// Back to the state at `turn` (0 is the start).
    public mutating func rewind(to turn: Int) throws {
        if turn == current.turn { return }
        // Turns rise from the oldest snapshot to the newest: the first match is the only one.
        var node = newest, found: Snapshot?
        while let n = node {
            if n.scenario.turn == turn { found = n }
            node = n.previous
        }
        guard let target = found else { throw ScenarioError.noSuchTurn(turn) }
        newest = target.previous
        restore(target.scenario, logLength: target.logLength)
    }

    private mutating func restore(_ snapshot: Scenario, logLength: Int) {
        var s = snapshot
        s.log = Array(current.log.prefix(logLength))
        current = s
    }

    /// Checks what a decoded history must satisfy before anything uses it (a save file
    /// may be edited and re-signed): one log length per snapshot, snapshots in turn order
    /// before the current turn, and each state sound. Throws a one-line reason.
    public func validate() throws {
        if let unpaired {
            throw ScenarioError.invalid("history has \(unpaired.snapshots) snapshots but \(unpaired.logLengths) log lengths")
        }
        var previousTurn = -1, previousLength = 0
        for (snapshot, length) in zip(snapshots, logLengths) {
            guard snapshot.turn > previousTurn, snapshot.turn < current.turn else {
                throw ScenarioError.invalid("history snapshots are not in turn order")
            }
            guard length >= previousLength, length <= current.log.count else {
                throw ScenarioError.invalid("history log lengths do not match the log")
            }
            guard snapshot.log.isEmpty else { throw ScenarioError.invalid("a history snapshot holds events") }
            try snapshot.validate()
            previousTurn = snapshot.turn
            previousLength = length
        }
        try current.validate()
    }

    /// The states passed through, oldest first, the current one last (for reports).
    public var timeline: [Scenario] { snapshots + [current] }

    /// The highest rung of the states passed through (a Monte Carlo run's measure),
    /// read without building ``timeline``.
    public var highestRung: Int {
        var highest = current.rung, node = newest
        while let n = node {
            highest = max(highest, n.scenario.rung)
            node = n.previous
        }
        return highest
    }

    /// Turns that `rewind` can reach.
    public var turns: [Int] { snapshots.map(\.turn) + [current.turn] }

    /// The snapshots, oldest first, and the log length at each.
    private var snapshots: [Scenario] { nodes.map(\.scenario) }
    private var logLengths: [Int] { nodes.map(\.logLength) }
    private var nodes: [Snapshot] {
        var out: [Snapshot] = []
        var node = newest
        while let n = node {
            out.append(n)
            node = n.previous
        }
        return out.reversed()
    }

    // MARK: Saving and comparing, as the arrays of snapshots and log lengths they were

    private enum CodingKeys: String, CodingKey { case current, snapshots, logLengths }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        current = try c.decode(Scenario.self, forKey: .current)
        let snapshots = try c.decode([Scenario].self, forKey: .snapshots)
        let lengths = try c.decode([Int].self, forKey: .logLengths)
        guard snapshots.count == lengths.count else {
            unpaired = (snapshots.count, lengths.count)
            return
        }
        for (snapshot, length) in zip(snapshots, lengths) {
            newest = Snapshot(snapshot, logLength: length, previous: newest)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(current, forKey: .current)
        try c.encode(snapshots, forKey: .snapshots)
        try c.encode(logLengths, forKey: .logLengths)
    }

    public static func == (a: ScenarioHistory, b: ScenarioHistory) -> Bool {
        a.current == b.current && a.unpaired?.snapshots == b.unpaired?.snapshots
            && a.unpaired?.logLengths == b.unpaired?.logLengths
            && (a.newest === b.newest || (a.snapshots == b.snapshots && a.logLengths == b.logLengths))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(current)
        hasher.combine(snapshots)
        hasher.combine(logLengths)
    }
}

/// One state a history passed through, and the ones before it. Immutable once made (the
/// link is cleared only by `deinit`, when nothing else holds the node), so copies of a
/// history share their past safely, across threads too.
private final class Snapshot: @unchecked Sendable {
    let scenario: Scenario
    let logLength: Int
    private(set) var previous: Snapshot?

    init(_ scenario: Scenario, logLength: Int, previous: Snapshot?) {
        self.scenario = scenario
        self.logLength = logLength
        self.previous = previous
    }

    /// Unlinks the chain one node at a time: releasing a long history node by node from
    /// here would recurse once per turn and could overflow the stack.
    deinit {
        var next = previous
        previous = nil
        while isKnownUniquelyReferenced(&next), let n = next {
            next = n.previous
            n.previous = nil  // `n` is released with nothing left to release after it
        }
    }
}
