-- expect: 3: doctrine.rationality must be a number in [0, 1000], got -1
-- A model parameter out of its range: the scenario is not built, so the check stops there.
local s = wg.scenario{ name = "doctrine", seed = 1, doctrine = { rationality = -1 } }
s:side("West", { "USA" })
s:side("East", { "RUS" })
return s
