-- Membership lists used by several scripts (COW state codes, as of 2016, the year of the
-- bundled NMC data). Membership is public record; reliabilities are not data: each script
-- sets its own and marks it.
local M = {}

-- NATO in 2016: the 28 members before Montenegro (2017) and North Macedonia (2020).
M.nato = { "USA", "CAN", "UKG", "FRN", "GMY", "ITA", "SPN", "POR", "NTH", "BEL", "LUX",
           "DEN", "NOR", "ICE", "GRC", "TUR", "POL", "CZR", "HUN", "SLO", "SLV", "EST",
           "LAT", "LIT", "ROM", "BUL", "CRO", "ALB" }

-- CSTO members (Tashkent Treaty 1992, Article 4: aggression against one is aggression
-- against all).
M.csto = { "RUS", "BLR", "ARM", "KZK", "KYR", "TAJ" }

return M
