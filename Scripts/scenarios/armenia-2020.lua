-- The Armenia case (Istomin 2024): in the 2020 Karabakh war Armenia appealed to Russia
-- under their bilateral treaty, not to the CSTO under Article 4 of the Tashkent Treaty.
-- The model's rule (docs/force-balance.md): a side with a covering bilateral commitment
-- calls its bilateral partners and invokes none of its multilateral treaties; each ally
-- answers once. Run it and read the log:
--
--   wargame-repl Scripts/scenarios/armenia-2020.lua             -- the bilateral treaty is invoked
--   wargame-repl Scripts/scenarios/armenia-2020.lua bilateral=false  -- no treaty: the CSTO is
--
-- The scenario is built by Scripts/lib/crises.lua (karabakh), which also serves the
-- question script Scripts/questions/karabakh-2020.lua (both treaties, either, neither,
-- with Monte Carlo shares). Membership is public record: the 1997 Russia-Armenia Treaty of
-- Friendship, Cooperation and Mutual Assistance (Art. 2, mutual assistance); CSTO members
-- in 2016. Capabilities: bundled COW NMC v6.0 (2016). Reliabilities are illustrative.
local function lib(name)
  if dofile then  -- beside this file: ../lib/NAME.lua
    local dir = debug.getinfo(1, "S").source:match("^@(.-)/?[^/]+/[^/]+$")
    return dofile((dir == nil and ".." or dir == "" and "." or dir) .. "/lib/" .. name .. ".lua")
  end
  return require("lib/" .. name)  -- --sandbox: wargame-repl serves the script's lib/ folder
end
return lib("crises").karabakh(wg.options(...), lib("alliances"))
