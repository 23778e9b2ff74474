-- expect: 5: '}' expected (to close '{' at line 4) near 's'
-- A table left open.
local s = wg.scenario{ name = "syntax", seed = 1 }
s:side("West", { "USA"
s:side("East", { "RUS" })
return s
