// The REPL's meta-commands for classroom exercises (the white cell), available when the
// REPL runs with --exercise FILE or --resume JOURNAL (docs/exercises.md).
extension APIReference {
    /// The white cell's commands.
    static let exerciseCommands: [Entry] = [
        Entry(name: ":orders", signature: ":orders",
              summary: "Exercise: the turn, and which teams have ordered (never what).",
              details: "Also the rung, whether the exercise is paused or over, and whether a proposal waits."),
        Entry(name: ":teams", signature: ":teams",
              summary: "Exercise: each team, its side and its public briefing."),
        Entry(name: ":hotseat", signature: ":hotseat [team]",
              summary: "Exercise: each team in turn reads its view and orders unseen.",
              details: """
                  The screen is cleared before and after each team, and its scrollback too. A team \
                  sees the exercise's briefing, its own briefing (public and private), the other \
                  teams' public briefings, its side's situation, the public timeline and the orders \
                  it may give, and types its orders without echo, one a line: one ladder move \
                  (escalate, hold, deescalate or rung N) and, as its file allows, policy orders \
                  (sanction NAME, lift NAME, invoke NAME, honour NAME, abandon NAME; clear withdraws \
                  the turn's orders). Enter alone ends its turn at the keyboard; with no order at \
                  all, the doctrine decides for its side. A refused order is said in one line and \
                  asked again.
                  """),
        Entry(name: ":resolve", signature: ":resolve",
              summary: "Exercise: the model's proposal for the turn.",
              details: "The teams' orders for their sides, the built-in doctrine for the other sides. Nothing changes until :accept or :override; orders are closed while a proposal waits."),
        Entry(name: ":accept", signature: ":accept",
              summary: "Exercise: plays the turn as proposed; everyone sees the outcome."),
        Entry(name: ":override", signature: ":override side move reason",
              summary: "Exercise: the white cell decides a side's move; reason logged.",
              details: """
                  The move is escalate, hold, deescalate or "rung N", or a policy order of the side's \
                  team ("sanction NAME", "lift NAME", "invoke NAME", "honour NAME", "abandon NAME"), \
                  added to the turn's orders. The turn is adjudicated again \
                  from the same state with that move (the same seeded draws), and the journal and the debrief keep the proposal, the decision and its \
                  reason. Quote a reason of several words.
                  """),
        Entry(name: ":inject", signature: ":inject text [ally r]",
              summary: "Exercise: a white-cell event, now, on the public timeline.",
              details: "With ally (an alliance's name) and r (a reliability from 0 to 1), that commitment changes from now on (an ally wavers). Quote a text of several words. A proposal waiting is dropped: resolve again."),
        Entry(name: ":pause", signature: ":pause",
              summary: "Exercise: pauses (orders refused) or, paused, resumes."),
        Entry(name: ":rewind-turn", signature: ":rewind-turn",
              summary: "Exercise: takes back the last adjudicated turn.",
              details: "Its outcome, timeline entries and record go; the turn is open again with no orders."),
        Entry(name: ":debrief", signature: ":debrief [file]",
              summary: "Exercise: orders, proposals and decisions, turn by turn.",
              details: "Per turn, each team's orders (ladder and policy), the model's proposal and the white cell's decision and the outcome; then the public timeline. With a file, writes it there instead (atomically): the after-action report when the name ends in .html (the scenario's report with the debrief, turn by turn, and the injects), JSON when it ends in .json, else text."),
        Entry(name: ":links", signature: ":links",
              summary: "Exercise with --serve: each team's join link again.",
              details: "Each link holds its team's secret (kept beside the journal, so the links survive --resume): hand each to its team only."),
    ]
}
