// The REPL's meta-commands for looking at a scenario, and the scenario's per-turn series.

extension APIReference {
    /// Stepping and reading a scenario, comparing what-ifs, tables, exports and plots.
    static let analysisCommands: [Entry] = [
        Entry(name: ":step", signature: ":step [n]",
              summary: "Advances n turns (default 1) and prints each turn's report: the moves, the events, odds and damage.",
              details: "A scenario that has ended is not stepped (\"ended at turn 10: nuclear war; nothing stepped\"); "
                + ":undo and :rewind go back."),
        Entry(name: ":status", signature: ":status", summary: "Prints where things stand: print(s:status()).",
              details: "In a :mode other than table: one row per line of the status (field, value)."),
        Entry(name: ":balance", signature: ":balance a b", summary: "Prints the force balance: print(s:balance(a, b)).",
              details: "In a :mode other than table: one row per contribution (side, state, CINC, weight, power, alliance)."),
        Entry(name: ":damage", signature: ":damage t", summary: "Prints sanctions damage to t: print(s:damage(t)).",
              details: "Figures are cumulative: GDP loss in USD bn and % of annual GDP, trade blocked, leaked, "
                + "unreplaced and commission in USD bn."),
        Entry(name: ":log", signature: ":log [n]",
              summary: "Prints the event log, or that of the last n turns, as a story: events grouped under each turn.",
              details: "In a :mode other than table: one row per event (turn, kind, event)."),
        Entry(name: ":forks", signature: ":forks", summary: "Lists the scenarios in the session: each global that holds one, with its turn and rung."),
        Entry(name: ":compare", signature: ":compare a b",
              summary: "Shows scenarios a and b (global names) side by side from the turn where they diverge.",
              details: "Per turn: each one's rung, first side's odds (p_win), forces left at war, damage to the first "
                + "sanctions target, then its events."),
        Entry(name: ":reset", signature: ":reset",
              summary: "Rebuilds the default scenario into s (Scripts/scenarios/default.lua); other globals are kept."),
        Entry(name: ":source", signature: ":source file",
              summary: "Runs a Lua script in the session: its globals stay; a scenario it returns becomes s.",
              details: "Not in the sandbox, which reads no files."),
        Entry(name: ":mode", signature: ":mode [table|csv|json|markdown]",
              summary: "Sets how :status, :balance, :damage, :log and Monte Carlo summaries print (default table).",
              details: "csv and json are for other tools (R, pandas, jq); markdown pastes into a document. "
                + "Without an argument, prints the mode."),
        Entry(name: ":export", signature: ":export what file",
              summary: "Writes CSV for R or pandas: what is log, series (per turn: rung, odds, positions, damage), "
                + "or the name of a scenario or a Monte Carlo summary.",
              details: "The file is replaced atomically; an error names it. Not in the sandbox."),
        Entry(name: ":plot", signature: ":plot [what]",
              summary: "Draws the rung and the odds (or each side's forces left, at war) per turn; on a Monte Carlo summary, "
                + "the histogram of the highest rung.",
              details: "what is a global holding a scenario or a Monte Carlo summary (default: the current scenario). "
                + "Block characters; plain ASCII under TERM=dumb or NO_COLOR."),
        Entry(name: ":set", signature: ":set [name value]",
              summary: "Session settings: `:set pager off` prints long output without the pager; alone, lists them."),
        Entry(name: "s:series", signature: "rows = s:series()",
              summary: "The scenario's per-turn series, turn 0 first: one table per turn keyed by column name.",
              details: "Columns (`rows.columns`, in order): turn, rung, rung_name, p_win_<side> (contest odds, 0-1), "
                + "position_<side> (share of the initial theatre force; 1 before fighting), damage_pct_<target> "
                + "(cumulative GDP loss, % of annual GDP). Also `rows.sides` (side names) and `rows.rungs` "
                + "(rungs of the ladder)."),
    ]
}
