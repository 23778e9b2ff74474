-- The default scenario: a crisis between Russia and NATO over the Baltic states, with
-- Western sanctions and a countersanction alignment of third countries.
--
--   wargame-repl                                  (loads this into `s` on a terminal)
--   wargame-repl Scripts/scenarios/default.lua china=true turns=20
--   wg.montecarlo{ script = "Scripts/scenarios/default.lua", args = { china = true } }
--
-- Self-contained (no dofile), so it also runs under --sandbox. Capabilities are the bundled
-- COW NMC v6.0 (2016); warheads the bundled FAS 2024 estimates. Every other figure is
-- marked illustrative beside it.

-- Variant parameters: a table (Monte Carlo, dofile) or key=value strings (command line).
local opts = wg.options(...)

local s = wg.scenario{ name = opts.name or "Baltic crisis", seed = opts.seed, rung = 1,
                       turns = opts.turns or 40 }

-- Sides: those who fight from the start.
s:side("NATO", { "USA", "UKG", "FRN", "GMY", "POL", "EST", "LAT", "LIT" })
s:side("Russia", { "RUS" })

-- Commitments. Reliability = probability an ally honours when invoked; anchor: Leeds,
-- Long & Mitchell (2000), about 0.75 historically. The values are illustrative choices.
s:alliance{ name = "NATO Art. 5", reliability = 0.75, -- illustrative
            members = { "USA", "CAN", "UKG", "FRN", "GMY", "ITA", "SPN", "POR", "NTH", "BEL",
                        "LUX", "DEN", "NOR", "ICE", "GRC", "TUR", "POL", "CZR", "HUN", "SLO",
                        "SLV", "EST", "LAT", "LIT", "ROM", "BUL", "CRO", "ALB" } }
s:alliance{ name = "Union State", members = { "RUS", "BLR" }, format = "bilateral",
            reliability = opts.belarus or 0.9 } -- illustrative
s:alliance{ name = "CSTO Art. 4", members = { "RUS", "BLR", "ARM", "KZK", "KYR", "TAJ" },
            reliability = opts.csto or 0.3 } -- illustrative: not honoured for Armenia, 2021-22
if opts.china then
  -- A hypothetical Russia-China defensive pact, restricted to a US attack (Istomin 2024).
  s:alliance{ name = "RUS-CHN pact", members = { "RUS", "CHN" }, format = "bilateral",
              against = { "USA" }, reliability = tonumber(opts.china) or 0.5 } -- illustrative
end

-- Economy and trade, USD bn a year. illustrative: orders of magnitude of 2021 goods trade
-- (Eurostat, US Census, UN Comtrade mirror data) and GDP (IMF WEO), rounded.
local flows = {
  { "GMY", "RUS", 30 }, { "RUS", "GMY", 35 }, { "FRN", "RUS", 8 }, { "RUS", "FRN", 7 },
  { "POL", "RUS", 9 }, { "RUS", "POL", 15 }, { "UKG", "RUS", 5 }, { "RUS", "UKG", 15 },
  { "USA", "RUS", 6 }, { "RUS", "USA", 20 }, { "CHN", "RUS", 68 }, { "RUS", "CHN", 79 },
  { "TUR", "RUS", 6 }, { "RUS", "TUR", 27 }, { "KZK", "RUS", 6 }, { "RUS", "KZK", 15 },
  { "ARM", "RUS", 1 }, { "RUS", "ARM", 2 }, { "KYR", "RUS", 0.5 }, { "RUS", "KYR", 2 },
  { "TUR", "GMY", 20 }, { "GMY", "TUR", 20 }, { "TUR", "USA", 10 }, { "USA", "TUR", 7 },
  { "KZK", "GMY", 2 }, { "GMY", "KZK", 3 }, { "ARM", "GMY", 0.3 }, { "GMY", "ARM", 0.3 },
}  -- all illustrative
for _, f in ipairs(flows) do s:trade{ from = f[1], to = f[2], value = f[3] } end
s:economy{ RUS = { gdp = 1780 }, USA = { gdp = 23300 }, GMY = { gdp = 4260 },   -- illustrative
           FRN = { gdp = 2960 }, UKG = { gdp = 3130 }, POL = { gdp = 680 } }    -- illustrative

-- Variants: coverage=, secondary=false (no secondary sanctions on detected members),
-- visibility= (of the alignment). With these defaults the median share of blocked trade
-- that leaks by the end of a run is in the EBRD range, 5-10% (docs/sanctions.md).
s:sanction{ name = "Western package", target = "RUS", coverage = opts.coverage or 0.6, -- illustrative
            by = { "USA", "UKG", "FRN", "GMY", "POL" }, secondary = opts.secondary ~= false }
s:alignment{ name = "Eurasian roundabout", beneficiary = "RUS",
             members = { "TUR", "KZK", "ARM", "KYR" },
             visibility = opts.visibility or 0.3, commission = 0.15 } -- illustrative

-- NATO's policy: sanctions at once, then it matches Russia and never strikes first.
-- Russia follows the built-in doctrine (docs/escalation.md).
s:policy("NATO", function(view)
  if view.rung < 2 then return { rung = 2 } end
  return "hold"
end)

return s
