import Foundation
import Testing
@testable import WargameKit

/// The sanctions API from Lua: inputs, the damage table, CSV errors.
@Suite struct SanctionsLuaTests {
    static func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    /// One sanctioner, one target, no alignment: the first turn's GDP loss in closed form,
    /// μ · coverage · (X[s][t] + X[t][s]) · turn_years · a(0), a(τ) = exp(−τ · 0.25 / 2), τ the
    /// turns since the package began (0 in its first turn).
    @Test func damageMatchesTheClosedFormAndIsAlwaysPresent() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = wg.scenario{ seed = 1, rung = 2 }
            s:side("A", {"USA"}); s:side("B", {"RUS"})
            s:policy("USA", function() return "hold" end); s:policy("RUS", function() return "hold" end)
            local before = s:damage("RUS").gdp_loss_pct
            s:trade{ from = "USA", to = "RUS", value = 40 }
            s:trade{ from = "RUS", to = "USA", value = 60 }
            s:economy{ RUS = { gdp = 1000 } }
            s:sanction{ by = {"USA"}, target = "RUS", coverage = 0.5 }
            s:step()
            local d = s:damage("RUS")
            return before, d.gdp_loss, d.gdp_loss_pct, d.blocked, d.leaked, d.unreplaced, d.by_sanctioner.USA.cost,
                   s:damage("CAN").gdp_loss_pct, tostring(d):match("^GDP loss") ~= nil
            """)
        let blocked = 0.5 * 100 * 0.25
        let a0 = exp(-0 * 0.25 / 2)
        let loss = 0.3 * blocked * a0
        #expect(r[0] == .number(0) || r[0] == .integer(0))
        #expect(abs((r[1].asDouble ?? 0) - loss) < 1e-9)
        #expect(abs((r[2].asDouble ?? 0) - 100 * loss / 1000) < 1e-9)
        #expect(abs((r[3].asDouble ?? 0) - blocked) < 1e-9)
        #expect(r[4].asDouble == 0)
        #expect(abs((r[5].asDouble ?? 0) - blocked) < 1e-9)
        #expect(abs((r[6].asDouble ?? 0) - loss) < 1e-9)  // the sanctioner's collateral cost μ·B_s·a
        #expect(r[7].asDouble == 0)
        #expect(r[8] == .boolean(true))
    }

    @Test func alignmentMembersAppearInTheDamageTable() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = wg.scenario{ seed = 1, rung = 2 }
            s:side("A", {"USA"}); s:side("B", {"RUS"})
            s:trade{ from = "USA", to = "RUS", value = 40 }
            s:trade{ from = "TUR", to = "RUS", value = 10 }
            s:trade{ from = "TUR", to = "USA", value = 10 }
            s:economy{ RUS = { gdp = 1000 } }
            s:sanction{ by = {"USA"}, target = "RUS", coverage = 1 }
            s:alignment{ name = "r", members = {"TUR"}, beneficiary = "RUS", visibility = 0.2, commission = 0.1 }
            s:step()
            local d = s:damage("RUS")
            return d.leaked > 0, d.blocked, d.leaked + d.unreplaced, d.by_member.TUR ~= nil, d.commission > 0
            """)
        #expect(r[0] == .boolean(true))
        #expect(abs((r[1].asDouble ?? 0) - (r[2].asDouble ?? 1)) < 1e-9)  // blocked = leaked + unreplaced
        #expect(r[3] == .boolean(true))
        #expect(r[4] == .boolean(true))
    }

    @Test func inputErrorsAreLuaErrors() throws {
        let lua = try Self.lua()
        let dir = Programs.root.appendingPathComponent("Tests/Fixtures/sanctions").path
        let r = try lua.run("""
            local s = wg.scenario{ seed = 1 }
            local function e(f) return select(2, pcall(f)) end
            return e(function() s:trade{ from = "USA", to = "XXX", value = 1 } end),
                   e(function() s:trade{ from = "USA", to = "RUS", value = -1 } end),
                   e(function() s:sanction{ by = {"USA"}, target = "RUS", coverage = 2 } end),
                   e(function() s:trade("\(dir)/text-in-number.csv") end),
                   e(function() s:economy{ RUS = { gdp = 0/0 } } end)
            """, name: "=t")
        #expect(r[0].asString?.contains("unknown state code 'XXX'") == true)
        #expect(r[1].asString?.contains("bad argument #1 to 'trade'") == true)
        #expect(r[2].asString?.contains("coverage must be in [0, 1]") == true)
        #expect(r[3].asString?.contains("text-in-number.csv:") == true, "\(r[3])")
        #expect(r[4].asString?.contains("gdp must be a positive number") == true)
    }

    @Test func packagesAndAlignmentsFromCSV() throws {
        let lua = try Self.lua()
        let dir = Programs.root.appendingPathComponent("Tests/Fixtures/sanctions").path
        let r = try lua.run("""
            local s = wg.scenario{ seed = 1 }
            s:economy{ RUS = { gdp = 1780 } }
            local n1 = s:sanction("\(dir)/packages-good.csv")
            local n2 = s:alignment("\(dir)/alignments-good.csv")
            local function e(f) return select(2, pcall(f)) end
            return n1, n2,
                   e(function() s:sanction("\(dir)/packages-coverage-out-of-range.csv") end),
                   e(function() s:alignment("\(dir)/alignments-missing-column.csv") end),
                   e(function() s:sanction("\(dir)/binary.csv") end)
            """, name: "=t")
        #expect(r[0] == .integer(2))
        #expect(r[1] == .integer(2))
        #expect(r[2].asString?.hasSuffix("packages-coverage-out-of-range.csv:3: coverage must be in [0, 1], got 1.5") == true, "\(r[2])")
        #expect(r[3].asString?.contains("alignments-missing-column.csv:1: ") == true, "\(r[3])")
        #expect(r[4].asString?.contains("binary.csv:") == true, "\(r[4])")
    }
}
