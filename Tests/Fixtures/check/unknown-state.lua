-- expect: 5: unknown state code 'rus' (did you mean 'RUS'?)
-- A state code in lower case.
local s = wg.scenario{ name = "unknown state", seed = 1 }
s:side("West", { "USA" })
s:side("East", { "rus" })
return s
