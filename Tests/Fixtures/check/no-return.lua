-- expect: 6: returns nothing, not a scenario (a scenario script ends with: return s)
-- The scenario is built but not returned.
local s = wg.scenario{ name = "forgotten", seed = 1 }
s:side("West", { "USA" })
s:side("East", { "RUS" })
s:alliance{ name = "pact", members = { "RUS", "BLR" }, reliability = 0.9 }
