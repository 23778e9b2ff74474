import Foundation

/// What a report reads from a scenario's history: per-turn figures, and the marks on the
/// timeline (alliances invoked, nuclear steps, reseeds). Measurement only: it reads the
/// states the history kept and changes nothing.
struct RunRecord {
    /// One kept state (the end of a turn; turn 0 is the start).
    struct Point {
        var turn: Int
        var rung: Int
        var seed: Int64
        /// Contest odds by side (in the current scenario's side order); nil where unknown.
        var pWin: [Double?]
        /// Share of initial theatre force left by side; nil before and outside fighting.
        var position: [Double?]
        /// Cumulative GDP loss, % of annual GDP, by sanctions target.
        var damage: [Double]
        /// The report of the turn that led here (nil at the start).
        var report: TurnReport?
        /// The scenario was reseeded at this turn, after it was reached (the streams were
        /// fresh at a turn past 0, which no turn leaves them: each draws for every side).
        var reseeded: Bool
    }

    struct Mark {
        enum Kind: String { case alliance = "A", nuclear = "N", reseed = "S" }
        var kind: Kind
        var turn: Int
        var text: String
    }

    let scenario: Scenario
    /// The script that built the scenario, with its arguments, when known.
    let script: ScriptRecord?
    let points: [Point]
    let targets: [String]
    let marks: [Mark]

    init(_ history: ScenarioHistory, script: ScriptRecord? = nil) {
        self.init(states: history.timeline, script: script)
    }

    /// `states`: the start and the end of each turn, oldest first (not empty).
    init(states: [Scenario], script: ScriptRecord? = nil) {
        let s = states[states.count - 1]
        scenario = s
        self.script = script
        let sides = s.sides.map(\.name)
        // Every target ever sanctioned: an exercise's team may lift a package.
        let targets = Set(states.flatMap { $0.sanctions.packages.map(\.target) }).sorted()
        self.targets = targets
        points = states.map { state in
            let odds = (try? state.sideOdds(at: state.turn + 1)) ?? []
            let index = sides.map { name in state.sides.firstIndex { $0.name == name } }
            return Point(turn: state.turn, rung: state.rung, seed: state.seed,
                         pWin: index.map { i in i.flatMap { $0 < odds.count ? odds[$0].pWin : nil } },
                         position: index.map { i in state.combat == nil ? nil : i.map { state.position($0) } },
                         damage: targets.map { state.sanctions.damage($0).gdpLossPct },
                         report: state.turn > 0 ? state.lastReport : nil,
                         reseeded: state.turn > 0 && state.streams == RandomStreams(seed: state.seed))
        }
        var marks: [Mark] = []
        for inv in s.invocations {
            let answers = inv.responses.map { "\($0.state) \($0.honoured ? "honoured" : "declined")" }.joined(separator: ", ")
            marks.append(Mark(kind: .alliance, turn: inv.turn,
                              text: "\(inv.alliance) invoked by \(inv.invokedBy) for \(inv.side): \(answers)"))
        }
        var nuclear: [Int: [String]] = [:]
        for e in s.log where e.kind == .nuclear { nuclear[e.turn, default: []].append(EventStory.line(e)) }
        for (previous, p) in zip(points, points.dropFirst()) where p.rung > previous.rung && s.ladder.isNuclear(p.rung) {
            let why = s.log.first { $0.turn == p.turn && $0.kind == .escalation && $0.text.contains("nuclear pressure") }
            nuclear[p.turn, default: []].append("rung \(p.rung) \(s.ladder.name(p.rung)) reached"
                                                + (why.map { ": " + EventStory.line($0) } ?? ""))
        }
        for (turn, texts) in nuclear { marks.append(Mark(kind: .nuclear, turn: turn, text: texts.joined(separator: "; "))) }
        for (previous, p) in zip([nil] + points.map(Optional.some), points) where p.reseeded {
            let from = previous.map { " (was \($0.seed))" } ?? ""
            marks.append(Mark(kind: .reseed, turn: p.turn, text: "reseeded: seed \(p.seed)\(from), before turn \(p.turn + 1)"))
        }
        self.marks = marks.sorted { ($0.turn, $0.kind.rawValue) < ($1.turn, $1.kind.rawValue) }
    }

    var firstTurn: Int { points.first?.turn ?? 0 }
    var lastTurn: Int { points.last?.turn ?? 0 }
    var everAtWar: Bool { points.contains { $0.position.contains { $0 != nil } } }

    /// Runs of consecutive war turns, as (first, last).
    var warSpans: [(Int, Int)] {
        var spans: [(Int, Int)] = []
        for p in points where scenario.ladder.isWar(p.rung) {
            if let last = spans.last, last.1 == p.turn - 1 { spans[spans.count - 1].1 = p.turn } else { spans.append((p.turn, p.turn)) }
        }
        return spans
    }
}
