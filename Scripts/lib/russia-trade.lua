-- Trade and GDP inputs for sanctions scenarios on Russia, USD bn a year.
--
-- illustrative: orders of magnitude of 2021 goods trade (Eurostat, US Census, UN Comtrade
-- mirror data) and 2021 GDP (IMF WEO), rounded to a few significant figures from memory
-- of those sources. Not bundled data: do not cite these as figures; replace them with
-- the sources' own numbers for analysis.
local M = {}

-- { exporter, importer, value }
M.flows = {
  { "GMY", "RUS", 30 }, { "RUS", "GMY", 35 },   -- illustrative
  { "FRN", "RUS", 8 },  { "RUS", "FRN", 7 },    -- illustrative
  { "ITA", "RUS", 10 }, { "RUS", "ITA", 15 },   -- illustrative
  { "NTH", "RUS", 6 },  { "RUS", "NTH", 40 },   -- illustrative
  { "POL", "RUS", 9 },  { "RUS", "POL", 15 },   -- illustrative
  { "UKG", "RUS", 5 },  { "RUS", "UKG", 15 },   -- illustrative
  { "USA", "RUS", 6 },  { "RUS", "USA", 20 },   -- illustrative
  { "JPN", "RUS", 9 },  { "RUS", "JPN", 11 },   -- illustrative
  { "CHN", "RUS", 68 }, { "RUS", "CHN", 79 },   -- illustrative
  { "TUR", "RUS", 6 },  { "RUS", "TUR", 27 },   -- illustrative
  { "KZK", "RUS", 6 },  { "RUS", "KZK", 15 },   -- illustrative
  { "ARM", "RUS", 1 },  { "RUS", "ARM", 2 },    -- illustrative
  { "KYR", "RUS", 0.5 },{ "RUS", "KYR", 2 },    -- illustrative
  { "UAE", "RUS", 1 },  { "RUS", "UAE", 4 },    -- illustrative
  -- The third countries' own trade with the sanctioners: what secondary sanctions put at risk.
  { "TUR", "GMY", 20 }, { "GMY", "TUR", 20 },   -- illustrative
  { "TUR", "ITA", 10 }, { "ITA", "TUR", 10 },   -- illustrative
  { "TUR", "USA", 10 }, { "USA", "TUR", 7 },    -- illustrative
  { "TUR", "UKG", 10 }, { "UKG", "TUR", 6 },    -- illustrative
  { "KZK", "ITA", 10 }, { "ITA", "KZK", 2 },    -- illustrative
  { "KZK", "NTH", 5 },  { "NTH", "KZK", 1 },    -- illustrative
  { "KZK", "GMY", 2 },  { "GMY", "KZK", 3 },    -- illustrative
  { "ARM", "GMY", 0.3 },{ "GMY", "ARM", 0.3 },  -- illustrative
  { "KYR", "GMY", 0.1 },{ "GMY", "KYR", 0.2 },  -- illustrative
  { "UAE", "USA", 3 },  { "USA", "UAE", 18 },   -- illustrative
  { "UAE", "UKG", 4 },  { "UKG", "UAE", 8 },    -- illustrative
  { "UAE", "JPN", 12 }, { "JPN", "UAE", 4 },    -- illustrative
}

M.gdp = { RUS = 1780, USA = 23300, GMY = 4260, FRN = 2960, ITA = 2110, NTH = 1010,   -- illustrative
          POL = 680, UKG = 3130, JPN = 4940, CHN = 17700, TUR = 820, KZK = 197,         -- illustrative
          ARM = 14, KYR = 9, UAE = 415 }                                                -- illustrative

M.sanctioners = { "USA", "UKG", "GMY", "FRN", "ITA", "NTH", "POL", "JPN" }
M.third_countries = { "TUR", "KZK", "ARM", "KYR", "UAE" }

--- Loads the flows and GDP into scenario `s`.
function M.load(s)
  for _, f in ipairs(M.flows) do s:trade{ from = f[1], to = f[2], value = f[3] } end
  local economy = {}
  for state, gdp in pairs(M.gdp) do economy[state] = { gdp = gdp } end
  s:economy(economy)
end

return M
