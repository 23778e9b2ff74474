// The REPL's meta-commands for classroom exercises (the white cell), available when the
// REPL runs with --exercise FILE or --resume JOURNAL (docs/exercises.md).
extension APIReference {
    /// The white cell's commands.
    static let exerciseCommands: [Entry] = [
        Entry(name: ":orders", signature: ":orders",
              summary: "Exercise: the turn, the rung and which teams have ordered (never what they ordered)."),
        Entry(name: ":teams", signature: ":teams",
              summary: "Exercise: each team, its side and its public briefing."),
        Entry(name: ":hotseat", signature: ":hotseat [team]",
              summary: "Exercise: each team that has not ordered (or the one named) in turn takes the keyboard, reads its own view and orders unseen.",
              details: """
                  The screen is cleared before and after each team, and its scrollback too. A team \
                  sees the exercise's briefing, its own briefing (public and private), the other \
                  teams' public briefings, its side's situation and the public timeline, and types \
                  its order without echo: escalate, hold, deescalate or rung N, as its file allows. \
                  Enter alone gives no order (the doctrine decides for its side). A refused order \
                  is said in one line and asked again.
                  """),
        Entry(name: ":resolve", signature: ":resolve",
              summary: "Exercise: the model's proposal for the turn: the teams' orders, the doctrine for the other sides.",
              details: "Nothing changes until :accept or :override. Orders are closed while a proposal waits."),
        Entry(name: ":accept", signature: ":accept",
              summary: "Exercise: plays the turn as the model proposed and shows everyone the outcome."),
        Entry(name: ":override", signature: ":override side move reason",
              summary: "Exercise: the white cell decides a side's move instead (\"rung 5\", escalate, hold, deescalate); the reason is logged.",
              details: """
                  The turn is adjudicated again from the same state with that move (the same seeded \
                  draws), and the journal and the debrief keep the proposal, the decision and its \
                  reason. Quote a reason of several words.
                  """),
        Entry(name: ":inject", signature: ":inject text [alliance] [reliability]",
              summary: "Exercise: a white-cell event on the public timeline; with an alliance and a reliability, that commitment changes now.",
              details: "Quote a text of several words. A proposal waiting is dropped: resolve again."),
        Entry(name: ":pause", signature: ":pause",
              summary: "Exercise: pauses (orders and resolving refused) or, paused, resumes."),
        Entry(name: ":rewind-turn", signature: ":rewind-turn",
              summary: "Exercise: takes back the last adjudicated turn (its outcome, timeline and record); it is open again with no orders."),
        Entry(name: ":debrief", signature: ":debrief [file]",
              summary: "Exercise: per turn, each team's orders, the model's proposal and the white cell's decision, then the timeline.",
              details: "With a file, writes it there instead (atomically): as JSON when the name ends in .json, else as text."),
    ]
}
