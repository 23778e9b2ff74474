---@meta wargame
-- Annotations of the wargame Lua API for the Lua language server (LuaLS).
-- Generated from Sources/WargameKit/Lua/Bindings/APIReference*.swift; do not edit.
-- Regenerate with: make typings (a test fails while the two differ).
-- Editors: add this directory to "workspace.library" (the repository's .luarc.json does).

---What a policy returns: a move, {rung = n}, or nil (the doctrine decides).
---@alias wg.Move
---| "escalate"
---| "hold"
---| "deescalate"

---Kinds of event, and the events s:on can hook.
---@alias wg.EventKind
---| "turn"
---| "escalation"
---| "deescalation"
---| "alliance"
---| "combat"
---| "sanctions"
---| "nuclear"
---| "end"
---| "adjudication"

---How a run ended.
---@alias wg.Ending
---| "ceasefire"
---| "negotiation"
---| "breakpoint"
---| "capitulation"
---| "nuclear_war"
---| "turn_limit"

---What an alliance obliges its members to.
---@alias wg.Obligation
---| "defense"
---| "offense"
---| "neutrality"
---| "nonaggression"
---| "consultation"

---How an alliance is invoked.
---@alias wg.AllianceFormat
---| "bilateral"
---| "multilateral"

---@alias wg.Capabilities table<string, wg.StateCapabilities>

---Writes the Monte Carlo summary as a self-contained HTML page (no network).
---@class wg.Sm:report

---What wg.scenario takes.
---@class wg.ScenarioSpec
---@field name? string the scenario's name (default "scenario")
---@field seed? integer seed of every random stream (default wg.seed, set by --seed, else 1)
---@field year? integer 1816..2016: that year's bundled capabilities and nuclear possessors
---@field capabilities? wg.Capabilities from wg.capabilities(file); default the bundled COW NMC, 2016
---@field ladder? (string|wg.LadderRung)[] replaces the default escalation ladder, rung 0 first
---@field rung? integer the starting rung (default 1)
---@field turns? integer the turn limit, 1..1000000 (default 40)
---@field doctrine? wg.Doctrine overrides of the built-in doctrine's parameters (:help doctrine)
---@field theatre? wg.Theatre overrides of the theatre parameters (:help theatre)
---@field sanctions? wg.Sanctions overrides of the sanctions parameters (:help sanctions)
---@field nuclear? table<string, integer> warheads by state code, overriding the FAS 2024 estimates

---One rung of a custom escalation ladder (a plain name also does).
---@class wg.LadderRung
---@field name string the rung's name
---@field description? string one line
---@field war? boolean reaching it is an armed attack
---@field nuclear? boolean it is nuclear use
---@field war_share? number share of forces committed at this rung
---@field cost? number the doctrine's cost of standing on it
---@field risk? number chance a turn on it slips toward nuclear use

---Options of s:side.
---@class wg.SideOptions
---@field nuclear? boolean whether the side holds nuclear weapons, overriding the FAS data
---@field stake? number 0..1: ceiling of its desperation hazard (1: home territory at stake)

---What s:alliance takes.
---@class wg.AllianceSpec
---@field name string the alliance's name
---@field members string[] state codes, at least two
---@field obligation? wg.Obligation what it obliges members to (default "defense")
---@field reliability? number 0..1: chance an invoked ally honours it (default 0.75)
---@field format? wg.AllianceFormat "bilateral" (default for two members) or "multilateral"
---@field against? string[] restricts it to an attack by these states

---One trade flow for s:trade (or a CSV file's name).
---@class wg.TradeSpec
---@field from string exporter
---@field to string importer
---@field value number USD bn a year, non-negative
---@field sector? string a sector that sanctions may name

---What s:sanction takes (or a CSV file's name).
---@class wg.SanctionSpec
---@field name? string default "sanctions on <target>"
---@field by string[] the sanctioners
---@field target string the state sanctioned
---@field coverage? number 0..1: share of trade blocked (default 1)
---@field secondary? boolean whether detected alignment members face secondary sanctions (default true)
---@field direction? "imports"|"exports"|"both" which flows are blocked (default both)
---@field start? integer the turn it starts (default the next turn)
---@field sectors? string[] only flows of these sectors

---What s:alignment takes (or a CSV file's name).
---@class wg.AlignmentSpec
---@field name string the alignment's name
---@field members string[] third states that reroute trade
---@field beneficiary string the sanctioned state they trade for
---@field visibility? number 0..1: how visible the rerouting is (default 0.5)
---@field commission? number 0..1: share of rerouted value members keep (default 0.1)
---@field capacity? number USD bn a year members can reroute (default from their own trade)
---@field pragmatic? boolean members leave when secondary sanctions cost more than they earn (default true)

---What wg.lanchester takes.
---@class wg.LanchesterSpec
---@field a number force A at the start
---@field b number force B at the start
---@field alpha number A's effectiveness against B
---@field beta number B's effectiveness against A
---@field law? "square"|"linear" aimed fire (default) or area fire
---@field dt? number integration step
---@field t? number time to run

---What wg.montecarlo takes.
---@class wg.MonteCarloSpec
---@field script string a scenario script (it returns the scenario)
---@field args? table the script's variant arguments
---@field runs? integer default 1000
---@field turns? integer turn limit of each run
---@field seed? integer default 1
---@field threads? integer default: one per core
---@field out? string per-run output file, .csv or .jsonl (docs/montecarlo.md)
---@field shard? string "K/N": the K-th of N deterministic shares of the runs

---What wg.sweep takes: wg.montecarlo's fields and a design.
---@class wg.SweepSpec
---@field script string a scenario script (it returns the scenario)
---@field params table<string, any[]> values of each parameter (grid), or {lower, upper} (lhs)
---@field design? string "grid" (default), "lhs", or a .csv file of design rows
---@field samples? integer rows of a Latin hypercube
---@field args? table arguments every design row shares
---@field runs? integer runs per design row
---@field turns? integer turn limit of each run
---@field seed? integer default 1
---@field threads? integer default: one per core
---@field out? string one row per (design row, run), and a SALib file beside it
---@field shard? string "K/N": the K-th of N shares of the design rows

---What a side's policy sees each turn.
---@class wg.View
---@field side string the side's name
---@field leader string its leader's state code
---@field turn integer the turn being decided
---@field rung integer the current rung (0-based)
---@field rung_name string its name
---@field p_win number the side's odds in a war now
---@field ratio number its power over its opponents'
---@field position number its share of fighting strength in a war (1 before one)
---@field damage_pct number sanctions damage to its leader, % of GDP
---@field nuclear boolean whether it holds nuclear weapons
---@field events string[] the latest events, one line each

---One turn's report: what s:step returns and the "turn" and "end" hooks receive.
---@class wg.Report
---@field turn integer the turn just played
---@field rung integer the rung now
---@field previous_rung integer the rung before the turn
---@field rung_name string the rung's name
---@field moves table<string, string> each side's move, by side name
---@field p_win number[] each side's odds, in side order
---@field positions number[] each side's share of fighting strength, in side order
---@field damage_pct table<string, number> sanctions damage by target, % of GDP
---@field events string[] the turn's events, one line each
---@field summary string readable text (tostring(report))
---@field ended? wg.Ending why the run ended, on its last turn
---@field why? string the ending in words

---One event of the log; the argument of the hooks other than "turn" and "end".
---@class wg.Event
---@field turn integer when it happened
---@field kind wg.EventKind what kind
---@field text string what happened
---@field summary string one line (tostring(e))

---The force balance between two states and their allies.
---@class wg.Balance
---@field ratio number a's power over b's
---@field a number a's coalition power
---@field b number b's coalition power
---@field p_win number a's odds in a war
---@field decisiveness number the contest's exponent k
---@field side_a wg.SidePower a's side
---@field side_b wg.SidePower b's side
---@field allies wg.Ally[] allies that weigh, with their weights
---@field contributions wg.Ally[] every state that weighs, leaders included (for tables)
---@field summary string readable text (tostring(b))

---One side of a balance.
---@class wg.SidePower
---@field leader string its leader
---@field power number its coalition power
---@field members string[] its members

---An ally's weight in a balance.
---@class wg.Ally
---@field state string the ally
---@field weight number the reliability it counts with
---@field cinc number its CINC
---@field power number weight times CINC
---@field alliance? string the commitment that brings it in
---@field side string the leader it stands with

---Sanctions damage to a state so far (USD bn, and % of GDP).
---@class wg.Damage
---@field gdp_loss number GDP lost, USD bn
---@field gdp_loss_pct number GDP lost, % of GDP
---@field blocked number trade blocked, USD bn
---@field leaked number blocked trade rerouted
---@field unreplaced number blocked trade neither rerouted nor substituted
---@field commission number paid to alignment members
---@field by_sanctioner table<string, {cost: number, cost_pct: number?}> collateral cost to each sanctioner
---@field by_member table<string, {commission: number, secondary_cost: number, status: string}> each alignment member's income and secondary-sanctions cost
---@field summary string readable text (tostring(d))

---One state's COW NMC record; a missing value (-9 in the file) is nil.
---@class wg.StateCapabilities
---@field stateabb string state code
---@field ccode integer COW country code
---@field year integer the year
---@field milex? number military expenditure, thousands USD
---@field milper? number military personnel, thousands
---@field irst? number iron and steel production, thousands of tons
---@field pec? number primary energy consumption, thousands of coal-ton equivalents
---@field tpop? number total population, thousands
---@field upop? number urban population, thousands
---@field cinc? number composite index, computed from the components

---Forces left after a Lanchester fight.
---@class wg.LanchesterResult
---@field a number force A left
---@field b number force B left
---@field t number time run
---@field winner? "a"|"b" the side left standing, nil for none

---Outcomes over many runs (shares of runs, 0..1).
---@class wg.MonteCarloSummary
---@field runs integer runs finished
---@field threads? integer worker threads that ran
---@field requested integer runs asked for
---@field failed integer runs that failed
---@field partial boolean true when Ctrl-C stopped it before every run finished
---@field endings table<wg.Ending, number> share of runs ending each way, every reason present
---@field highest_rung table<integer, number> share of runs whose highest rung was r
---@field at_least table<integer, number> share of runs whose highest rung was at least r
---@field reached table<integer, number> the old name of at_least
---@field threshold_crossed number share of runs at or above the first nuclear rung
---@field started table<string, number> share of runs in which each leader started a war
---@field counts table the counts behind endings, highest_rung, at_least, threshold_crossed, started
---@field ci table 95% Wilson intervals {lower=, upper=} under the same keys as counts
---@field max_rung wg.Quantiles highest rung reached
---@field gdp_loss_pct? wg.Quantiles cumulative GDP loss of the first sanctions target, % of annual GDP
---@field sanctioned_runs integer runs that had sanctions (the base of gdp_loss_pct)
---@field out? string the per-run file written
---@field summary string readable text (tostring(sm))
---@field report fun(self: wg.MonteCarloSummary, file: string) writes the HTML report (sm:report)

---A distribution over runs.
---@class wg.Quantiles
---@field p5 number
---@field p50 number the median
---@field p95 number
---@field mean number

---The built-in doctrine and the war (docs/escalation.md).
---@class wg.Doctrine
---@field status_quo? number q0, the value of the status quo (war's stakes are 0..1); range [0, 1], default 0.5; source: modelling choice: the midpoint of the stakes; with p the odds, war pays only when p − c > q (Fearon 1995)
---@field pain_weight? number η, status-quo value lost per % of GDP of sanctions damage; range [0, 1], default 0.02; source: modelling choice; the direction (pain lowers the value of peace) is Copeland 1996
---@field rung_cost? number k, cost per turn per rung number (k·m at rung m); range [0, 1], default 0.01; source: modelling choice (mobilising and holding a crisis cost something)
---@field rationality? number λ, quantal-response precision: P(m) ∝ exp(λ U(m)); range [0, 1000], default 25; source: modelling choice; the form is McKelvey & Palfrey 1995, Signorino 1999
---@field nuclear_damage? number D_max, cost of a nuclear exchange against a large arsenal; range [0, 1000], default 10; source: modelling choice: many times the stakes of any war (Schelling 1966; Powell 1990)
---@field warhead_scale? number W_ref, warheads at which the cost is 63% of D_max; range (0, 1000000], default 100; source: modelling choice: a hundred warheads already destroy a country's cities
---@field stake? number e, ceiling of a losing nuclear side's hazard per turn (1: home territory at stake); range [0, 1], default 0.5; source: modelling choice; Powell 1990: the threat is more credible the more is at stake
---@field hazard_steepness? number κ, steepness of the hazard in the fighting-strength share; range [0, 1000], default 10; source: modelling choice
---@field hazard_share? number θ, fighting-strength share at which the hazard is e/2; range [0, 1], default 0.25; source: modelling choice: a side with a quarter of the fighting strength is losing badly
---@field decisiveness? number k of the contest success function p = P_a^k/(P_a^k+P_b^k); range (0, 100], default 1; source: Hirshleifer 1989 (ratio form); 1 is the neutral choice
---@field breakpoint? number force remaining (share of initial) below which a side is breaking; range [0, 1], default 0.3; source: modelling choice; armies usually break well before annihilation (Lanchester models need a breakpoint)
---@field breakpoint_turns? number turns below the breakpoint before the side is defeated; range [1, 1000], default 2; source: modelling choice
---@field capitulation_odds? number contest odds at war below which a side gives up; range [0, 1], default 0.1; source: modelling choice
---@field capitulation_turns? number turns below capitulation_odds before it capitulates; range [1, 1000], default 3; source: modelling choice
---@field ceasefire_rung? number the crisis ends when the rung stays at or below this (-1: never); range [-1, 1000], default 1; source: modelling choice (rung 1, crisis, of the default ladder)
---@field ceasefire_turns? number turns at or below ceasefire_rung before the crisis ends; range [1, 1000], default 2; source: modelling choice

---Theatre forces and their effectiveness (docs/force-balance.md).
---@class wg.Theatre
---@field side_commitment? number share of its military personnel a side member commits to the theatre; range [0, 1], default 0.3; source: modelling choice: most armies keep the larger part of their forces elsewhere
---@field ally_commitment? number share an honouring ally commits (times its weight); range [0, 1], default 0.15; source: modelling choice: allies send expeditionary forces, not their armies
---@field quality_exponent? number γ: quality per soldier = (spending per soldier / world median)^γ; range [0, 2], default 0.5; source: modelling choice: diminishing returns to spending per soldier
---@field base_rate? number fire effectiveness per turn of a force of median quality (Lanchester α); range [0, 10], default 0.08; source: modelling choice: a quarter-year of fighting costs the weaker side a sizeable share of its force

---Trade blocked, rerouted, detected and turned into damage (docs/sanctions.md).
---@class wg.Sanctions
---@field turn_years? number Δ, length of a turn in years (yearly flows are scaled by it); range (0, 100], default 0.25; source: convention of the engine (a turn is a quarter)
---@field capacity? number k, share of a member's two-way trade with the target it can reroute; range [0, 1], default 0.5; source: modelling choice
---@field access? number k_s, share of a member's trade with the active sanctioners that adds to its capacity; range [0, 1], default 0.2; source: form: Istomin 2024 (partners matter for their access to Western goods); value calibrated to the EBRD range (Chupilkin, Javorcik & Plekhanov 2023)
---@field detection_rate? number δ, detection intensity in 1 − exp(−δ v L/κ); range [0, 1000], default 1; source: modelling choice; only the direction (rising with visibility and volume) is from the literature
---@field secondary_share? number σ, share of a detected member's trade with the sanctioners lost per turn; range [0, 1], default 0.2; source: modelling choice
---@field adaptation_years? number T, time constant of import substitution, years; range (0, 1000], default 2; source: modelling choice (the part above the floor halves in T ln 2 ≈ 1.4 years)
---@field floor? number f, share of a blocked unit's damage that adaptation never removes; range [0, 1], default 0.2; source: modelling choice, illustrative; the direction (losses persist) has support (Kohl et al. 2021)
---@field multiplier? number μ, GDP loss per USD of unreplaced trade; also caps the commission rate; range [0, 100], default 0.3; source: modelling choice in the spirit of Hufbauer, Schott & Elliott's cost to the target, not their estimate

---The wargame module: the global wg, and what require "wargame" returns.
---@class wg
---@field version string The engine's version, a string "0.x.y".
wg = {}

---National capabilities (COW NMC) keyed by state abbreviation.
---@param file? string a COW NMC CSV file; default the bundled data
---@param year? integer 1816..2016 for the bundled data (default 2016); default a file's latest year
---@return wg.Capabilities caps # state records by state code
function wg.capabilities(file, year) end

---Lanchester attrition between two forces.
---@param spec wg.LanchesterSpec
---@return wg.LanchesterResult r
function wg.lanchester(spec) end

---A new scenario at turn 0.
---@param spec wg.ScenarioSpec
---@return wg.Scenario s
function wg.scenario(spec) end

---The default escalation ladder: an array of rung names, rung 0 first, and their one-line descriptions.
---@param ladder? (string|wg.LadderRung)[] a ladder to check
---@return string[] names # rung names, rung 0 first
---@return string[] descriptions
function wg.ladder(ladder) end

---Loads a scenario saved with s:save.
---@param file string a file written by s:save
---@return wg.Scenario s
function wg.load(file) end

---A scenario script's variant arguments as one table.
---@param ... table|string the script's arguments
---@return table<string, any> opts
function wg.options(...) end

---The most recently created scenario, or nil.
---@return wg.Scenario? s # nil before any scenario exists
function wg.last() end

---Runs a scenario script many times and summarises the outcomes.
---@param spec wg.MonteCarloSpec
---@return wg.MonteCarloSummary sm
function wg.montecarlo(spec) end

---Runs a scenario script over a design of parameter values, runs times per design row.
---@param spec wg.SweepSpec
---@return table sw # rows (design_row, params, summary), runs, failed, partial, out, salib
function wg.sweep(spec) end

---A scenario: wg.scenario{...}, wg.load(file), s:fork().
---@class wg.Scenario
---@field name string The scenario's name (read-only).
---@field turn integer The current turn, 0 for a new scenario (read-only).
---@field rung integer The current escalation rung, 0-based (read-only).
---@field ended wg.Ending? Whether the run has ended (read-only); s:status() and the last report say why.
local Scenario = {}

---The name of the current rung.
---@return string name
function Scenario:rung_name() end

---Declares a side by state abbreviations; the first is its leader.
---@param name string the side's name
---@param members string[] state codes, leader first
---@param opts? wg.SideOptions
function Scenario:side(name, members, opts) end

---Declares an alliance commitment.
---@param spec wg.AllianceSpec
function Scenario:alliance(spec) end

---Adds trade flows, USD bn per year.
---@param spec wg.TradeSpec|string a flow, or a CSV file of flows
---@return integer? n # flows read from a file
function Scenario:trade(spec) end

---Economic inputs the NMC data lacks (GDP, USD bn).
---@param spec table<string, {gdp: number}>|string GDP by state code, or a CSV file
function Scenario:economy(spec) end

---Imposes a sanctions package: blocks coverage of trade between each sanctioner and the target.
---@param spec wg.SanctionSpec|string a package, or a CSV file of packages
---@return integer? n # packages read from a file
function Scenario:sanction(spec) end

---A countersanction alignment that reroutes blocked trade for a commission.
---@param spec wg.AlignmentSpec|string an alignment, or a CSV file of them
---@return integer? n # alignments read from a file
function Scenario:alignment(spec) end

---A side's policy: returns "escalate", "hold", "deescalate" or {rung=n} each turn.
---@param side string a side's name or leader
---@param policy? fun(view: wg.View): wg.Move|{rung: integer}|nil nil removes it
function Scenario:policy(side, policy) end

---Hooks an event: "turn", "escalation", "deescalation", "alliance", "combat", "sanctions", "nuclear" or "end".
---@param event wg.EventKind
---@param hook fun(arg: wg.Report|wg.Event)
function Scenario:on(event, hook) end

---Advances n turns (default 1) and returns the last turn's report.
---@param n? integer turns to advance (default 1)
---@return wg.Report? report # nil when no turn was ever played
function Scenario:step(n) end

---The force balance between two states and their allies.
---@param a string
---@param b string
---@param opts? {attacker: string}
---@return wg.Balance b
function Scenario:balance(a, b, opts) end

---Sanctions damage to a state so far.
---@param target string
---@return wg.Damage d
function Scenario:damage(target) end

---The events so far, oldest first; each event's tostring is one line.
---@param n? integer only the last n events
---@return wg.Event[] events
function Scenario:log(n) end

---Goes back one turn (a new scenario is at turn 0).
---@return integer turn
function Scenario:undo() end

---Goes back to an earlier turn.
---@param turn integer
---@return integer turn
function Scenario:rewind(turn) end

---An independent copy of the scenario, for a what-if.
---@return wg.Scenario s2
function Scenario:fork() end

---Saves the scenario (versioned format, atomic write); wg.load reads it back.
---@param file string
function Scenario:save(file) end

---Writes an after-action report: self-contained HTML with SVG charts.
---@param file string
function Scenario:report(file) end

---An aligned multi-line summary: sides, balance, rung, sanctions damage, latest events.
---@return string text
function Scenario:status() end

---Reseeds the scenario's random generator (and math.random).
---@param n integer
function Scenario:seed(n) end

---The scenario's per-turn series, turn 0 first: one table per turn keyed by column name.
function Scenario:series() end

return wg
