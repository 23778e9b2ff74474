/// The public Lua API and the REPL's meta-commands, described once: the REPL's `:help`
/// prints these entries and docs/lua-api.md is generated from ``APIReference/markdown()``
/// (`swift run wargame-repl --api-markdown > docs/lua-api.md`; a test checks the file).
///
/// Pure data: nothing here touches Lua.
public enum APIReference {
    public struct Entry: Sendable, Equatable {
        /// How the name is written: "wg.capabilities", "s:step", "s.turn", ":step".
        public let name: String
        /// A call as a script writes it.
        public let signature: String
        /// One line.
        public let summary: String
        /// Arguments, results and errors; may be empty.
        public let details: String

        public init(name: String, signature: String, summary: String, details: String = "") {
            self.name = name
            self.signature = signature
            self.summary = summary
            self.details = details
        }

        /// The kind of name, for grouping: the module, a scenario, the REPL, or a
        /// parameter group.
        public var group: Group {
            if name.hasPrefix(":") { return .metaCommand }
            if name.hasPrefix("wg.") { return .module }
            if name.hasPrefix("s.") || name.hasPrefix("s:") { return .scenario }
            return .parameters
        }
    }

    public enum Group: String, Sendable, CaseIterable {
        case module = "The wg module"
        case scenario = "Scenario methods and fields"
        case metaCommand = "REPL meta-commands"
        case parameters = "Model parameters"
    }

    /// Every entry, module first, then scenario, then meta-commands.
    public static let entries: [Entry] = module + scenario + metaCommands + parameters

    /// One entry per parameter group, written from the group's table (name, meaning,
    /// range, default, source): the same table that checks every override.
    static let parameters: [Entry] = [
        group(DoctrineParameters.self, "The built-in doctrine and the war (docs/escalation.md)."),
        group(TheatreParameters.self, "Theatre forces and their effectiveness (docs/force-balance.md)."),
        group(SanctionsParameters.self, "Trade blocked, rerouted, detected and turned into damage (docs/sanctions.md)."),
    ]

    static func group<G: ParameterGroup>(_ g: G.Type, _ summary: String) -> Entry {
        Entry(name: G.groupName, signature: "wg.scenario{ \(G.groupName) = { name = value, ... } }", summary: summary,
              details: "Each parameter, its range and default, and where the default comes from:\n\n" + G.markdownTable)
    }

    /// The entry called `name`. Also accepts `s.step` for `s:step`, and a bare name
    /// (`step`), tried as a scenario method or field, a `wg` function, then a meta-command.
    public static func entry(named name: String) -> Entry? {
        let name = String(name.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        guard !name.isEmpty else { return nil }
        var candidates = [name]
        if name.hasPrefix("s.") { candidates.append("s:" + name.dropFirst(2)) }
        if name.hasPrefix("s:") { candidates.append("s." + name.dropFirst(2)) }
        if !name.contains(".") && !name.contains(":") {
            candidates += ["s:" + name, "s." + name, "wg." + name, ":" + name]
        }
        for c in candidates {
            if let e = entries.first(where: { $0.name == c }) { return e }
        }
        return nil
    }

    /// The reference as Markdown: docs/lua-api.md.
    public static func markdown() -> String {
        var out = """
            # The wargame Lua API

            <!-- Generated from Sources/WargameKit/Lua/Bindings/APIReference.swift; do not edit.
                 Regenerate with: swift run wargame-repl --api-markdown > docs/lua-api.md -->

            This file is generated from the one list that also feeds the REPL's `:help`; to
            change it, edit that list and run
            `swift run wargame-repl --api-markdown > docs/lua-api.md` (a test fails while the
            two differ).

            The module is the global `wg`; `require "wargame"` returns the same table. A
            scenario object is written `s` below. In the REPL, `:help name` prints any entry.

            """
        for group in Group.allCases {
            out += "\n## \(group.rawValue)\n"
            for e in entries where e.group == group {
                out += "\n### `\(e.name)`\n\n```lua\n\(e.signature)\n```\n\n\(e.summary)\n"
                if !e.details.isEmpty { out += "\n\(e.details)\n" }
            }
        }
        return out
    }

    // MARK: The entries

    static let module: [Entry] = [
        Entry(name: "wg.version", signature: "wg.version",
              summary: "The engine's version, a string \"0.x.y\"."),
        Entry(name: "wg.capabilities", signature: "caps = wg.capabilities([file [, year]])",
              summary: "National capabilities (COW NMC) keyed by state abbreviation.",
              details: """
                  With no file: the bundled COW NMC v6.0, year 2016. With a file: any COW NMC CSV, \
                  by default its latest year. `caps.RUS.cinc`, `caps.RUS.milex`, `caps.RUS.ccode`; \
                  a missing value (-9 in the file) is nil. `cinc` is computed, never copied from the file.
                  """),
        Entry(name: "wg.lanchester",
              signature: "r = wg.lanchester{ a=1000, b=800, alpha=0.010, beta=0.012, law=\"square\", dt=0.01, t=50 }",
              summary: "Lanchester attrition between two forces.",
              details: """
                  Square law: dA/dt = -beta*B, dB/dt = -alpha*A; linear law: -beta*A*B, -alpha*A*B. \
                  Returns `r.a`, `r.b` (forces left), `r.t` (time run) and `r.winner` ("a", "b" or nil).
                  """),
        Entry(name: "wg.scenario",
              signature: "s = wg.scenario{ name=\"...\", seed=42 [, capabilities=caps] [, ladder={...}] [, rung=3] [, turns=40] }",
              summary: "A new scenario at turn 0.",
              details: """
                  `seed` makes runs reproducible; `ladder` replaces the default escalation ladder \
                  (array of rung names, rung 0 first, or `{name=, description=, war=, nuclear=, \
                  war_share=, cost=, risk=}` tables; at most 1000 rungs); `rung` is the starting rung, \
                  `turns` the turn limit. `doctrine=`, `theatre=` and `sanctions=` tables override \
                  model parameters (:help doctrine); a value out of range is an error naming it. \
                  `nuclear = { RUS = 0 }` overrides warhead counts (FAS 2024 estimates by default). \
                  Limits, the same when a save is loaded: turns 1..1000000, 100 sides, \
                  1000 alliances, sanctions and alignments, 1000 members each, 10000 states, names of \
                  1000 bytes. Whatever a scenario accepts saves and loads.
                  """),
        Entry(name: "wg.ladder", signature: "names, descriptions = wg.ladder([ladder])",
              summary: "The default escalation ladder: an array of rung names, rung 0 first, and their one-line descriptions.",
              details: "With a ladder spec (names, or {name=, description=, war=, nuclear=} tables) it checks and returns that one."),
        Entry(name: "wg.load", signature: "s = wg.load(file)",
              summary: "Loads a scenario saved with `s:save`.",
              details: """
                  The save format is versioned; a bad file is a one-line error naming it. A save file \
                  is at most 64 MiB and is checked as the API checks a scenario.
                  """),
        Entry(name: "wg.montecarlo",
              signature: "sm = wg.montecarlo{ script=\"Scripts/scenarios/x.lua\", args={...}, runs=10000, turns=20, seed=1, threads=2 }",
              summary: "Runs a scenario script many times and summarises the outcomes.",
              details: """
                  The script is loaded once per worker, reseeded each run and stepped. Results: \
                  `sm.runs`; `sm.endings[reason]` = share of runs (ceasefire, negotiation, breakpoint, \
                  capitulation, nuclear_war, turn_limit); `sm.reached[rung]` = share of runs \
                  that reached that rung (0-based); `sm.started[leader]` = share of runs in which that \
                  side started a war; `sm.max_rung` and `sm.gdp_loss_pct` = \
                  `{ p5=, p50=, p95=, mean= }`. Summaries are identical whatever the thread count. \
                  At most one thread per core runs (`sm.threads` says how many). The caller's time \
                  limit, memory limit and Ctrl-C reach the runs; a run cannot call `wg.montecarlo`.
                  """),
        Entry(name: "wg.options", signature: "local opts = wg.options(...)",
              summary: "A scenario script's variant arguments as one table.",
              details: """
                  Tables (from Monte Carlo `args` or `loadfile(f)(t)`) are merged; strings `key=value` \
                  (the command line) become true, false, a number, or the text. Other arguments are ignored: \
                  `wargame-repl Scripts/scenarios/default.lua china=true turns=20`.
                  """),
        Entry(name: "wg.last", signature: "s = wg.last()",
              summary: "The most recently created scenario, or nil.",
              details: "The REPL's meta-commands act on the global `s`, else on `wg.last()`."),
    ]

    static let scenario: [Entry] = [
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
              details: "Written as `s:save` writes: atomically, replacing only a regular file."),
        Entry(name: "s:status", signature: "text = s:status()",
              summary: "An aligned multi-line summary: sides, balance, rung, sanctions damage, latest events."),
        Entry(name: "s:seed", signature: "s:seed(n)", summary: "Reseeds the scenario's random generator (and `math.random`)."),
    ]

    static let metaCommands: [Entry] = [
        Entry(name: ":help", signature: ":help [name]",
              summary: "Lists meta-commands and API names, or prints the entry for one name.",
              details: "Names may be written `s:step`, `wg.load`, `:step` or just `step`."),
        Entry(name: ":step", signature: ":step [n]", summary: "Advances n turns (default 1) and prints the report: print(s:step(n))."),
        Entry(name: ":status", signature: ":status", summary: "Prints where things stand: print(s:status())."),
        Entry(name: ":balance", signature: ":balance a b", summary: "Prints the force balance: print(s:balance(a, b))."),
        Entry(name: ":damage", signature: ":damage t", summary: "Prints sanctions damage to t: print(s:damage(t))."),
        Entry(name: ":log", signature: ":log [n]", summary: "Prints the event log, or its last n events, one line each."),
        Entry(name: ":undo", signature: ":undo", summary: "Goes back one turn: s:undo()."),
        Entry(name: ":rewind", signature: ":rewind n", summary: "Goes back to turn n: s:rewind(n)."),
        Entry(name: ":fork", signature: ":fork [name]",
              summary: "Copies the scenario into a new global (default fork1, fork2, ...); s is unchanged.",
              details: "Type `s = fork1` to work on the copy."),
        Entry(name: ":save", signature: ":save file", summary: "Saves the scenario: s:save(file)."),
        Entry(name: ":load", signature: ":load file", summary: "Loads a saved scenario into s: s = wg.load(file)."),
        Entry(name: ":report", signature: ":report file", summary: "Writes the after-action report: s:report(file)."),
        Entry(name: ":seed", signature: ":seed n", summary: "Reseeds the scenario: s:seed(n)."),
        Entry(name: ":quit", signature: ":quit", summary: "Saves the history and leaves (as Ctrl-D does)."),
    ]
}
