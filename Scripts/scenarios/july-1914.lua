-- July 1914: the Triple Alliance against the Dual Alliance of France and Russia, with
-- Italy's and Romania's conditional obligations. A classroom classic, and a check that the
-- engine is not tuned to one crisis.
--
--   wargame-repl Scripts/scenarios/july-1914.lua            (prints where it stands)
--   wargame-repl -i Scripts/scenarios/july-1914.lua         (then :step, :balance GMY RUS)
--   wg.montecarlo{ script = "Scripts/scenarios/july-1914.lua", runs = 1000 }
--
-- Data: capabilities are the bundled COW NMC v6.0 for 1914 (wg.scenario{ year = 1914 });
-- no state held nuclear weapons (bundled nuclear-states.csv). COW codes: AUH
-- Austria-Hungary, GMY Germany, ITA Italy, ROM Romania, RUS Russia, FRN France, UKG the
-- United Kingdom, BEL Belgium, YUG Serbia (code 345).
--
-- Commitments, with the treaties they come from (texts: Pribram, The Secret Treaties of
-- Austria-Hungary 1879-1914, 1920; for the Franco-Russian convention, Documents
-- diplomatiques francais; summaries in the ATOP data, Leeds et al. 2002):
--  * Dual Alliance, Germany and Austria-Hungary, 7 October 1879: mutual defence, against
--    Russia above all, renewed with the Triple Alliance.
--  * Triple Alliance, 20 May 1882 (renewed 1912): defensive. Italy is bound only if its
--    allies are attacked (Arts. 2-3), so it counts when they are attacked, not when they
--    attack: Italy declared its neutrality on 2 August 1914 on exactly that ground. The
--    Mancini declaration (22 May 1882) excluded a war against Britain: `against`.
--  * Austro-Romanian treaty, 30 October 1883 (Germany acceded the same day; secret,
--    renewed to 1920): defence if either is attacked without provocation on its borders,
--    aimed at Russia: `against = { "RUS" }`. Romania stayed neutral in 1914.
--  * Franco-Russian military convention, 17 August 1892 (ratified 1894): each helps if
--    the other is attacked by Germany, or by Italy or Austria-Hungary supported by Germany.
--  * Treaty of London, 19 April 1839: Britain guarantees Belgium's neutrality (invoked when
--    Germany invaded Belgium, 4 August 1914).
--  * The Entente Cordiale (1904) and the Anglo-Russian Convention (1907) settled colonial
--    disputes and bound Britain to nothing military: consultation, which adds no power.
--
-- Reliabilities are judgements, not data, each marked illustrative with its reasoning;
-- anchor: Leeds, Long & Mitchell (2000), 74.5% of commitments honoured in 1816-1944.
local opts = wg.options(...)  -- a table, or key=value strings from the command line

local s = wg.scenario{ name = "July 1914", year = 1914, seed = opts.seed or 1914, rung = 1,
                       turns = opts.turns or 20 }
-- The powers that went to war in the first week of August. The Dual Alliance (1879) and
-- the Franco-Russian convention (1892) are why each pair is one side: they fight together
-- from the start, so they are sides, not alliances (in the model, a bilateral pact between
-- side members would also keep the side from invoking its multilateral treaties, as
-- Armenia in 2020). Belgium is with the Entente: Germany's war plan went through it.
s:side("Central Powers", { "GMY", "AUH" })
s:side("Entente", { "RUS", "FRN", "BEL", "YUG" })

s:alliance{ name = "Triple Alliance (1882)", members = { "GMY", "AUH", "ITA" }, format = "multilateral",
            obligation = "defense", against = { "FRN", "RUS" },
            reliability = opts.italy or 0.5 }  -- illustrative: Italy was courted by both camps (Racconigi 1909, Prinetti-Barrere 1902)
s:alliance{ name = "Austro-Romanian treaty (1883)", members = { "AUH", "ROM", "GMY" }, format = "multilateral",
            obligation = "defense", against = { "RUS" },
            reliability = opts.romania or 0.3 }  -- illustrative: secret, unknown to Romania's parliament, a pro-Entente public
s:alliance{ name = "Treaty of London (1839)", members = { "BEL", "UKG" }, format = "bilateral",
            obligation = "defense", reliability = opts.britain or 0.75 }  -- illustrative: the LLM anchor; Cabinet was split until 4 August
s:alliance{ name = "Entente Cordiale (1904) and Anglo-Russian Convention (1907)",
            members = { "UKG", "FRN", "RUS" }, obligation = "consultation", reliability = 1 }  -- no military obligation: adds no power

-- Austria-Hungary's ultimatum (23 July) and declaration of war on Serbia (28 July), then
-- Germany's declarations (1 and 3 August): the Central Powers mobilise, then attack. The
-- Entente follows the built-in doctrine (docs/escalation.md).
s:policy("Central Powers", function(view)
  if view.turn == 1 then return { rung = 4 } end  -- mobilisation
  if view.turn == 2 then return { rung = 6 } end  -- major conventional war
  return nil
end)
return s
