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
    /// The words that start each order the team may give (`hold`, `rung `, `sanction `):
    /// one button each; a trailing space means the order takes a rung or a name.
    var mayOrder: [String]
    /// Every form of order with its options, one a line (``ExerciseTeamView/orderForms``).
    var orderForms: [String]
    /// Its own policy orders for the open turn (sanctions, invocations, answers), as given.
    var policyOrders: [String]
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
        orderForms = v.orderForms
        policyOrders = v.policyOrders
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

    /// What the team may order, as it starts typing each: the one place that reads the
    /// view's order forms (`rung N (N from 0 to 9)`, `honour NAME, abandon NAME (...)`).
    static func mayOrder(_ view: ExerciseTeamView) -> [String] {
        let forms = view.orderForms.isEmpty ? view.moves.map { $0 == .rung ? "rung N" : $0.rawValue } : view.orderForms
        var out: [String] = []
        for form in forms {
            let head = form.split(separator: "(", maxSplits: 1).first.map(String.init) ?? form
            for part in head.split(separator: ",") {
                let words = part.split(separator: " ")
                guard let verb = words.first else { continue }
                let typed = String(verb) + (words.count > 1 ? " " : "")
                if !out.contains(typed) { out.append(typed) }
            }
        }
        return out
    }
}
