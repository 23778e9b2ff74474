import Foundation
import Testing
@testable import WargameKit

/// July 1914 and October 1962 (Scripts/scenarios/): each builds with its year's data, steps
/// to its end without error, and shows the direction its commitments imply.
@Suite struct HistoricalCrisesTests {
    static func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    static func path(_ name: String) -> String {
        Programs.root.appendingPathComponent("Scripts/scenarios/\(name).lua").path
    }

    /// The weight an ally gets in the balance of the two sides when `attacker` attacks.
    static func weight(_ lua: LuaState, _ script: String, _ a: String, _ b: String, attacker: String, ally: String) throws -> Double? {
        let r = try lua.run("""
            local s = dofile("\(path(script))")
            for _, x in ipairs(s:balance("\(a)", "\(b)", { attacker = "\(attacker)" }).allies) do
              if x.state == "\(ally)" then return x.weight end
            end
            """)
        return r.first?.asDouble
    }

    @Test func july1914() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = dofile("\(Self.path("july-1914"))")
            local status = s:status()
            s:step(20)
            return status, s.turn, wg.capabilities(nil, 1914).GMY.cinc, s:balance("GMY", "RUS").a
            """)
        let status = try #require(r.first?.asString)
        #expect(!status.contains("(nuclear)"), "\(status)")  // nobody held nuclear weapons in 1914
        #expect(status.contains("Central Powers") && status.contains("Entente"))
        #expect((r[1].asDouble ?? 0) >= 1)
        // The scenario's capabilities are 1914's: Germany's CINC that year, not 2016's.
        let cinc1914 = try #require(r[2].asDouble)
        #expect(abs(cinc1914 - (try Capabilities.bundled(year: 1914)["GMY"]?.cinc ?? 0)) < 1e-12)
        #expect(cinc1914 > 0.1)  // a great power in 1914 (2016: about 0.02)
        // Italy's obligation is defensive: it does not count when its allies attack, and
        // does when the Entente attacks them. Romania's likewise, and only against Russia.
        for ally in ["ITA", "ROM"] {
            #expect(try Self.weight(lua, "july-1914", "Central Powers", "Entente", attacker: "Central Powers", ally: ally) ?? 0 == 0)
            #expect(try Self.weight(lua, "july-1914", "Central Powers", "Entente", attacker: "Entente", ally: ally) ?? 0 > 0)
        }
        // Britain's only binding commitment is to Belgium: it counts when the Entente side
        // (Belgium in it) is attacked, not when the Entente attacks.
        #expect(try Self.weight(lua, "july-1914", "Entente", "Central Powers", attacker: "Central Powers", ally: "UKG") ?? 0 > 0)
        #expect(try Self.weight(lua, "july-1914", "Entente", "Central Powers", attacker: "Entente", ally: "UKG") ?? 0 == 0)
    }

    @Test func october1962() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = dofile("\(Self.path("october-1962"))")
            local status = s:status()
            s:step(13)
            return status, s.turn
            """)
        let status = try #require(r.first?.asString)
        // Both superpowers held nuclear weapons in 1962 (possession from the bundled dates).
        let sides = status.split(separator: "\n").filter { $0.hasPrefix("side ") }
        #expect(sides.count == 2 && sides.allSatisfy { $0.contains("(nuclear)") }, "\(status)")
        #expect((r[1].asDouble ?? 0) >= 1)
        // NATO covers an attack on the US, not a US attack; the Warsaw Pact likewise for the USSR.
        #expect(try Self.weight(lua, "october-1962", "United States", "Soviet Union", attacker: "Soviet Union", ally: "UKG") ?? 0 > 0)
        #expect(try Self.weight(lua, "october-1962", "United States", "Soviet Union", attacker: "United States", ally: "UKG") ?? 0 == 0)
        #expect(try Self.weight(lua, "october-1962", "Soviet Union", "United States", attacker: "United States", ally: "POL") ?? 0 > 0)
    }

    /// Monte Carlo loads each crisis as any scenario script.
    @Test func bothRunUnderMonteCarlo() throws {
        let lua = try Self.lua()
        for name in ["july-1914", "october-1962"] {
            let r = try lua.run("return wg.montecarlo{ script = \"\(Self.path(name))\", runs = 20, seed = 1, threads = 1 }.runs")
            #expect(r.first?.asDouble == 20)
        }
    }
}
