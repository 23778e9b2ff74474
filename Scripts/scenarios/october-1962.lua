-- October 1962: the Cuban missile crisis. The United States against the Soviet Union and
-- Cuba, with NATO and the Warsaw Pact behind them.
--
--   wargame-repl Scripts/scenarios/october-1962.lua         (prints where it stands)
--   wargame-repl -i Scripts/scenarios/october-1962.lua      (then :step, :balance USA RUS)
--   wg.montecarlo{ script = "Scripts/scenarios/october-1962.lua", runs = 1000 }
--
-- Data: capabilities are the bundled COW NMC v6.0 for 1962 (wg.scenario{ year = 1962 }).
-- Arsenals: the bundled data records who held nuclear weapons in 1962 (nuclear-states.csv:
-- the US since 1945, the Soviet Union since 1949, Britain since 1952, France since 1960),
-- not how many warheads. The model therefore counts each nuclear-armed side as holding
-- the doctrine's `warhead_scale` (docs/data.md); no warhead count is given here because
-- none is bundled. COW codes: RUS the Soviet Union, GFR West Germany, GDR East Germany,
-- CZE Czechoslovakia, ROM Romania.
--
-- Commitments (treaty texts are public record):
--  * North Atlantic Treaty, 4 April 1949, Art. 5: members in 1962 (Greece and Turkey 1952,
--    West Germany 1955). Art. 6 limits it to attacks in Europe, North America and the
--    North Atlantic: Cuba is outside it, so it covers an attack on the US itself.
--  * Warsaw Pact, 14 May 1955, Art. 4: armed attack in Europe on a member. Albania had
--    stopped taking part in 1961 (it left formally in 1968) and is left out.
--  * The Soviet-Cuban agreement on military cooperation (drafted August 1962, never
--    signed) under which the missiles were deployed: it is why Cuba is on the Soviet side
--    rather than an alliance (a bilateral pact between side members would also keep the
--    side from invoking the Warsaw Pact in the model, as Armenia in 2020).
--
-- Reliabilities are judgements, not data, each marked illustrative with its reasoning;
-- anchor: Berkemeier & Fuhrmann (2018), about 22% of commitments honoured after 1945.
local opts = wg.options(...)  -- a table, or key=value strings from the command line

local s = wg.scenario{ name = "October 1962", year = 1962, seed = opts.seed or 1962, rung = 1,
                       turns = opts.turns or 13 }  -- thirteen days, a turn a day
s:side("United States", { "USA" })
s:side("Soviet Union", { "RUS", "CUB" })

s:alliance{ name = "NATO Art. 5 (1949)", obligation = "defense", format = "multilateral",
            members = { "USA", "CAN", "UKG", "FRN", "GFR", "ITA", "NTH", "BEL", "LUX", "DEN",
                        "NOR", "ICE", "POR", "GRC", "TUR" },
            reliability = opts.nato or 0.5 }  -- illustrative: above the post-1945 anchor; allies backed the quarantine, some with misgivings
s:alliance{ name = "Warsaw Pact Art. 4 (1955)", obligation = "defense", format = "multilateral",
            members = { "RUS", "POL", "CZE", "GDR", "HUN", "ROM", "BUL" },
            reliability = opts.warsaw or 0.5 }  -- illustrative: Soviet forces were stationed in most members; Romania already kept its distance

-- The quarantine (proclaimed 22 October, in force 24 October): the US takes the crisis to
-- the sanctions rung on the first turn, then follows the built-in doctrine, as does the
-- Soviet Union (docs/escalation.md).
s:policy("United States", function(view)
  if view.turn == 1 and view.rung < 2 then return { rung = 2 } end
  return nil
end)
return s
