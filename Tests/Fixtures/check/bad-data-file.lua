-- expect: 7: Tests/Fixtures/sanctions/text-in-number.csv:3: value 'lots' is not a number
-- A data file with a mistake: the check reads it as a run would (paths from the directory
-- the check runs in), and names the file's line after the script's.
local s = wg.scenario{ name = "data", seed = 1 }
s:side("West", { "USA" })
s:side("East", { "RUS" })
s:trade("Tests/Fixtures/sanctions/text-in-number.csv")
return s
