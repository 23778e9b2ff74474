-- expect: 6: bad argument #1 to 'alliance' (reliability must be in [0, 1])
-- expect: 8: bad argument #1 to 'sanction' (coverage must be in [0, 1])
local s = wg.scenario{ name = "ranges", seed = 1 }
s:side("West", { "USA", "UKG" })
s:side("East", { "RUS" })
s:alliance{ name = "pact", members = { "USA", "UKG" }, reliability = 1.5 }
s:economy{ RUS = { gdp = 1780 } }
s:sanction{ name = "package", by = { "USA" }, target = "RUS", coverage = 60 }
return s
