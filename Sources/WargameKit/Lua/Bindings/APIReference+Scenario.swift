// A scenario's methods and fields.

extension APIReference {
    /// The methods and fields of a scenario `s`.
    static let scenario: [Entry] = scenarioEntries.map { e in
        guard let (params, returns) = scenarioTypes[e.name] else { return e }
        return e.typed(params, returns: returns)
    }

    /// Parameters (without `self`) and results of the methods below; a field's type is its result.
    static let scenarioTypes: [String: ([Field], [Field])] = [
        "s.name": ([], [Field("", "string")]),
        "s.turn": ([], [Field("", "integer")]),
        "s.rung": ([], [Field("", "integer")]),
        "s.ended": ([], [.opt("", "wg.Ending")]),
        "s:rung_name": ([], [Field("name", "string")]),
        "s:side": ([Field("name", "string", "the side's name"), Field("members", "string[]", "state codes, leader first"),
                    .opt("opts", "wg.SideOptions")], []),
        "s:alliance": ([Field("spec", "wg.AllianceSpec")], []),
        "s:trade": ([Field("spec", "wg.TradeSpec|string", "a flow, or a CSV file of flows")], [.opt("n", "integer", "flows read from a file")]),
        "s:economy": ([Field("spec", "table<string, {gdp: number}>|string", "GDP by state code, or a CSV file")], []),
        "s:sanction": ([Field("spec", "wg.SanctionSpec|string", "a package, or a CSV file of packages")], [.opt("n", "integer", "packages read from a file")]),
        "s:alignment": ([Field("spec", "wg.AlignmentSpec|string", "an alignment, or a CSV file of them")], [.opt("n", "integer", "alignments read from a file")]),
        "s:policy": ([Field("side", "string", "a side's name or leader"),
                      .opt("policy", "fun(view: wg.View): wg.Move|{rung: integer}|nil", "nil removes it")], []),
        "s:on": ([Field("event", "wg.EventKind"), Field("hook", "fun(arg: wg.Report|wg.Event)")], []),
        "s:step": ([.opt("n", "integer", "turns to advance (default 1)")], [.opt("report", "wg.Report", "nil when no turn was ever played")]),
        "s:balance": ([Field("a", "string"), Field("b", "string"), .opt("opts", "{attacker: string}")], [Field("b", "wg.Balance")]),
        "s:damage": ([Field("target", "string")], [Field("d", "wg.Damage")]),
        "s:log": ([.opt("n", "integer", "only the last n events")], [Field("events", "wg.Event[]")]),
        "s:undo": ([], [Field("turn", "integer")]),
        "s:rewind": ([Field("turn", "integer")], [Field("turn", "integer")]),
        "s:fork": ([], [Field("s2", "wg.Scenario")]),
        "s:save": ([Field("file", "string")], []),
        "s:report": ([Field("file", "string")], []),
        "s:status": ([], [Field("text", "string")]),
        "s:seed": ([Field("n", "integer")], []),
    ]

    static let scenarioEntries: [Entry] = [
        Entry(name: "s.name", signature: "s.name", summary: "The scenario's name (read-only)."),
        Entry(name: "s.turn", signature: "s.turn", summary: "The current turn, 0 for a new scenario (read-only)."),
        Entry(name: "s.rung", signature: "s.rung", summary: "The current escalation rung, 0-based (read-only)."),
        Entry(name: "s.ended", signature: "s.ended", summary: "Whether the run has ended (read-only); s:status() and the last report say why."),
        Entry(name: "s:rung_name", signature: "name = s:rung_name()", summary: "The name of the current rung."),
        Entry(name: "s:side", signature: "s:side(name, {\"USA\", \"UKG\", ...} [, { nuclear=true, stake=1 }])",
              summary: "Declares a side by state abbreviations; the first is its leader.",
              details: """
                  `nuclear` overrides the FAS data on whether the side holds nuclear weapons; \
                  `stake` (0..1) is the ceiling of its desperation hazard (1: home territory at stake; \
                  default the doctrine's `stake`).
                  """),
        Entry(name: "s:alliance",
              signature: "s:alliance{ name=\"CSTO\", members={...}, obligation=\"defense\", reliability=0.3, format=\"multilateral\" [, against={\"USA\"}] }",
              summary: "Declares an alliance commitment.",
              details: """
                  `reliability` is the chance an invoked ally honours it; `against` restricts it to \
                  a contingency (an attack by those states). Who attacks decides coverage: a side's \
                  `defense` pacts count when it is attacked, its `offense` pacts when it attacks. A side \
                  holding a covering `bilateral` treaty calls its bilateral partners and invokes none of \
                  its `multilateral` ones; each ally answers once per war. A bilateral treaty binds two states.
                  """),
        Entry(name: "s:trade", signature: "s:trade{ from=\"CHN\", to=\"RUS\", value=115 }  -- or s:trade(\"flows.csv\")",
              summary: "Adds trade flows, USD bn per year."),
        Entry(name: "s:economy", signature: "s:economy{ RUS={ gdp=1780 }, ... }",
              summary: "Economic inputs the NMC data lacks (GDP, USD bn)."),
        Entry(name: "s:sanction", signature: "s:sanction{ name=\"...\", by={...}, target=\"RUS\", coverage=0.6 }",
              summary: "Imposes a sanctions package: blocks `coverage` of trade between each sanctioner and the target."),
        Entry(name: "s:alignment",
              signature: "s:alignment{ name=\"...\", members={\"TUR\",\"UAE\",\"KZK\"}, beneficiary=\"RUS\", visibility=0.2, commission=0.15 }",
              summary: "A countersanction alignment that reroutes blocked trade for a commission.",
              details: "The more visible it is, the likelier detection and secondary sanctions on its members."),
        Entry(name: "s:policy", signature: "s:policy(\"RUS\", function(view) return \"hold\" end)",
              summary: "A side's policy: returns \"escalate\", \"hold\", \"deescalate\" or {rung=n} each turn.",
              details: "Without a policy, or when the policy returns nil, a side follows the built-in doctrine (:help doctrine)."),
        Entry(name: "s:on", signature: "s:on(\"turn\", function(report) ... end)",
              summary: "Hooks an event: \"turn\", \"escalation\", \"deescalation\", \"alliance\", \"combat\", \"sanctions\", \"nuclear\" or \"end\".",
              details: "\"turn\" and \"end\" receive the turn's report, the others each event of their kind."),
        Entry(name: "s:step", signature: "report = s:step([n])",
              summary: "Advances n turns (default 1) and returns the last turn's report.",
              details: "The report's tostring is a readable summary of the turn."),
        Entry(name: "s:balance", signature: "b = s:balance(a, b [, { attacker = a }])",
              summary: "The force balance between two states and their allies.",
              details: """
                  `{ ratio=, a=, b=, allies={...}, p_win= }`; its tostring is readable. With `attacker`, \
                  the commitments that such an attack invokes; without, each side's defence pacts count.
                  """),
        Entry(name: "s:damage", signature: "d = s:damage(target)",
              summary: "Sanctions damage to a state so far.",
              details: "`{ gdp_loss=, gdp_loss_pct=, blocked=, leaked=, ... }`; its tostring is readable."),
        Entry(name: "s:log", signature: "events = s:log()",
              summary: "The events so far, oldest first; each event's tostring is one line."),
        Entry(name: "s:undo", signature: "s:undo()", summary: "Goes back one turn (a new scenario is at turn 0)."),
        Entry(name: "s:rewind", signature: "s:rewind(turn)", summary: "Goes back to an earlier turn."),
        Entry(name: "s:fork", signature: "s2 = s:fork()", summary: "An independent copy of the scenario, for a what-if."),
        Entry(name: "s:save", signature: "s:save(file)",
              summary: "Saves the scenario (versioned format, atomic write); `wg.load` reads it back.",
              details: """
                  Replaces only a regular file: a directory, symbolic link, device or fifo at `file` \
                  is refused. A save over 64 MiB is refused (it would not load).
                  """),
        Entry(name: "s:report", signature: "s:report(file)",
              summary: "Writes an after-action report: self-contained HTML with SVG charts.",
              details: """
                  One HTML file with everything inline (no script, font or image is fetched), for a \
                  projector at 1280 px or a printer: charts of the rung, each side's odds of winning a \
                  war (p_win), its forces left once fighting starts, and sanctions damage (% of annual \
                  GDP, cumulative), with alliance invocations (A), nuclear steps (N) and reseeds (S) \
                  marked at their turns; each side's move every turn and who decided it (its policy or \
                  the doctrine, with the doctrine's options and their chances); the assumptions \
                  (sides, alliances with reliabilities, sanctions, alignments, parameters that differ \
                  from the defaults, the seed and any reseed); the event log. Reads the turns the \
                  history keeps, so a rewind leaves out the turns after it. Written as `s:save` \
                  writes: atomically, replacing only a regular file.
                  """),
        Entry(name: "s:status", signature: "text = s:status()",
              summary: "An aligned multi-line summary: sides, balance, rung, sanctions damage, latest events."),
        Entry(name: "s:seed", signature: "s:seed(n)", summary: "Reseeds the scenario's random generator (and `math.random`)."),
    ]
}
