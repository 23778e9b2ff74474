-- expect: 8: sanction 'package': sanctioner JPN is on no side
-- expect: 9: alignment 'roundabout': beneficiary IRN is on no side
-- Sanctions and alignments must name states that are on a side.
local s = wg.scenario{ name = "no side", seed = 1 }
s:side("West", { "USA" })
s:side("East", { "RUS" })
s:economy{ RUS = { gdp = 1780 }, IRN = { gdp = 400 } }
s:sanction{ name = "package", by = { "USA", "JPN" }, target = "RUS", coverage = 0.5 }
s:alignment{ name = "roundabout", members = { "TUR" }, beneficiary = "IRN", visibility = 0.3, commission = 0.1 }
return s
