-- A crisis between a stronger and a weaker state, with an optional defence pact of the
-- weaker side: the small world in which the model's mechanisms can be seen one at a
-- time (the direction tests of Tests/Model run it; so can a class).
--
--   wargame-repl Scripts/scenarios/two-state-crisis.lua strong=TUR weak=GRC ally=ITA reliability=0.5
--   wg.montecarlo{ script = "Scripts/scenarios/two-state-crisis.lua", args = { weak_nuclear = true } }
--
-- Options (key=value on the command line, a table from Monte Carlo):
--   strong, weak      state codes (default TUR and GRC: neither holds nuclear weapons)
--   strong_nuclear, weak_nuclear   true/false: override the FAS data (a side declared
--                     nuclear without warheads in the data counts warhead_scale warheads)
--   ally              a third state bound to the weaker by a defence pact (none by default)
--   reliability       the pact's reliability (default 0.5), against = state it covers
--   format            "bilateral" (default) or "multilateral"
--   patron, patron_against   a defence pact of the stronger side (e.g. patron=CHN
--                     patron_against=USA: a pact that covers only a US attack)
--   attack            true: the stronger side attacks at once (a forced armed attack);
--                     afterwards the built-in doctrine decides for it
--   rung, turns       start rung (default 1) and turn limit (default 20)
-- Capabilities are the bundled COW NMC v6.0 (2016); nothing else here is data.

local opts = wg.options(...)  -- a table, or key=value strings from the command line
local function flag(v) if v == nil then return nil end return v == true or v == "true" end

local strong, weak = opts.strong or "TUR", opts.weak or "GRC"
local s = wg.scenario{ name = strong .. "–" .. weak .. " crisis", seed = opts.seed,
                       rung = opts.rung or 1, turns = opts.turns or 20 }
s:side("Strong", { strong }, { nuclear = flag(opts.strong_nuclear) })
s:side("Weak", { weak }, { nuclear = flag(opts.weak_nuclear) })
if opts.ally then
  s:alliance{ name = "defence pact", members = { weak, opts.ally }, obligation = "defense",
              format = opts.format or "bilateral", against = opts.against and { opts.against } or nil,
              reliability = opts.reliability or 0.5 }  -- illustrative
end
if opts.patron then
  s:alliance{ name = "patron pact", members = { strong, opts.patron }, obligation = "defense",
              format = "bilateral", against = opts.patron_against and { opts.patron_against } or nil,
              reliability = opts.patron_reliability or 0.5 }  -- illustrative
end
if opts.attack then
  s:policy("Strong", function(view)
    if view.turn == 1 then return { rung = 5 } end
    return nil  -- the built-in doctrine decides
  end)
end
return s
