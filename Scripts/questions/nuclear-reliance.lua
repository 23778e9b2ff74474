-- Question 4 (Istomin 2024): nuclear reliance. A conventional imbalance pushes the weaker
-- side toward nuclear weapons; do allies change that? The same crisis with Russia alone,
-- with Belarus (the Union State), with all CSTO members, and with a China pact restricted
-- to a US attack.
--
--   wargame-repl Scripts/questions/nuclear-reliance.lua [runs=400]
--   wargame-repl --sandbox Scripts/questions/nuclear-reliance.lua runs=10
--   wargame-repl -i Scripts/questions/nuclear-reliance.lua variant=belarus
--
-- The crisis (Scripts/lib/crises.lua, baltic_war): the US, with the UK and Poland, strikes
-- first, so Russia's defence pacts are invoked; honoured allies join the theatre. Russia's
-- pressure toward nuclear use rises as its share of fighting strength falls
-- (docs/escalation.md). Columns: Russia's expected coalition power and odds, then Monte
-- Carlo shares with 95% Wilson intervals: nuclear signalling reached (rung 7+), nuclear
-- use (rung 8+), the war ending at general nuclear war, and ending by breakpoint (a side's
-- forces broke first).
local function lib(name)
  if dofile then  -- beside this file: ../lib/NAME.lua
    local dir = debug.getinfo(1, "S").source:match("^@(.-)/?[^/]+/[^/]+$")
    return dofile((dir == nil and ".." or dir == "" and "." or dir) .. "/lib/" .. name .. ".lua")
  end
  return require("lib/" .. name)  -- --sandbox: wargame-repl serves the script's lib/ folder
end
local lists, crises = lib("alliances"), lib("crises")
local opts = wg.options(...)

local VARIANTS = {
  { key = "none", label = "Russia alone" },
  { key = "belarus", label = "with Belarus" },
  { key = "csto", label = "with all CSTO members" },
  { key = "china", label = "with China (US attack)" },
}
local function build(o)
  local v = crises.variant(VARIANTS, o.variant)
  return crises.baltic_war({ allies = v.key, seed = o.seed, turns = o.turns }, lists)
end
if opts.variant then return build(opts) end  -- one variant as a scenario (Monte Carlo workers too)

local Q = lib("questions")
local SELF = dofile and debug.getinfo(1, "S").source:sub(2)
local threads = tonumber(opts.threads)  -- nil: every core
local runs, turns = Q.runs(opts, 400), tonumber(opts.turns) or 20
local rows, out = {}, {}
for _, v in ipairs(VARIANTS) do
  local base = build({ variant = v.key })
  local b = base:balance("RUS", "USA", { attacker = "USA" })
  local sm = Q.montecarlo{ script = SELF, base = base, args = { variant = v.key }, runs = runs, turns = turns, seed = 1, threads = threads }
  local r = { key = v.key, power = b.a, p_win = b.p_win, runs = sm.runs,
              signalling = Q.count(sm.reached[7], sm.runs), use = Q.count(sm.reached[8], sm.runs),
              nuclear_war = Q.count(sm.endings.nuclear_war, sm.runs), breakpoint = Q.count(sm.endings.breakpoint, sm.runs) }
  out[#out + 1] = r
  rows[#rows + 1] = { v.label, string.format("%.4f / %.2f", r.power, r.p_win), Q.share(r.signalling, r.runs),
                      Q.share(r.use, r.runs), Q.share(r.nuclear_war, r.runs), Q.share(r.breakpoint, r.runs) }
end
Q.print_table("Q4. Nuclear reliance: a US-led strike on Russia with its allies (COW NMC v6.0, 2016; FAS 2024 warheads; "
              .. runs .. " runs x " .. turns .. " turns a row" .. (Q.sandboxed and ", in-process under --sandbox)" or ")"),
  { { "variant", 24 }, { "RUS P / p", 14 }, { "signalling (7+)", 22 }, { "nuclear use (8+)", 22 },
    { "ends: nuclear war", 22 }, { "ends: breakpoint", 22 } }, rows,
  { "P: Russia's coalition power when the US attacks, expected CINC; p: its contest odds P_a/(P_a+P_b).",
    "Shares of runs, 95% Wilson intervals. Allies who honour join the theatre: a war Russia would lose",
    "at once can last longer, which the model counts as more turns of nuclear risk, not fewer." })
return out
