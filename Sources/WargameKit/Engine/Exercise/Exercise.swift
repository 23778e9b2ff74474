/// A classroom exercise in progress: the scenario, the teams' hidden orders for the open
/// turn, the model's proposal and the white cell's decisions. A value with no terminal or
/// network in it, so a REPL or a server can drive it; every change is one method, and the
/// journal records each call (``ExerciseJournalEntry``) so that replaying them rebuilds it.
///
/// The turn still advances only in ``Scenario/step(_:)``: a proposal is that step run on a
/// copy, with the teams' orders as the sides' policies and the doctrine for the others;
/// accepting keeps it; an override runs the same step from the same state with the white
/// cell's move for one side (same seed, so same draws) and records why.
public struct Exercise: Hashable, Sendable {
    /// The model's proposed adjudication of the open turn.
    public struct Proposal: Hashable, Sendable {
        public var turn: Int
        public var moves: [ExerciseTurnRecord.SideDecision]
        public var report: TurnReport
        /// White-cell moves already imposed (by side).
        public var imposed: [String: Move]
        /// White-cell policy orders already imposed (by team), besides the teams' own.
        public var imposedPolicies: [String: [ExercisePolicyOrder]] = [:]
        var result: Scenario
    }

    struct Checkpoint: Hashable, Sendable {
        var scenario: Scenario
        var timeline: [TimelineEntry]
        var records: [ExerciseTurnRecord]
        var answers: [String: Bool]
    }

    /// Longest order text accepted, in characters.
    public static let maxOrderLength = 200

    public let definition: ExerciseDefinition
    public private(set) var scenario: Scenario
    /// The open turn's orders by team name: hidden from the other teams until it resolves.
    public private(set) var pending: [String: Move] = [:]
    /// The open turn's policy orders by team name, in the order given; hidden like `pending`.
    public private(set) var pendingPolicies: [String: [ExercisePolicyOrder]] = [:]
    /// Answers decided by the teams that speak for an alliance's allies (`honour` true,
    /// `abandon` false), by alliance; they stand until the team orders the other.
    public private(set) var answers: [String: Bool] = [:]
    public private(set) var proposal: Proposal?
    public private(set) var paused = false
    public private(set) var timeline: [TimelineEntry] = []
    public private(set) var records: [ExerciseTurnRecord] = []
    private var checkpoints: [Checkpoint] = []

    /// Checks the definition against the scenario (each team's side exists, one team a
    /// side, each inject's alliance exists) and opens turn 1 (its injects apply).
    public init(definition: ExerciseDefinition, scenario: Scenario) throws {
        guard scenario.sides.count >= 2 else { throw ExerciseError("scenario: it needs two sides") }
        guard !definition.teams.isEmpty else { throw ExerciseError("teams: an exercise needs at least one team") }
        guard definition.turns >= 1 else { throw ExerciseError("turns: must be at least 1 (got \(definition.turns))") }
        var names = Set<String>(), sides = Set<String>(), packages = Set<String>()
        for (i, t) in definition.teams.enumerated() {
            let at = "teams[\(i + 1)]"
            guard scenario.sideIndex(t.side) != nil, scenario.sides.contains(where: { $0.name == t.side }) else {
                throw ExerciseError("\(at).side: no side '\(t.side)' in the scenario (sides: \(scenario.sides.map(\.name).joined(separator: ", ")))")
            }
            guard names.insert(t.name.lowercased()).inserted else { throw ExerciseError("\(at).name: team '\(t.name)' appears twice") }
            guard sides.insert(t.side).inserted else { throw ExerciseError("\(at).side: side '\(t.side)' has two teams") }
            guard !t.moves.isEmpty else { throw ExerciseError("\(at).moves: a team needs at least one move") }
            try Self.checkPolicies(of: t, in: scenario, at: at, packagesSeen: &packages)
        }
        for (i, inject) in definition.injects.enumerated() {
            let at = "injects[\(i + 1)]"
            guard inject.turn >= 1 else { throw ExerciseError("\(at).turn: must be at least 1 (got \(inject.turn))") }
            try Self.check(inject, in: scenario, at: at)
        }
        self.definition = definition
        self.scenario = scenario
        openTurn()
    }

    static func check(_ inject: ExerciseDefinition.Inject, in scenario: Scenario, at: String) throws {
        guard let name = inject.alliance else {
            if inject.reliability != nil { throw ExerciseError("\(at).alliance: a reliability needs an alliance") }
            return
        }
        guard scenario.alliances.contains(where: { $0.name == name }) else {
            throw ExerciseError("\(at).alliance: no alliance '\(name)' in the scenario (alliances: \(scenario.alliances.map(\.name).joined(separator: ", ")))")
        }
        guard let r = inject.reliability else { throw ExerciseError("\(at).reliability: an alliance inject needs a reliability") }
        guard r >= 0, r <= 1 else { throw ExerciseError("\(at).reliability: must be between 0 and 1 (got \(r))") }
    }

    // MARK: State

    /// The scenario at the start and at the end of each adjudicated turn, oldest first
    /// (what the after-action report charts).
    public var states: [Scenario] { checkpoints.map(\.scenario) + [scenario] }

    /// The turn open for orders (turns played + 1).
    public var openTurnNumber: Int { scenario.turn + 1 }
    /// Whether the exercise has ended (the scenario ended, or the turn limit was reached).
    public var isOver: Bool { scenario.ending != nil || scenario.turn >= definition.turns }
    /// The teams that have ordered this turn, in the file's order (not what they ordered).
    public var submitted: [String] {
        definition.teams.map(\.name).filter { pending[$0] != nil || pendingPolicies[$0] != nil }
    }

    // MARK: Orders

    /// Parses a team's order: `escalate`, `hold`, `deescalate` or `rung N`, as far as the
    /// team may give it. Refusals are one line and change nothing.
    public func parseOrder(_ text: String, team: ExerciseDefinition.Team) throws -> Move {
        guard text.count <= Self.maxOrderLength else {
            throw ExerciseError("order refused: too long (\(text.count) characters; at most \(Self.maxOrderLength))")
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        let allowed = team.moves.map(\.rawValue).map { $0 == "rung" ? "rung N" : $0 }.joined(separator: ", ")
        guard let first = words.first, let kind = ExerciseDefinition.MoveKind(rawValue: first) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            var policies: [String] = []
            if !team.sanctions.isEmpty { policies += ["sanction NAME", "lift NAME"] }
            if !team.invoke.isEmpty { policies.append("invoke NAME") }
            if !team.answers.isEmpty { policies += ["honour NAME", "abandon NAME"] }
            let also = policies.isEmpty ? "" : "; and " + policies.joined(separator: ", ")
            throw ExerciseError("order refused: unknown move '\(shown)' (team \(team.name) may order: \(allowed)\(also))")
        }
        guard team.moves.contains(kind) else {
            throw ExerciseError("order refused: team \(team.name) may not order '\(kind.rawValue)' (it may order: \(allowed))")
        }
        switch kind {
        case .rung:
            guard words.count == 2, let n = Int(words[1]), n >= 0, n <= scenario.ladder.top else {
                throw ExerciseError("order refused: 'rung N' needs a rung from 0 to \(scenario.ladder.top)")
            }
            return .rung(n)
        default:
            guard words.count == 1 else { throw ExerciseError("order refused: '\(kind.rawValue)' takes no argument") }
            return kind == .escalate ? .escalate : kind == .hold ? .hold : .deescalate
        }
    }

    /// Records a team's order for the open turn: a ladder move (a second replaces the
    /// first), a policy order (added to the turn's; each package or alliance once a turn),
    /// or `clear` (withdraws the team's orders for the turn).
    @discardableResult
    public mutating func order(team name: String, _ text: String) throws -> ExerciseOrder {
        guard let team = definition.team(name) else {
            throw ExerciseError("order refused: no team '\(name.prefix(40))' (teams: \(definition.teams.map(\.name).joined(separator: ", ")))")
        }
        try checkOpen("orders")
        guard proposal == nil else {
            throw ExerciseError("order refused: turn \(openTurnNumber) is being adjudicated (orders reopen after :accept or :override)")
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if text.count <= Self.maxOrderLength, words.count == 1, words[0].lowercased() == "clear" {
            pending[team.name] = nil
            pendingPolicies[team.name] = nil
            return .clear
        }
        if text.count <= Self.maxOrderLength, let verb = words.first?.lowercased(), ExercisePolicyOrder.verbs.contains(verb) {
            let order = try parsePolicy(text, team: team, already: pendingPolicies[team.name] ?? [])
            pendingPolicies[team.name, default: []].append(order)
            return .policy(order)
        }
        let move = try parseOrder(text, team: team)
        pending[team.name] = move
        return .move(move)
    }

    private func checkOpen(_ what: String) throws {
        if paused { throw ExerciseError("\(what) refused: the exercise is paused") }
        if isOver { throw ExerciseError("\(what) refused: the exercise is over (\(endingText))") }
    }

    var endingText: String {
        if let e = scenario.ending { return "\(e.reason.rawValue) at turn \(e.turn)" }
        return "turn limit \(definition.turns) reached"
    }

    // MARK: Adjudication

    /// The model's proposal for the open turn: the teams' orders for their sides, the
    /// doctrine for the rest. Nothing changes until the white cell accepts or overrides.
    @discardableResult
    public mutating func resolve() throws -> Proposal {
        try checkOpen("resolve")
        let p = try propose(imposed: [:])
        proposal = p
        return p
    }

    private func propose(imposed: [String: Move], policies imposedPolicies: [String: [ExercisePolicyOrder]] = [:],
                         adjudication: String? = nil) throws -> Proposal {
        var hooks = StepHooks(adjudication: adjudication)
        var next = scenario
        try applyPolicies(pendingPolicies.merging(imposedPolicies) { $0 + $1 }, to: &next, hooks: &hooks)
        for team in definition.teams {
            if let move = pending[team.name], let i = scenario.sideIndex(team.side) {
                hooks.policies[i] = { _ in move }
                hooks.sources[i] = .team
            }
        }
        for (side, move) in imposed {
            if let i = scenario.sideIndex(side) {
                hooks.policies[i] = { _ in move }
                hooks.sources[i] = .whiteCell
            }
        }
        let report = try next.step(hooks)
        let moves = report.moves.map { m in
            ExerciseTurnRecord.SideDecision(side: m.side, move: m.move, decider: m.source == .team ? .team
                                            : m.source == .whiteCell ? .whiteCell : .doctrine)
        }
        return Proposal(turn: report.turn, moves: moves, report: report, imposed: imposed,
                        imposedPolicies: imposedPolicies, result: next)
    }

    /// Accepts the model's proposal: the turn is played as proposed.
    @discardableResult
    public mutating func accept() throws -> ExerciseTurnRecord {
        guard let p = proposal else { throw ExerciseError("nothing to accept: resolve the turn first") }
        return commit(p, proposed: p, decision: .accepted)
    }

    /// Overrides the proposal: `side` makes `move` instead, the turn is adjudicated again
    /// from the same state and the reason is recorded.
    @discardableResult
    public mutating func override(side: String, move: Move, reason: String) throws -> ExerciseTurnRecord {
        guard let p = proposal else { throw ExerciseError("nothing to override: resolve the turn first") }
        guard let s = scenario.sides.first(where: { $0.name.lowercased() == side.lowercased() }) else {
            throw ExerciseError("no side '\(side.prefix(40))' (sides: \(scenario.sides.map(\.name).joined(separator: ", ")))")
        }
        let why = reason.trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else { throw ExerciseError("an override needs a reason (it is logged)") }
        guard why.count <= 500 else { throw ExerciseError("reason too long (\(why.count) characters; at most 500)") }
        if case .rung(let r) = move, r < 0 || r > scenario.ladder.top {
            throw ExerciseError("rung \(r) is not on the ladder (0 to \(scenario.ladder.top))")
        }
        var imposed = p.imposed
        imposed[s.name] = move
        let adjudicated = try propose(imposed: imposed, policies: p.imposedPolicies,
                                      adjudication: "the white cell overrode the model: \(s.name) \(move) (\(why))")
        return commit(adjudicated, proposed: p, decision: .overridden(side: s.name, move: move, reason: why))
    }

    /// Overrides the proposal with a policy order for `side` (its team's forms: `sanction
    /// NAME`, `lift NAME`, `invoke NAME`, `honour NAME`, `abandon NAME`), added to the
    /// turn's orders; the turn is adjudicated again from the same state and the reason is
    /// recorded.
    @discardableResult
    public mutating func override(side: String, policy text: String, reason: String) throws -> ExerciseTurnRecord {
        guard let p = proposal else { throw ExerciseError("nothing to override: resolve the turn first") }
        guard let s = scenario.sides.first(where: { $0.name.lowercased() == side.lowercased() }) else {
            throw ExerciseError("no side '\(side.prefix(40))' (sides: \(scenario.sides.map(\.name).joined(separator: ", ")))")
        }
        guard let team = definition.teams.first(where: { $0.side == s.name }) else {
            throw ExerciseError("side \(s.name) has no team, so no policy orders (the file lists them per team)")
        }
        let why = reason.trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else { throw ExerciseError("an override needs a reason (it is logged)") }
        guard why.count <= 500 else { throw ExerciseError("reason too long (\(why.count) characters; at most 500)") }
        let given = (pendingPolicies[team.name] ?? []) + (p.imposedPolicies[team.name] ?? [])
        let order = try parsePolicy(text, team: team, already: given)
        var policies = p.imposedPolicies
        policies[team.name, default: []].append(order)
        let adjudicated = try propose(imposed: p.imposed, policies: policies,
                                      adjudication: "the white cell overrode the model: \(s.name) \(order) (\(why))")
        return commit(adjudicated, proposed: p, decision: .overriddenOrder(side: s.name, order: order.description, reason: why))
    }

    private mutating func commit(_ played: Proposal, proposed: Proposal, decision: ExerciseTurnRecord.Decision) -> ExerciseTurnRecord {
        checkpoints.append(Checkpoint(scenario: scenario, timeline: timeline, records: records, answers: answers))
        let orders = definition.teams.compactMap { t in
            pending[t.name].map { ExerciseTurnRecord.Order(team: t.name, side: t.side, move: $0) }
        }
        let policyOrders = definition.teams.flatMap { t in
            (pendingPolicies[t.name] ?? []).map { ExerciseTurnRecord.PolicyOrder(team: t.name, side: t.side, order: $0, byWhiteCell: false) }
                + (played.imposedPolicies[t.name] ?? []).map { ExerciseTurnRecord.PolicyOrder(team: t.name, side: t.side, order: $0, byWhiteCell: true) }
        }
        for o in policyOrders {
            if case .honour(let a) = o.order { answers[a] = true }
            if case .abandon(let a) = o.order { answers[a] = false }
        }
        let r = played.report
        let record = ExerciseTurnRecord(turn: r.turn, orders: orders, proposed: proposed.moves,
                                        proposedRung: proposed.report.rung, decision: decision,
                                        adjudicated: played.moves, previousRung: r.previousRung, rung: r.rung,
                                        events: r.events, ending: r.ending, policyOrders: policyOrders)
        scenario = played.result
        records.append(record)
        let movesText = played.moves.map { "\($0.side) \($0.move)" }.joined(separator: ", ")
        timeline.append(TimelineEntry(turn: r.turn, kind: .outcome, text:
            "\(movesText); rung \(scenario.ladder.name(r.previousRung)) → \(r.rungName)"))
        for e in r.events where e.kind != .turn {
            timeline.append(TimelineEntry(turn: r.turn, kind: .event, text: e.text))
        }
        if let e = r.ending { timeline.append(TimelineEntry(turn: r.turn, kind: .outcome, text: "the crisis ended: \(e.reason.rawValue) (\(e.why))")) }
        pending = [:]
        pendingPolicies = [:]
        proposal = nil
        openTurn()
        return record
    }

    /// Applies the injects scheduled for the turn now open.
    private mutating func openTurn() {
        guard !isOver else { return }
        for inject in definition.injects where inject.turn == openTurnNumber {
            apply(inject)
        }
    }

    private mutating func apply(_ inject: ExerciseDefinition.Inject) {
        if let name = inject.alliance, let r = inject.reliability,
           var a = scenario.alliances.first(where: { $0.name == name }) {
            a.reliability = r
            try? scenario.addAlliance(a)  // checked when the inject was accepted
        }
        timeline.append(TimelineEntry(turn: openTurnNumber, kind: .inject, text: inject.text))
    }

    /// A white-cell event now (not scheduled): it takes effect in the open turn; a pending
    /// proposal is dropped, since it no longer describes the situation.
    public mutating func inject(_ inject: ExerciseDefinition.Inject) throws {
        if isOver { throw ExerciseError("inject refused: the exercise is over (\(endingText))") }
        guard !inject.text.isEmpty, inject.text.count <= 500 else {
            throw ExerciseError("inject refused: its text must have 1 to 500 characters")
        }
        try Self.check(inject, in: scenario, at: "inject")
        var now = inject
        now.turn = openTurnNumber
        apply(now)
        proposal = nil
    }

    /// Pauses (orders and adjudication refused) or resumes the exercise.
    public mutating func setPaused(_ on: Bool) { paused = on }

    /// Takes back the last adjudicated turn: its scenario, timeline and record; the turn is
    /// open again with no orders.
    public mutating func rewindTurn() throws {
        guard let c = checkpoints.popLast() else { throw ExerciseError("nothing to rewind: no turn has been adjudicated") }
        scenario = c.scenario
        timeline = c.timeline
        records = c.records
        answers = c.answers
        pending = [:]
        pendingPolicies = [:]
        proposal = nil
    }
}
