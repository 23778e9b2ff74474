// Monte Carlo: `wg.montecarlo`, `wg.sweep` and what they return.

extension APIReference {
    /// Monte Carlo over a scenario script, and sweeps over its parameters.
    static let montecarlo: [Entry] = [
        Entry(name: "wg.montecarlo",
              signature: "sm = wg.montecarlo{ script=\"Scripts/scenarios/x.lua\", args={...}, runs=10000, turns=20, seed=1, threads=2, out=\"runs.csv\", shard=\"1/4\" }",
              summary: "Runs a scenario script many times and summarises the outcomes.",
              details: """
                  The script is loaded once per worker with `args`, reseeded each run and stepped. \
                  Shares are counts over `sm.runs` (the runs that finished), each computed once as \
                  count/runs; the counts are in `sm.counts`, and 95% Wilson intervals \
                  `{ lower=, upper= }` in `sm.ci`, under the same keys. `sm.endings[reason]` for every \
                  reason (ceasefire, negotiation, breakpoint, capitulation, nuclear_war, turn_limit, \
                  running), 0 where none; `sm.highest_rung[r]` = share of runs whose highest rung was r; \
                  `sm.at_least[r]` = share of runs whose highest rung was at least r (`sm.reached` is the \
                  old name, kept); `sm.threshold_crossed` = share of runs whose highest rung was at or \
                  above the ladder's nuclear threshold (its first nuclear rung); `sm.started[leader]` = \
                  share of runs in which that side started a war; `sm.max_rung` and `sm.gdp_loss_pct` \
                  (cumulative GDP loss of the first sanctions target, % of its annual GDP, over the \
                  `sm.sanctioned_runs` runs that had sanctions) = `{ p5=, p50=, p95=, mean= }`. \
                  `print(sm)` shows a table with a histogram of the highest rung. `out` writes one row \
                  per run (.csv or .jsonl; docs/montecarlo.md); `shard=\"K/N\"` runs the K-th of N \
                  shares of the runs. Summaries are identical whatever the thread count. At most one \
                  thread per core runs (`sm.threads`). The lowest-numbered failing run is the error \
                  reported. Ctrl-C keeps the runs finished so far: `sm.partial` is true and \
                  `sm.requested` says how many were asked for. Unknown fields are errors. The caller's \
                  time limit and memory limit reach the runs; a run cannot call `wg.montecarlo`.
                  """).typed([Field("spec", "wg.MonteCarloSpec")], returns: [Field("sm", "wg.MonteCarloSummary")]),
        Entry(name: "sm:report",
              signature: "sm:report(\"mc.html\")",
              summary: "Writes the Monte Carlo summary as a self-contained HTML page (no network).",
              details: """
                  Ending shares with their 95% intervals, a histogram of the highest rung, the \
                  nuclear threshold share and the damage quantiles with their unit; labelled axes \
                  with ticks; charts scale to the page. Written atomically; refused in the sandbox.
                  """),
        Entry(name: "wg.sweep",
              signature: "sw = wg.sweep{ script=\"x.lua\", params={ reliability={0, 1}, visibility={0.1, 0.3, 0.9} }, design=\"grid\", runs=100, turns=20, seed=1, out=\"sweep.csv\" }",
              summary: "Runs a scenario script over a design of parameter values, `runs` times per design row.",
              details: """
                  `design = \"grid\"` (default): every combination of the listed values; `\"lhs\"`: a \
                  Latin hypercube of `samples` rows, each parameter given as `{lower, upper}`; or a \
                  .csv file whose header names the parameters and whose rows are the design. Each \
                  design row's values are added to `args` and passed to the script. Run r of design \
                  row d has seed f(f(seed, d), r). Failed runs are kept as rows with their error. \
                  `sw.rows[i]` = `{ design_row=, params=, summary=sm }`; `sw.runs`, `sw.failed`, \
                  `sw.partial`. `out` writes one row per (design row, run) and a SALib parameter file \
                  beside it (`sweep.salib.txt`, in `sw.salib`). Also `threads`, `shard`, `args`.
                  """).typed([Field("spec", "wg.SweepSpec")],
                             returns: [Field("sw", "table", "rows (design_row, params, summary), runs, failed, partial, out, salib")]),
    ]
}
