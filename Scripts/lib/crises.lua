-- Scenario builders shared by the article's questions (Scripts/questions/). Each takes the
-- variant options (a table) and the membership lists of Scripts/lib/alliances.lua, and
-- returns a new scenario. Capabilities: bundled COW NMC v6.0, 2016; warheads: bundled FAS
-- 2024 estimates. Reliabilities are judgements, marked illustrative with their reasoning.
local C = {}

-- Reliability anchors: Leeds, Long & Mitchell (2000), 74.5% of commitments honoured in
-- 1816-1944; Berkemeier & Fuhrmann (2018), about 22% after 1945.
C.NATO = 0.75     -- illustrative: the historical anchor, for the best-institutionalised pact
C.BELARUS = 0.9   -- illustrative: the Union State, "the one ally that counts" (Istomin 2024)
C.CSTO = 0.3      -- illustrative: Art. 4 was not honoured for Armenia in 2021-22
C.CHINA = 0.5     -- illustrative: a hypothetical pact, no track record

-- Russia's allies by name: "none", "belarus", "csto" (Belarus bilateral + CSTO Art. 4),
-- "china" (all of those and a China pact; `china_against` = "USA" or "any").
function C.russia_allies(s, lists, allies, china_against)
  if allies == "none" then return end
  s:alliance{ name = "Union State", members = { "RUS", "BLR" }, format = "bilateral",
              reliability = C.BELARUS }
  if allies == "belarus" then return end
  s:alliance{ name = "CSTO Art. 4", members = lists.csto, reliability = C.CSTO }
  if allies == "csto" then return end
  assert(allies == "china", "allies must be none, belarus, csto or china")
  s:alliance{ name = "RUS-CHN pact", members = { "RUS", "CHN" }, format = "bilateral",
              reliability = C.CHINA,
              against = (china_against or "USA") ~= "any" and { "USA" } or nil }
end

-- The Baltic crisis of Scripts/scenarios/default.lua, reduced to the balance of force:
-- NATO forces strike first on `attack_turn` (default 1), so that Russia is the attacked
-- side whose defence pacts are invoked (the contingency a pact restricted to a US attack
-- covers). Russia follows the built-in doctrine; no sanctions, so the war alone decides.
function C.baltic_war(opts, lists)
  local s = wg.scenario{ name = "Baltic war (" .. (opts.allies or "none") .. ")", seed = opts.seed or 1,
                         rung = 1, turns = opts.turns or 20 }
  -- striker="USA" (default): the US leads with the UK and Poland; "POL": Poland leads with
  -- the Baltic states and no US forces (a contingency a pact restricted to the US omits).
  local striker = opts.striker or "USA"
  s:side("NATO", striker == "POL" and { "POL", "EST", "LAT", "LIT" } or { "USA", "UKG", "POL" })
  s:side("Russia", { "RUS" })
  s:alliance{ name = "NATO Art. 5", members = lists.nato, reliability = C.NATO }
  C.russia_allies(s, lists, opts.allies or "none", opts.china_against)
  local attack = opts.attack_turn or 1
  s:policy("NATO", function(view)
    if view.turn >= attack and view.rung < 5 then return { rung = 5 } end  -- limited conventional war
    return "hold"
  end)
  return s
end

-- Karabakh 2020 (Istomin 2024): Armenia appealed to Russia under their bilateral treaty,
-- not to the CSTO under Article 4. Membership is public record: the 1997 Russia-Armenia
-- Treaty of Friendship, Cooperation and Mutual Assistance (Art. 2, mutual assistance);
-- CSTO members in 2016. Options: bilateral (default true), csto (default true),
-- reliability (of the bilateral treaty, default 0.3), turns (default 8).
function C.karabakh(opts, lists)
  local s = wg.scenario{ name = "Karabakh 2020", seed = opts.seed or 2020, rung = 4, turns = opts.turns or 8 }
  s:side("Azerbaijan", { "AZE" })
  s:side("Armenia", { "ARM" })
  if opts.csto ~= false then
    s:alliance{ name = "CSTO Art. 4", members = lists.csto, format = "multilateral",
                reliability = 0.3 }  -- illustrative: Art. 4 was not honoured for Armenia in 2021-22
  end
  if opts.bilateral ~= false then
    s:alliance{ name = "Russia-Armenia treaty", members = { "ARM", "RUS" }, format = "bilateral",
                reliability = opts.reliability or 0.3 }  -- illustrative: Russia did not intervene in 2020
  end
  -- Azerbaijan attacks on the first turn (27 September 2020); then the doctrine decides.
  s:policy("Azerbaijan", function(view)
    if view.turn == 1 then return { rung = 5 } end
    return nil
  end)
  return s
end

-- Western sanctions on Russia with a countersanction alignment of third countries, both
-- sides holding at the sanctions rung (Scripts/analysis/sanctions-visibility.lua).
-- Options: visibility (default 0.3), secondary (default true), pragmatic (default true:
-- members leave when secondary sanctions cost more than their commission), turns (12).
C.COVERAGE = 0.6     -- illustrative: share of bilateral trade the package blocks
C.COMMISSION = 0.15  -- illustrative: the middlemen's margin on rerouted trade

-- The world of the sanctions questions without the measures: sides, policies, trade, GDP.
-- Loading the trade is most of the cost of building, so the questions build this once and
-- fork it for each variant's measures.
function C.sanctions_world(opts, trade)
  local s = wg.scenario{ name = "sanctions on Russia", seed = opts.seed or 2024, rung = 2,
                         turns = opts.turns or 12 }
  s:side("West", trade.sanctioners)
  s:side("Russia", { "RUS" })
  for _, side in ipairs{ "USA", "RUS" } do s:policy(side, function() return "hold" end) end
  trade.load(s)
  return s
end

-- The Western package and the alignment, on a world from sanctions_world (at turn 0).
function C.sanctions_measures(s, opts, trade)
  s:sanction{ name = "Western package", by = trade.sanctioners, target = "RUS",
              coverage = C.COVERAGE, secondary = opts.secondary ~= false }
  s:alignment{ name = "roundabout", members = trade.third_countries, beneficiary = "RUS",
               visibility = opts.visibility or 0.3, commission = C.COMMISSION,
               pragmatic = opts.pragmatic ~= false }
  return s
end

-- The variant called `key` in a question's list of variants (each has a `key`); any other
-- key is an error listing them: "variant must be a, b or c, got x".
function C.variant(variants, key)
  local keys = {}
  for i, v in ipairs(variants) do
    if v.key == key then return v end
    keys[i] = v.key
  end
  local list = #keys > 1 and table.concat(keys, ", ", 1, #keys - 1) .. " or " .. keys[#keys] or keys[1]
  error("variant must be " .. tostring(list) .. ", got " .. tostring(key), 0)
end

function C.sanctions(opts, trade)
  return C.sanctions_measures(C.sanctions_world(opts, trade), opts, trade)
end

return C
