-- Question 1 (Istomin 2024): a Russia-China defensive pact restricted to the contingency of
-- a US attack, against no pact and against an unrestricted pact.
--
--   wargame-repl Scripts/questions/china-pact.lua [runs=400]
--   wargame-repl --sandbox Scripts/questions/china-pact.lua runs=10   (in-process runs)
--   wargame-repl -i Scripts/questions/china-pact.lua variant=restricted striker=POL
--
-- Rows: Russia with Belarus and the CSTO (no pact), plus a pact restricted to the US, plus
-- a pact against anyone. Balance columns (no randomness): Russia's coalition power
-- (expected CINC: allies weighted by reliability, only commitments that cover the war) and
-- its contest odds p_win, when the US attacks, when Poland attacks without the US, and when
-- Russia attacks. Monte Carlo columns: share of runs reaching nuclear use (rung 8 or more)
-- in a war that the US, or Poland, starts (Scripts/lib/crises.lua, baltic_war), with 95%
-- Wilson intervals. Reliabilities: Scripts/lib/crises.lua (illustrative).
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
  { key = "none", label = "no pact (Belarus, CSTO)", allies = "csto" },
  { key = "restricted", label = "pact against a US attack", allies = "china", china_against = "USA" },
  { key = "unrestricted", label = "pact against any attack", allies = "china", china_against = "any" },
}
local function build(o)
  local v = crises.variant(VARIANTS, o.variant)
  return crises.baltic_war({ allies = v.allies, china_against = v.china_against, striker = o.striker,
                             seed = o.seed, turns = o.turns }, lists)
end
if opts.variant then return build(opts) end  -- one variant as a scenario (Monte Carlo workers too)

local Q = lib("questions")
local SELF = dofile and debug.getinfo(1, "S").source:sub(2)
local threads = tonumber(opts.threads)  -- nil: every core
local runs, turns = Q.runs(opts, 400), tonumber(opts.turns) or 20
local rows, out = {}, {}
for _, v in ipairs(VARIANTS) do
  local base = build({ variant = v.key })
  local s = base:fork()
  local us = s:balance("RUS", "USA", { attacker = "USA" })
  local pol = s:balance("RUS", "POL", { attacker = "POL" })
  local ru = s:balance("RUS", "USA", { attacker = "RUS" })
  local r = { key = v.key, power_us = us.a, p_us = us.p_win, power_pol = pol.a, p_pol = pol.p_win,
              power_ru = ru.a, p_ru = ru.p_win }
  for _, striker in ipairs{ "USA", "POL" } do
    local sm = Q.montecarlo{ script = SELF, base = striker == "USA" and base or build({ variant = v.key, striker = striker }), args = { variant = v.key, striker = striker },
                             runs = runs, turns = turns, seed = 1, threads = threads }
    local k, n = Q.reached(sm, 8)
    r["nuclear_" .. striker] = { k = k, n = n }
  end
  out[#out + 1] = r
  rows[#rows + 1] = { v.label, string.format("%.4f / %.2f", r.power_us, r.p_us),
                      string.format("%.4f / %.2f", r.power_pol, r.p_pol),
                      string.format("%.4f / %.2f", r.power_ru, r.p_ru),
                      Q.share(r.nuclear_USA.k, r.nuclear_USA.n), Q.share(r.nuclear_POL.k, r.nuclear_POL.n) }
end
Q.print_table("Q1. A Russia-China pact restricted to a US attack (COW NMC v6.0, 2016; " .. runs .. " runs x " .. turns .. " turns a cell"
              .. (Q.sandboxed and ", in-process under --sandbox)" or ")"),
  { { "variant", 26 }, { "US attacks: P / p", 15 }, { "POL attacks: P / p", 18 }, { "RUS attacks: P / p", 18 },
    { "nuclear use, US war", 22 }, { "nuclear use, POL war", 22 } }, rows,
  { "P: Russia's coalition power, expected CINC (sum of weight x CINC; share of world capabilities).",
    "p: Russia's contest odds P_a/(P_a+P_b) in that war (Hirshleifer 1989, k = 1).",
    "nuclear use: share of runs reaching limited nuclear use or beyond (rung >= 8), 95% Wilson interval,",
    "in a war the US (with the UK and Poland) or Poland (with the Baltic states) starts on turn 1.",
    "A restricted pact weighs as an unrestricted one when the US attacks and not at all otherwise." })
return out
