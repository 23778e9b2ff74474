// The `wg` module's entries (Monte Carlo's are in APIReference+MonteCarlo.swift).

extension APIReference {
    /// The functions and fields of `wg`.
    static let module: [Entry] = moduleEntries.map { e in
        guard let (params, returns) = moduleTypes[e.name] else { return e }
        return e.typed(params, returns: returns)
    }

    /// Parameters and results of the functions below (`wg.version`'s type is its result).
    static let moduleTypes: [String: ([Field], [Field])] = [
        "wg.version": ([], [Field("", "string")]),
        "wg.capabilities": ([.opt("file", "string", "a COW NMC CSV file; default the bundled data"),
                             .opt("year", "integer", "1816..2016 for the bundled data (default 2016); default a file's latest year")],
                            [Field("caps", "wg.Capabilities", "state records by state code")]),
        "wg.lanchester": ([Field("spec", "wg.LanchesterSpec")], [Field("r", "wg.LanchesterResult")]),
        "wg.scenario": ([Field("spec", "wg.ScenarioSpec")], [Field("s", "wg.Scenario")]),
        "wg.ladder": ([.opt("ladder", "(string|wg.LadderRung)[]", "a ladder to check")],
                      [Field("names", "string[]", "rung names, rung 0 first"), Field("descriptions", "string[]")]),
        "wg.load": ([Field("file", "string", "a file written by s:save")], [Field("s", "wg.Scenario")]),
        "wg.options": ([Field("...", "table|string", "the script's arguments")], [Field("opts", "table<string, any>")]),
        "wg.last": ([], [.opt("s", "wg.Scenario", "nil before any scenario exists")]),
    ]

    static let moduleEntries: [Entry] = [
        Entry(name: "wg.version", signature: "wg.version",
              summary: "The engine's version, a string \"0.x.y\"."),
        Entry(name: "wg.capabilities", signature: "caps = wg.capabilities([file [, year]])",
              summary: "National capabilities (COW NMC) keyed by state abbreviation.",
              details: """
                  With no file: the bundled COW NMC v6.0, any year 1816–2016 (default 2016), parsed on \
                  first use; a year outside it is an error naming the year and the range. With a file: \
                  any COW NMC CSV, by default its latest year. `caps.RUS.cinc`, `caps.RUS.milex`, `caps.RUS.ccode`; \
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
              signature: "s = wg.scenario{ name=\"...\", seed=42 [, year=1962] [, capabilities=caps] [, ladder={...}] [, rung=3] [, turns=40] }",
              summary: "A new scenario at turn 0.",
              details: """
                  `seed` makes runs reproducible; `ladder` replaces the default escalation ladder \
                  (array of rung names, rung 0 first, or `{name=, description=, war=, nuclear=, \
                  war_share=, cost=, risk=}` tables; at most 1000 rungs); `rung` is the starting rung, \
                  `turns` the turn limit. `doctrine=`, `theatre=` and `sanctions=` tables override \
                  model parameters (:help doctrine); a value out of range is an error naming it. \
                  `nuclear = { RUS = 0 }` overrides warhead counts (FAS 2024 estimates by default). \
                  `year` takes that year's bundled capabilities and the states that held nuclear weapons \
                  then; before 2016 no warhead counts are bundled, so each nuclear-armed side counts \
                  `warhead_scale` warheads (docs/data.md). With `capabilities=` too, the years must agree. \
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
                  is at most 64 MiB and is checked as the API checks a scenario. A save names the \
                  script that built the scenario (functions are not saved): the REPL's :load runs it \
                  again to re-attach its policies and hooks; wg.load alone does not.
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
}
