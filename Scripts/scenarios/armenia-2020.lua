-- The Armenia case (Istomin 2024): in the 2020 Karabakh war Armenia appealed to Russia
-- under their bilateral treaty, not to the CSTO under Article 4 of the Tashkent Treaty.
-- The model's rule (docs/force-balance.md): a side with a covering bilateral commitment
-- calls its bilateral partners and invokes none of its multilateral treaties; each ally
-- answers once. Run it and read the log:
--
--   wargame-repl Scripts/scenarios/armenia-2020.lua             -- the bilateral treaty is invoked
--   wargame-repl Scripts/scenarios/armenia-2020.lua bilateral=false  -- no treaty: the CSTO is
--
-- Membership is public record: the 1997 Russia-Armenia Treaty of Friendship, Cooperation
-- and Mutual Assistance (Art. 2, mutual assistance); CSTO members in 2016. Capabilities:
-- bundled COW NMC v6.0 (2016). Reliabilities are illustrative.
local opts = wg.options(...)  -- a table, or key=value strings from the command line

local s = wg.scenario{ name = "Karabakh 2020", seed = opts.seed or 2020, rung = 4, turns = opts.turns or 8 }
s:side("Azerbaijan", { "AZE" })
s:side("Armenia", { "ARM" })
s:alliance{ name = "CSTO Art. 4", members = { "RUS", "ARM", "BLR", "KZK", "KYR", "TAJ" },
            format = "multilateral", reliability = 0.3 }  -- illustrative
if opts.bilateral ~= false then
  s:alliance{ name = "Russia-Armenia treaty", members = { "ARM", "RUS" }, format = "bilateral",
              reliability = opts.reliability or 0.3 }  -- illustrative
end
-- Azerbaijan attacks on the first turn (27 September 2020); then the doctrine decides.
s:policy("Azerbaijan", function(view)
  if view.turn == 1 then return { rung = 5 } end
  return nil
end)
return s
