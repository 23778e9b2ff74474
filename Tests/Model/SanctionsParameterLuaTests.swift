import Foundation
import Testing
@testable import WargameKit

/// The sanctions parameters added for the issue "Escalation that deters" (floor, access)
/// are overridable from Lua like the others, and checked on the way in.
@Suite struct SanctionsParameterLuaTests {
    static func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    /// One sanctioner, no alignment: after 400 turns the adaptation is at its floor, so the
    /// last turn's GDP loss is μ · B · f, with B = coverage · trade · turn_years.
    @Test func floorAndAccessAreOverridable() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local function run(sanctions, member_trade)
              local s = wg.scenario{ seed = 1, rung = 2, turns = 1000, sanctions = sanctions }
              s:side("A", {"USA"}); s:side("B", {"RUS"})
              s:policy("USA", function() return "hold" end); s:policy("RUS", function() return "hold" end)
              s:trade{ from = "USA", to = "RUS", value = 100 }
              s:trade{ from = "TUR", to = "USA", value = member_trade }
              s:economy{ RUS = { gdp = 1000 } }
              s:sanction{ by = {"USA"}, target = "RUS", coverage = 1 }
              s:alignment{ name = "r", members = {"TUR"}, beneficiary = "RUS", visibility = 0, commission = 0.1 }
              return s
            end
            local s = run({ floor = 0.1 }, 0)
            s:step(399); local before = s:damage("RUS").gdp_loss
            s:step(); local last = s:damage("RUS").gdp_loss - before
            local a = run({ access = 0.4 }, 30); a:step()
            local ok, err = pcall(run, { floor = 2 }, 0)
            return last, a:damage("RUS").leaked, ok, err
            """, name: "=t")
        // 0.3 · (1 · 100 · 0.25) · 0.1: TUR trades nothing with RUS, so it reroutes nothing.
        #expect(abs((r[0].asDouble ?? 0) - 0.3 * 25 * 0.1) < 1e-9, "\(r[0])")
        // κ = 0.25 · (0.5 · 0 + 0.4 · 30): TUR reroutes through its access to the sanctioner.
        #expect(abs((r[1].asDouble ?? 0) - 0.25 * 0.4 * 30) < 1e-9, "\(r[1])")
        #expect(r[2] == .boolean(false))
        #expect(r[3].asString?.contains("sanctions.floor must be a number in [0, 1], got 2") == true, "\(r[3])")
    }
}
