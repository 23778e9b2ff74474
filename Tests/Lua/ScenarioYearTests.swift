import Foundation
import Testing
@testable import WargameKit

/// `wg.scenario{ year = }` and `wg.capabilities(nil, year)`: any year of the bundled COW NMC
/// data, with that year's nuclear possession.
@Suite struct ScenarioYearTests {
    static func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    func status(_ lua: LuaState, year: Int?, _ a: String, _ b: String) throws -> String {
        let spec = year.map { "{ year = \($0) }" } ?? "{}"
        return try lua.run("""
            local s = wg.scenario\(spec)
            s:side("A", { "\(a)" }) s:side("B", { "\(b)" })
            return s:status()
            """).first?.asString ?? ""
    }

    @Test func yearChoosesCapabilitiesAndPossession() throws {
        let lua = try Self.lua()
        // 1914: no nuclear weapons anywhere; 1962: the US and the USSR, not yet China.
        #expect(!(try status(lua, year: 1914, "UKG", "GMY")).contains("(nuclear)"))
        let s1962 = try status(lua, year: 1962, "USA", "CHN")
        #expect(s1962.contains("USA (nuclear)") && !s1962.contains("CHN (nuclear)"), "\(s1962)")
        #expect(try status(lua, year: 1970, "USA", "CHN").contains("CHN (nuclear)"))
        // South Africa's weapons were dismantled by 1991.
        #expect(try status(lua, year: 1985, "SAF", "ANG").contains("SAF (nuclear)"))
        #expect(!(try status(lua, year: 1995, "SAF", "ANG")).contains("(nuclear)"))
        let r = try lua.run("""
            local s = wg.scenario{ year = 1962 }
            return s:balance("USA", "RUS").a, wg.capabilities(nil, 1962).USA.cinc, wg.capabilities(nil, 1962).USA.year
            """)
        #expect(r[0] == r[1] && r[2] == .integer(1962))
    }

    /// Without `year`, or with the latest, as before: 2016 with the FAS 2024 warheads.
    @Test func latestYearIsTheDefault() throws {
        let lua = try Self.lua()
        #expect(try status(lua, year: nil, "USA", "RUS") == (try status(lua, year: 2016, "USA", "RUS")))
        #expect(try lua.run("return wg.capabilities().USA.year, wg.capabilities(nil, 2016).USA.milper")
                == [.integer(2016), .number(1381)])
    }

    @Test func badYearsAreOneLineErrors() throws {
        let lua = try Self.lua()
        func message(_ code: String) throws -> String {
            try lua.run("local ok, e = pcall(function() \(code) end) return e").first?.asString ?? ""
        }
        // One line, naming the year and the range (after the caller's position).
        #expect(try message("wg.scenario{ year = 1700 }")
                .hasSuffix("bad argument #1 to 'scenario' (field 'year': nmc-1816-2016.csv: no rows for year 1700 (file has 1816-2016))"))
        #expect(try !message("wg.scenario{ year = 1700 }").contains("\n"))
        #expect(try message("wg.capabilities(nil, 2020)") == "nmc-1816-2016.csv: no rows for year 2020 (file has 1816-2016)")
        #expect(try message("wg.scenario{ year = 'x' }").contains("field 'year'"))
        #expect(try message("wg.scenario{ year = 1950, capabilities = wg.capabilities(nil, 1960) }")
                .hasSuffix("bad argument #1 to 'scenario' (field 'year': 1950 differs from the capabilities' year 1960)"))
    }

    /// A historical scenario saves and loads with its possession list; old saves, which have
    /// none, load as before (Tests/Fixtures/save, SaveFileCorpusTests).
    @Test func possessionSurvivesSaveAndLoad() throws {
        let lua = try Self.lua()
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("y.wgs").path
        let r = try lua.run("""
            local s = wg.scenario{ year = 1962 }
            s:side("A", { "USA" }) s:side("B", { "CUB" })
            s:save("\(file)")
            return wg.load("\(file)"):status()
            """)
        #expect(r.first?.asString?.contains("USA (nuclear)") == true)
        let history = try SaveFile.read(file)
        #expect(history.current.nuclearStates == ["FRN", "RUS", "UKG", "USA"])
        #expect(history.current.capabilities.year == 1962)
    }

    /// A save whose possession list breaks the limits is refused with its reason.
    @Test func oversizedPossessionListIsRefused() throws {
        var s = try Scenario(name: "y", seed: 1, capabilities: try Capabilities.bundled(year: 1962), warheads: [:])
        s.nuclearStates = (0...ScenarioLimits.maxStates).map { "S\($0)" }
        let data = try SaveFile.encode(ScenarioHistory(s))
        #expect(throws: FileError.self) { try SaveFile.decode(data, file: "big.wgs") }
        do {
            _ = try SaveFile.decode(data, file: "big.wgs")
        } catch {
            #expect("\(error)".contains("nuclear states, more than \(ScenarioLimits.maxStates)"), "\(error)")
        }
    }
}
