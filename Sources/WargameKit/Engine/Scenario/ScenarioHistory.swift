/// A scenario with the states it passed through, for undo and rewind.
///
/// Snapshots are whole `Scenario` values; their arrays are shared copy-on-write, and the
/// event log, which only grows, is kept once (snapshots hold its length) so that a long
/// run costs memory in proportion to its turns, not to their square.
public struct ScenarioHistory: Codable, Hashable, Sendable {
    public private(set) var current: Scenario
    /// The scenario before each stepped turn: `snapshots[k]` is the state at turn
    /// `snapshots[k].turn`, its log emptied.
    private var snapshots: [Scenario] = []
    private var logLengths: [Int] = []

    public init(_ scenario: Scenario) { current = scenario }

    /// Changes the configuration (sides, alliances, trade...) of the current state. The
    /// result must pass ``Scenario/validate()``, the check loading makes, so that a change
    /// the API accepts never makes a save that does not load; else nothing changes.
    public mutating func configure(_ body: (inout Scenario) throws -> Void) throws {
        var copy = current
        try body(&copy)
        try copy.validate()
        current = copy
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
            snapshots.append(before)
            logLengths.append(length)
        }
        return last
    }

    /// Back one turn.
    public mutating func undo() throws {
        guard let before = snapshots.popLast(), let length = logLengths.popLast() else {
            throw ScenarioError.nothingToUndo
        }
        restore(before, logLength: length)
    }

    /// Back to the state at `turn` (0 is the start).
    public mutating func rewind(to turn: Int) throws {
        if turn == current.turn { return }
        guard let k = snapshots.firstIndex(where: { $0.turn == turn }) else { throw ScenarioError.noSuchTurn(turn) }
        let length = logLengths[k]
        let target = snapshots[k]
        snapshots.removeSubrange(k...)
        logLengths.removeSubrange(k...)
        restore(target, logLength: length)
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
        guard snapshots.count == logLengths.count else {
            throw ScenarioError.invalid("history has \(snapshots.count) snapshots but \(logLengths.count) log lengths")
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

    /// Turns that `rewind` can reach.
    public var turns: [Int] { snapshots.map(\.turn) + [current.turn] }
}
