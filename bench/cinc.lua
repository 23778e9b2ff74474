-- CINC computed in plain Lua with COW's rule, as the engine computes it
-- (Sources/WargameKit/Engine/Capabilities/Capabilities.swift): for each state, the mean
-- over the components it reports of its share of the system total; a missing component
-- (nil) is left out of that component's total and out of that state's mean. `make bench`
-- times it against the engine over the bundled COW NMC data.

local components = { "milex", "milper", "irst", "pec", "tpop", "upop" }

-- states: an array of tables with the six components (numbers or nil).
-- Returns an array of CINC values (nil for a state with no components).
local function cinc(states)
  local totals = {}
  for c = 1, #components do
    local key, sum = components[c], 0
    for i = 1, #states do
      local x = states[i][key]
      if x then sum = sum + x end
    end
    totals[c] = sum
  end
  local result = {}
  for i = 1, #states do
    local s, sum, count = states[i], 0, 0
    for c = 1, #components do
      local x = s[components[c]]
      if x then
        sum = sum + (totals[c] > 0 and x / totals[c] or 0)
        count = count + 1
      end
    end
    result[i] = count > 0 and sum / count or nil
  end
  return result
end

return cinc
