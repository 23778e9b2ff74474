-- expect: 7: unknown state code 'BLS' (did you mean 'BLR'?)
-- An alliance member that is no state of the data (BLR is Belarus).
local s = wg.scenario{ name = "unknown member", seed = 1 }
s:side("West", { "USA" })
s:side("East", { "RUS" })
s:alliance{ name = "Union State", members = { "RUS", "BLR" }, reliability = 0.9 }
s:alliance{ name = "CSTO", members = { "RUS", "BLS", "ARM" }, reliability = 0.3 }
return s
