-- Question 3 (Istomin 2024): a countersanction alignment's success is inversely
-- proportional to its visibility, under the threat of secondary sanctions. The alignment
-- at low and high visibility, with and without secondary sanctions.
--
--   wargame-repl Scripts/questions/sanctions-alignment.lua [runs=400]
--   wargame-repl --sandbox Scripts/questions/sanctions-alignment.lua runs=20
--   wargame-repl -i Scripts/questions/sanctions-alignment.lua variant=low-secondary
--
-- Western sanctions on Russia and an alignment of third countries (Turkey, Kazakhstan,
-- Armenia, Kyrgyzstan, the UAE) rerouting trade, both sides holding at the sanctions rung
-- for 12 turns (Scripts/lib/crises.lua, sanctions; trade and GDP illustrative, from
-- Scripts/lib/russia-trade.lua). Detection is drawn each turn, so runs differ. Columns:
-- Russia's cumulative GDP loss, % of annual GDP, over the runs (median and 5-95%
-- range); then one run (seed 2024): trade blocked and leaked, cumulative USD bn, and the
-- members detected (paying secondary sanctions) or gone. The turn-by-turn view of one pair
-- of runs is Scripts/analysis/sanctions-visibility.lua.
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
  { key = "low-secondary", label = "low visibility (0.1), secondary", visibility = 0.1, secondary = true },
  { key = "high-secondary", label = "high visibility (0.8), secondary", visibility = 0.8, secondary = true },
  { key = "low-none", label = "low visibility (0.1), no secondary", visibility = 0.1, secondary = false },
  { key = "high-none", label = "high visibility (0.8), no secondary", visibility = 0.8, secondary = false },
}
local function build(o)
  local v = crises.variant(VARIANTS, o.variant)
  return crises.sanctions({ visibility = v.visibility, secondary = v.secondary, seed = o.seed, turns = o.turns }, trade)
end
if opts.variant then return build(opts) end  -- one variant as a scenario (Monte Carlo workers too)

local Q = lib("questions")
local SELF = dofile and debug.getinfo(1, "S").source:sub(2)
local threads = tonumber(opts.threads)  -- nil: every core
local runs, turns = Q.runs(opts, 400), tonumber(opts.turns) or 12
local rows, out = {}, {}
local world = crises.sanctions_world({}, trade)  -- built once: loading the trade is the costly part
for _, v in ipairs(VARIANTS) do
  local base = crises.sanctions_measures(world:fork(), { visibility = v.visibility, secondary = v.secondary }, trade)
  local s = base:fork()
  s:step(turns)
  local d = s:damage("RUS")
  local detected, left = 0, 0
  for _, m in pairs(d.by_member) do
    if m.status == "detected" then detected = detected + 1 elseif m.status == "left" then left = left + 1 end
  end
  local sm = Q.montecarlo{ script = SELF, base = base, target = "RUS", args = { variant = v.key },
                           runs = runs, turns = turns, seed = 1, threads = threads }
  local g = sm.gdp_loss_pct
  local r = { key = v.key, p5 = g.p5, p50 = g.p50, p95 = g.p95, mean = g.mean, runs = sm.runs,
              blocked = d.blocked, leaked = d.leaked, detected = detected, left = left }
  out[#out + 1] = r
  rows[#rows + 1] = { v.label, string.format("%.2f [%.2f, %.2f]", r.p50, r.p5, r.p95),
                      string.format("%.1f", r.blocked), string.format("%.1f", r.leaked),
                      string.format("%d / %d", detected, left) }
end
Q.print_table("Q3. A countersanction alignment: visibility and secondary sanctions (" .. runs .. " runs x " .. turns
              .. " turns a row" .. (Q.sandboxed and ", in-process under --sandbox)" or ")"),
  { { "variant", 36 }, { "RUS GDP loss % [p5, p95]", 24 }, { "blocked bn", 10 }, { "leaked bn", 9 }, { "det / left", 10 } },
  rows,
  { "GDP loss: Russia's cumulative loss after " .. turns .. " turns, % of annual GDP: median over the runs, [5th, 95th]",
    "percentiles. blocked, leaked: cumulative USD bn in one run (seed 2024); det / left: members detected and",
    "paying secondary sanctions / members who quit, in that run. Trade and GDP are illustrative." })
return out
