-- Question 5 (Istomin 2024): allies held for status against pragmatic allies. The article
-- distinguishes partners that join for standing and stay whatever it costs from partners
-- that join for gain and leave when it stops paying.
--
--   wargame-repl Scripts/questions/status-allies.lua [runs=400]
--   wargame-repl --sandbox Scripts/questions/status-allies.lua runs=20
--   wargame-repl -i Scripts/questions/status-allies.lua variant=status-high
--
-- How the model expresses it: a countersanction alignment's members are pragmatic
-- (s:alignment{ pragmatic = true }, the default: a member detected and hit by secondary
-- sanctions leaves once their cost exceeds its commission income) or held for status
-- (pragmatic = false: it stays and keeps paying). Alliances carry no such flag; the nearest
-- form there is a low reliability on a multilateral treaty (the CSTO in Scripts/questions/
-- karabakh-2020.lua). The same sanctions crisis as Question 3, with secondary sanctions, at
-- low and high visibility. Columns: Russia's cumulative GDP loss over the runs, % of
-- annual GDP (median, 5-95%); one run (seed 2024): leaked trade and the members'
-- secondary-sanctions cost, cumulative USD bn, and members detected / gone.
local function lib(name)
  if dofile then  -- beside this file: ../lib/NAME.lua
    local dir = debug.getinfo(1, "S").source:match("^@(.-)/?[^/]+/[^/]+$")
    return dofile((dir == nil and ".." or dir == "" and "." or dir) .. "/lib/" .. name .. ".lua")
  end
  return require("lib/" .. name)  -- --sandbox: wargame-repl serves the script's lib/ folder
end
local trade, crises = lib("russia-trade"), lib("crises")
local opts = wg.options(...)

local VARIANTS = {
  { key = "pragmatic-low", label = "pragmatic, visibility 0.1", pragmatic = true, visibility = 0.1 },
  { key = "status-low", label = "status, visibility 0.1", pragmatic = false, visibility = 0.1 },
  { key = "pragmatic-high", label = "pragmatic, visibility 0.8", pragmatic = true, visibility = 0.8 },
  { key = "status-high", label = "status, visibility 0.8", pragmatic = false, visibility = 0.8 },
}
local function build(o)
  local v = crises.variant(VARIANTS, o.variant)
  return crises.sanctions({ visibility = v.visibility, pragmatic = v.pragmatic, seed = o.seed, turns = o.turns }, trade)
end
if opts.variant then return build(opts) end  -- one variant as a scenario (Monte Carlo workers too)

local Q = lib("questions")
local SELF = dofile and debug.getinfo(1, "S").source:sub(2)
local threads = tonumber(opts.threads)  -- nil: every core
local runs, turns = Q.runs(opts, 400), tonumber(opts.turns) or 12
local rows, out = {}, {}
local world = crises.sanctions_world({}, trade)  -- built once: loading the trade is the costly part
for _, v in ipairs(VARIANTS) do
  local base = crises.sanctions_measures(world:fork(), { visibility = v.visibility, pragmatic = v.pragmatic }, trade)
  local s = base:fork()
  s:step(turns)
  local d = s:damage("RUS")
  local detected, left, cost = 0, 0, 0
  for _, m in pairs(d.by_member) do
    cost = cost + (m.secondary_cost or 0)
    if m.status == "detected" then detected = detected + 1 elseif m.status == "left" then left = left + 1 end
  end
  local sm = Q.montecarlo{ script = SELF, base = base, target = "RUS", args = { variant = v.key },
                           runs = runs, turns = turns, seed = 1, threads = threads }
  local g = sm.gdp_loss_pct
  local r = { key = v.key, p5 = g.p5, p50 = g.p50, p95 = g.p95, runs = sm.runs, leaked = d.leaked,
              member_cost = cost, detected = detected, left = left }
  out[#out + 1] = r
  rows[#rows + 1] = { v.label, string.format("%.2f [%.2f, %.2f]", r.p50, r.p5, r.p95),
                      string.format("%.1f", r.leaked), string.format("%.2f", cost), string.format("%d / %d", detected, left) }
end
Q.print_table("Q5. Status against pragmatic partners in a countersanction alignment (" .. runs .. " runs x " .. turns
              .. " turns a row" .. (Q.sandboxed and ", in-process under --sandbox)" or ")"),
  { { "members", 26 }, { "RUS GDP loss % [p5, p95]", 24 }, { "leaked bn", 9 }, { "members' cost bn", 16 }, { "det / left", 10 } },
  rows,
  { "GDP loss: Russia's cumulative loss after " .. turns .. " turns, % of annual GDP: median over the runs, [5th, 95th]",
    "percentiles. leaked, members' cost (secondary sanctions they paid): cumulative USD bn in one run (seed 2024);",
    "det / left: members detected and staying / members who quit, in that run. Trade and GDP are illustrative." })
return out
