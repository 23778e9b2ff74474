// Monte Carlo: `wg.montecarlo` and what it returns.

extension APIReference {
    /// Monte Carlo over a scenario script.
    static let montecarlo: [Entry] = [
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
                  """).typed([Field("spec", "wg.MonteCarloSpec")], returns: [Field("sm", "wg.MonteCarloSummary")]),
    ]
}
