import WargameKit

/// What a team's page shows, as JSON: its view (``ExerciseTeamView``, the same the hot-seat
/// shows), whether orders are open, and its own order. Never another team's order, nor
/// which other teams have ordered, nor the white cell's proposal.
struct TeamState: Encodable {
    struct Other: Encodable { var team: String; var briefing: String }
    struct Entry: Encodable { var turn: Int; var kind: String; var text: String }

    var team: String
    var side: String
    var exercise: String
    var briefing: String
    var publicBriefing: String
    var privateBriefing: String
    var others: [Other]
    var turn: Int
    var turnLimit: Int
    var rung: Int
    var rungName: String
    var situation: [String]
    var timeline: [Entry]
    /// The orders the team may give, as it types them.
    var mayOrder: [String]
    /// Its own order for the open turn, as text, or nil.
    var order: String?
    var ordersOpen: Bool
    /// One line: orders open, paused, being adjudicated, or over.
    var status: String

    init?(_ e: Exercise, team: String) {
        guard let v = e.view(team: team) else { return nil }
        self.team = v.team
        side = v.side
        exercise = v.exercise
        briefing = v.briefing
        publicBriefing = v.publicBriefing
        privateBriefing = v.privateBriefing
        others = v.others.map { Other(team: $0[0], briefing: $0.count > 1 ? $0[1] : "") }
        turn = v.turn
        turnLimit = e.definition.turns
        rung = v.rung
        rungName = v.rungName
        situation = v.situation
        timeline = v.timeline.map { Entry(turn: $0.turn, kind: $0.kind.rawValue, text: $0.text) }
        mayOrder = Self.mayOrder(v)
        order = v.order.map { "\($0)" }
        if e.isOver {
            status = "The exercise is over."
            ordersOpen = false
        } else if e.paused {
            status = "The exercise is paused: orders wait until the white cell resumes."
            ordersOpen = false
        } else if e.proposal != nil {
            status = "Turn \(v.turn) is being adjudicated: orders are closed until the white cell decides."
            ordersOpen = false
        } else {
            status = "Turn \(v.turn) of \(e.definition.turns): orders are open."
            ordersOpen = true
        }
    }

    /// What the team may order, as it would type each: the one place that reads the view's
    /// moves (new kinds of order, such as sanctions or commitments, are added here).
    static func mayOrder(_ view: ExerciseTeamView) -> [String] {
        view.moves.map { $0 == .rung ? "rung N" : $0.rawValue }
    }
}
