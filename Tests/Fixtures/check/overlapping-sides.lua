-- expect: 5: RUS is already on side 'East'
-- A state on two sides.
local s = wg.scenario{ name = "overlap", seed = 1 }
s:side("East", { "RUS", "BLR" })
s:side("West", { "USA", "RUS" })
return s
