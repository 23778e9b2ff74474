-- expect: 6: bad argument #2 to 'policy' (function expected, got string)
-- A policy must be a function of the side's view.
local s = wg.scenario{ name = "policy", seed = 1 }
s:side("West", { "USA" })
s:side("East", { "RUS" })
s:policy("East", "hold")
return s
