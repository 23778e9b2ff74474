-- expect: 5: attempt to call a nil value (global 'make_sides')
-- An error of the script itself stops the check at its line.
local s = wg.scenario{ name = "runtime", seed = 1 }
s:side("West", { "USA" })
make_sides(s)
return s
