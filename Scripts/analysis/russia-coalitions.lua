-- The article's question in numbers (Istomin 2024): does Russia's coalition-building
-- change the conventional balance with the US and its NATO allies, and in which war?
--
--   wargame-repl Scripts/analysis/russia-coalitions.lua
--
-- Capabilities: COW NMC v6.0, 2016 (bundled). CINC is computed by the engine.
-- Reliabilities are the probability that an ally honours a commitment when invoked.
-- Anchors: Leeds, Long & Mitchell (2000) find about 0.75 of commitments honoured in
-- 1816-1944; Berkemeier & Fuhrmann (2018) find about 0.22 for defence pacts after 1945.
-- The figures below are illustrative choices between those anchors, not estimates.
--
-- Who attacks decides which commitments cover (docs/force-balance.md): a defence pact
-- counts when its member is attacked, not when it attacks; a side with a bilateral
-- patron (the Union State) calls it and invokes no multilateral treaty (the CSTO).
local here = (arg and arg[0] or "Scripts/analysis/russia-coalitions.lua"):match("^(.*)/analysis/") or "Scripts"
local lists = dofile(here .. "/lib/alliances.lua")

local NATO_RELIABILITY = 0.75   -- illustrative: the Leeds-Long-Mitchell historical anchor
local BELARUS_RELIABILITY = 0.9 -- illustrative: Union State, the one ally that counts (Istomin)
local CSTO_RELIABILITY = 0.3    -- illustrative: Art. 4 not honoured for Armenia in 2021-22
local CHINA_RELIABILITY = 0.5   -- illustrative: a hypothetical pact, no track record

local function variant(name, extra)
  local s = wg.scenario{ name = name, seed = 1 }
  s:side("West", { "USA" })
  s:side("East", { "RUS" })
  s:alliance{ name = "NATO Art. 5", members = lists.nato, reliability = NATO_RELIABILITY }
  extra(s)
  return s
end

local variants = {
  { "Russia alone", function(s) end },
  { "with Belarus", function(s)
      s:alliance{ name = "Union State", members = { "RUS", "BLR" }, format = "bilateral",
                  reliability = BELARUS_RELIABILITY }
    end },
  { "with all CSTO members", function(s)
      s:alliance{ name = "Union State", members = { "RUS", "BLR" }, format = "bilateral",
                  reliability = BELARUS_RELIABILITY }
      s:alliance{ name = "CSTO Art. 4", members = lists.csto, reliability = CSTO_RELIABILITY }
    end },
  { "with a China pact (US attack only)", function(s)
      s:alliance{ name = "Union State", members = { "RUS", "BLR" }, format = "bilateral",
                  reliability = BELARUS_RELIABILITY }
      s:alliance{ name = "CSTO Art. 4", members = lists.csto, reliability = CSTO_RELIABILITY }
      s:alliance{ name = "RUS-CHN pact", members = { "RUS", "CHN" }, reliability = CHINA_RELIABILITY,
                  format = "bilateral", against = { "USA" } }
    end },
}

print("Russia's coalition against the US and its NATO allies (CINC, COW NMC v6.0, 2016)")
print(string.format("%-36s %12s %12s %10s %10s", "variant", "P(R), US att", "P(R), R att", "P(West)", "p_win"))
local rows = {}
for _, v in ipairs(variants) do
  local s = variant(v[1], v[2])
  local defend = s:balance("RUS", "USA", { attacker = "USA" })
  local attack = s:balance("RUS", "USA", { attacker = "RUS" })
  rows[#rows + 1] = { name = v[1], a = defend.a, b = defend.b, ratio = defend.ratio, p = defend.p_win,
                      a_attacking = attack.a, p_attacking = attack.p_win }
  print(string.format("%-36s %12.4f %12.4f %10.4f %10.3f", v[1], defend.a, attack.a, defend.b, defend.p_win))
end
print("P = sum of weight x CINC; an ally's weight is the reliability of the commitment that")
print("covers this war: 'US att' when the US attacks Russia, 'R att' when Russia attacks.")
print("p_win = Russia's odds P_a/(P_a+P_b) when attacked (Hirshleifer 1989, k = 1).")
return rows
