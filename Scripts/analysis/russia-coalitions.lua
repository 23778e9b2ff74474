-- The article's question in numbers (Istomin 2024): does Russia's coalition-building
-- change the conventional balance with the US and its NATO allies?
--
--   wargame-repl Scripts/analysis/russia-coalitions.lua
--
-- Capabilities: COW NMC v6.0, 2016 (bundled). CINC is computed by the engine.
-- Reliabilities are the probability that an ally honours a commitment when invoked.
-- Anchor: Leeds, Long & Mitchell (2000) find about 0.75 of alliance commitments honoured
-- historically (less for post-1945 defence pacts). The figures below are illustrative
-- choices around that anchor, not estimates: change them and see.
local here = (arg and arg[0] or "Scripts/analysis/russia-coalitions.lua"):match("^(.*)/analysis/") or "Scripts"
local lists = dofile(here .. "/lib/alliances.lua")

local NATO_RELIABILITY = 0.75   -- illustrative: the Leeds-Long-Mitchell historical anchor
local BELARUS_RELIABILITY = 0.9 -- illustrative: Union State, the one ally that counts (Istomin)
local CSTO_RELIABILITY = 0.3    -- illustrative: Art. 4 not honoured for Armenia in 2020-22
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
      s:alliance{ name = "Union State", members = { "RUS", "BLR" }, reliability = BELARUS_RELIABILITY }
    end },
  { "with all CSTO members", function(s)
      s:alliance{ name = "Union State", members = { "RUS", "BLR" }, reliability = BELARUS_RELIABILITY }
      s:alliance{ name = "CSTO Art. 4", members = lists.csto, reliability = CSTO_RELIABILITY }
    end },
  { "with a China pact (US attack only)", function(s)
      s:alliance{ name = "Union State", members = { "RUS", "BLR" }, reliability = BELARUS_RELIABILITY }
      s:alliance{ name = "CSTO Art. 4", members = lists.csto, reliability = CSTO_RELIABILITY }
      s:alliance{ name = "RUS-CHN pact", members = { "RUS", "CHN" }, reliability = CHINA_RELIABILITY,
                  format = "bilateral", against = { "USA" } }
    end },
}

print("Russia's coalition against the US and its NATO allies (CINC, COW NMC v6.0, 2016)")
print(string.format("%-36s %10s %10s %8s %8s", "variant", "P(Russia)", "P(West)", "ratio", "p_win"))
local rows = {}
for _, v in ipairs(variants) do
  local s = variant(v[1], v[2])
  local b = s:balance("RUS", "USA")
  rows[#rows + 1] = { name = v[1], a = b.a, b = b.b, ratio = b.ratio, p = b.p_win }
  print(string.format("%-36s %10.4f %10.4f %8.3f %8.3f", v[1], b.a, b.b, b.ratio, b.p_win))
end
print("P = sum of weight x CINC; an ally's weight is the reliability of a commitment that")
print("covers this war. p_win = P_a/(P_a+P_b) (Hirshleifer 1989, k = 1).")
return rows
