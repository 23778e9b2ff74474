-- Question 2 (Istomin 2024): Karabakh 2020. Armenia's bilateral guarantee (the 1997
-- Russia-Armenia treaty) against the CSTO's Article 4 (Tashkent Treaty, 1992): which one
-- is invoked when Azerbaijan attacks, and what Armenia can count on.
--
--   wargame-repl Scripts/questions/karabakh-2020.lua [runs=400]
--   wargame-repl --sandbox Scripts/questions/karabakh-2020.lua runs=20
--   wargame-repl -i Scripts/questions/karabakh-2020.lua variant=csto
--
-- The model's rule (docs/force-balance.md): an attacked side with a covering bilateral
-- commitment calls its bilateral partners and invokes none of its multilateral treaties;
-- each ally answers once. Rows: both treaties (as in 2020), the CSTO alone, the bilateral
-- treaty alone, neither. Columns: the treaty Armenia invokes on turn 1 (seed 2020), its
-- expected coalition power and odds when Azerbaijan attacks, and Monte Carlo shares of how
-- the war ends (breakpoint: a side's forces broke; negotiation: both stepped down), with
-- 95% Wilson intervals. Scenario: Scripts/lib/crises.lua (karabakh), which
-- Scripts/scenarios/armenia-2020.lua also builds.
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
  { key = "both", label = "bilateral + CSTO (2020)", bilateral = true, csto = true },
  { key = "csto", label = "CSTO Art. 4 only", bilateral = false, csto = true },
  { key = "bilateral", label = "bilateral treaty only", bilateral = true, csto = false },
  { key = "neither", label = "no commitment", bilateral = false, csto = false },
}
local function build(o)
  local v = crises.variant(VARIANTS, o.variant)
  return crises.karabakh({ bilateral = v.bilateral, csto = v.csto, seed = o.seed, turns = o.turns }, lists)
end
if opts.variant then return build(opts) end  -- one variant as a scenario (Monte Carlo workers too)

local Q = lib("questions")
local SELF = dofile and debug.getinfo(1, "S").source:sub(2)
local threads = tonumber(opts.threads)  -- nil: every core
local runs, turns = Q.runs(opts, 400), tonumber(opts.turns) or 8
local rows, out = {}, {}
for _, v in ipairs(VARIANTS) do
  local base = build({ variant = v.key })
  local s = base:fork()
  local b = s:balance("ARM", "AZE", { attacker = "AZE" })
  local probe = s:fork()
  probe:step(1)
  local invoked = {}
  for _, e in ipairs(probe:log()) do
    local name = e.kind == "alliance" and e.text:match("^(.-) invoked by ARM") or nil
    if name then invoked[#invoked + 1] = name end
  end
  local sm = Q.montecarlo{ script = SELF, base = base, args = { variant = v.key }, runs = runs, turns = turns, seed = 1, threads = threads }
  local r = { key = v.key, invoked = invoked, power = b.a, p_win = b.p_win,
              breakpoint = Q.count(sm.endings.breakpoint, sm.runs), negotiation = Q.count(sm.endings.negotiation, sm.runs),
              runs = sm.runs }
  out[#out + 1] = r
  rows[#rows + 1] = { v.label, #invoked > 0 and table.concat(invoked, ", ") or "-",
                      string.format("%.5f / %.2f", r.power, r.p_win),
                      Q.share(r.breakpoint, r.runs), Q.share(r.negotiation, r.runs) }
end
Q.print_table("Q2. Karabakh 2020: Armenia's bilateral guarantee against CSTO Article 4 (COW NMC v6.0, 2016; "
              .. runs .. " runs x " .. turns .. " turns a row" .. (Q.sandboxed and ", in-process under --sandbox)" or ")"),
  { { "variant", 24 }, { "invoked on turn 1", 22 }, { "ARM P / p", 14 }, { "ends: breakpoint", 22 }, { "ends: negotiation", 22 } },
  rows,
  { "invoked: the treaties Armenia calls when Azerbaijan attacks (the answer is drawn: see the log).",
    "P: Armenia's coalition power, expected CINC (allies weighted by reliability 0.3, illustrative);",
    "p: Armenia's contest odds P_a/(P_a+P_b). Ends: share of runs, 95% Wilson interval." })
return out
