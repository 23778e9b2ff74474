import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import WargameKit

/// The after-action report's HTML, written by `s:report` from Lua as a script writes it:
/// well-formed, names escaped, and the assumptions a class needs (seed, alliances with
/// their reliabilities, a reseed where it happened). Each test has its own Lua state.
@Suite struct AfterActionReportTests {
    /// A crisis between nuclear powers (by default at rung 4, the USA attacking at turn 1),
    /// with alliances and sanctions; `body` steps it (and may change it), `east` names the
    /// first side, `options` go into `wg.scenario{}`. Figures illustrative.
    static func report(_ body: String, east: String = "East", options: String = "rung = 4", policies: String = attack) throws -> String {
        try reportAndTurn(body, east: east, options: options, policies: policies).html
    }

    /// The USA attacks at turn 1; the doctrine decides for RUS.
    static let attack = #"s:policy("USA", function(v) if v.turn == 1 then return {rung = 5} end return "hold" end)"#
    /// With ``calm``: both sides hold at rung 2 and the crisis never ends by itself, a run
    /// as long as a test needs.
    static let standoff = #"s:policy("USA", function() return "hold" end) s:policy("RUS", function() return "hold" end)"#
    static let calm = "rung = 2, doctrine = { ceasefire_rung = -1 }"

    static func reportAndTurn(_ body: String, east: String = "East", options: String = "rung = 4", policies: String = attack) throws -> (html: String, turn: Int) {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("aar.html").path
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let result = try lua.run("""
            s = wg.scenario{ name = "test crisis", seed = 7, turns = 30, \(options) }
            s:side([==[\(east)]==], {"RUS", "BLR"})
            s:side("West", {"USA", "UKG", "FRN"})
            s:alliance{ name = "CSTO Art. 4", members = {"RUS", "BLR", "ARM", "KZK"}, reliability = 0.35 }
            s:alliance{ name = "NATO Art. 5", members = {"USA", "UKG", "FRN", "GMY", "POL"}, reliability = 0.75 }
            s:alliance{ name = "RUS-CHN pact", members = {"RUS", "CHN"}, format = "bilateral", against = {"USA"}, reliability = 0.45 }
            s:economy{ RUS = { gdp = 1780 } }
            s:trade{ from = "GMY", to = "RUS", value = 30 }
            s:sanction{ name = "Western package", by = {"GMY"}, target = "RUS", coverage = 0.6 }
            s:alignment{ name = "roundabout", members = {"KZK"}, beneficiary = "RUS", visibility = 0.2, commission = 0.15 }
            \(policies)
            \(body)
            s:report([==[\(path)]==])
            return s.turn
            """)
        guard case .integer(let turn) = result.first else { throw LuaCallError("no turn returned: \(result)") }
        return (try String(contentsOfFile: path, encoding: .utf8), Int(turn))
    }

    /// Parses `html` as XML, failing the test with the parser's message if it is not well-formed.
    static func parse(_ html: String) throws -> XMLDocument {
        try XMLDocument(xmlString: html, options: [])
    }

    @Test func isWellFormedAndSelfContained() throws {
        let html = try Self.report("s:step(3)")
        let doc = try Self.parse(html)
        // Nothing fetched: no script, no external resource of any kind.
        #expect(try doc.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        for attribute in ["src", "href"] {
            #expect(try doc.nodes(forXPath: "//@\(attribute)").isEmpty, "a \(attribute) attribute would fetch something")
        }
        #expect(!html.contains("@import") && !html.contains("url("))
        // Every chart has both axis labels and ticks.
        let charts = try doc.nodes(forXPath: "//*[local-name()='figure']/*[local-name()='svg']")
        #expect(charts.count == 4, "rung, odds, forces left, sanctions damage")
        for chart in charts {
            #expect(try chart.nodes(forXPath: ".//*[@class='axis-label']").count == 2)
            #expect(try chart.nodes(forXPath: ".//*[@class='tick']").count >= 4)
        }
    }

    @Test func scriptSuppliedNamesAreText() throws {
        let html = try Self.report("""
            s:alliance{ name = "A & B \\"pact\\" <b>", members = {"RUS", "BLR"}, reliability = 0.5 }
            s:step(2)
            """, east: "<script>alert(1)</script>")
        let doc = try Self.parse(html)
        #expect(try doc.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        // The text a reader sees is the name itself.
        let cells = try doc.nodes(forXPath: "//*[local-name()='td']").compactMap(\.stringValue)
        #expect(cells.contains("<script>alert(1)</script>"))
        #expect(cells.contains("A & B \"pact\" <b>"))
    }

    @Test func showsTheSeedAlliancesReliabilitiesSanctionsAndAlignments() throws {
        let html = try Self.report("s:step(2)")
        let doc = try Self.parse(html)
        let rows = try doc.nodes(forXPath: "//*[@id='assumptions']//*[local-name()='tr']").map {
            try $0.nodes(forXPath: "./*").compactMap(\.stringValue)
        }
        #expect(rows.contains(["seed", "7"]))
        #expect(rows.contains(["CSTO Art. 4", "RUS BLR ARM KZK", "defense", "multilateral", "any opponent", "0.35"]))
        #expect(rows.contains(["NATO Art. 5", "USA UKG FRN GMY POL", "defense", "multilateral", "any opponent", "0.75"]))
        #expect(rows.contains(["RUS-CHN pact", "RUS CHN", "defense", "bilateral", "USA", "0.45"]))
        #expect(rows.contains { $0.first == "Western package" && $0.dropFirst().prefix(3) == ["GMY", "RUS", "0.60"] })
        #expect(rows.contains { $0.first == "roundabout" && $0.dropFirst().prefix(4) == ["KZK", "RUS", "0.20", "0.15"] })
        // Defaults unchanged: said in words, and the full table folded away.
        #expect(html.contains("Every doctrine, theatre and sanctions parameter has its default value."))
        #expect(try doc.nodes(forXPath: "//*[local-name()='details']//*[local-name()='h4']").count == 3)
    }

    @Test func parametersThatDifferFromTheDefaultsAreListed() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.html").path
        let lua = try LuaState()
        WargameModule.install(in: lua)
        _ = try lua.run("""
            local s = wg.scenario{ name = "p", seed = 3, doctrine = { rationality = 10 }, theatre = { base_rate = 0.2 } }
            s:side("A", {"USA"}) s:side("B", {"RUS"})
            s:report([==[\(path)]==])
            """)
        let doc = try Self.parse(try String(contentsOfFile: path, encoding: .utf8))
        let rows = try doc.nodes(forXPath: "//*[@id='assumptions']//*[local-name()='tr']").map {
            try $0.nodes(forXPath: "./*").compactMap(\.stringValue)
        }
        #expect(rows.contains { $0.prefix(3) == ["doctrine.rationality", "10", "25"] })
        #expect(rows.contains { $0.prefix(3) == ["theatre.base_rate", "0.2", LuaNumberText.format(TheatreParameters().baseRate)] })
        #expect(!rows.contains { $0.first == "doctrine.stake" })
    }

    /// The script that built the scenario and its arguments (the variant) are assumptions too.
    @Test func namesTheScriptAndItsArguments() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.html").path
        let script = Programs.root.appendingPathComponent("Scripts/scenarios/two-state-crisis.lua").path
        let lua = try LuaState()
        WargameModule.install(in: lua)
        _ = try lua.run("""
            local s = loadfile([==[\(script)]==])("ally=ITA", "reliability=0.4")
            s:step(2)
            s:report([==[\(path)]==])
            """)
        let doc = try Self.parse(try String(contentsOfFile: path, encoding: .utf8))
        let rows = try doc.nodes(forXPath: "//*[@id='assumptions']//*[local-name()='tr']").map {
            try $0.nodes(forXPath: "./*").compactMap(\.stringValue)
        }
        #expect(rows.contains(["script", script]))
        #expect(rows.contains(["script arguments", "ally=ITA reliability=0.4"]))
        #expect(rows.contains { $0.first == "defence pact" && $0.last == "0.40" })
    }

    /// A reseed mid-run is shown at the turn it happened, whatever the seed (the same seed
    /// again restarts the draws too); a reseed before the first turn is just the seed.
    @Test func aReseedMidRunIsShownWhereItHappened() throws {
        func marks(_ doc: XMLDocument) throws -> [[String]] {
            try doc.nodes(forXPath: "//*[local-name()='table'][@class='marks']//*[local-name()='tr'][@class='mark-reseed']").map {
                try $0.nodes(forXPath: "./*").compactMap(\.stringValue)
            }
        }
        let other = try Self.parse(try Self.report("s:step(3) s:seed(99) s:step(2)", options: Self.calm, policies: Self.standoff))
        #expect(try marks(other).map { Array($0.dropFirst()) } == [["3", "reseeded: seed 99 (was 7), before turn 4"]])
        let reseedRows = try other.nodes(forXPath: "//*[local-name()='tr'][@class='reseed']").compactMap(\.stringValue)
        #expect(reseedRows == ["3reseeded here: seed 99 from turn 4 on"])
        #expect(try other.nodes(forXPath: "//*[local-name()='h1']/following-sibling::*[1]").first?.stringValue?
            .contains("Seed 7, reseeded at turn 3") == true)

        let same = try Self.parse(try Self.report("s:step(2) s:seed(7) s:step(1)", options: Self.calm, policies: Self.standoff))
        #expect(try marks(same).map { Array($0.dropFirst()) } == [["2", "reseeded: seed 7 (was 7), before turn 3"]])

        let atStart = try Self.parse(try Self.report("s:seed(5) s:step(3)", options: Self.calm, policies: Self.standoff))
        #expect(try marks(atStart).isEmpty)
        let seedRow = try atStart.nodes(forXPath: "//*[@id='assumptions']//*[local-name()='tr']").map {
            try $0.nodes(forXPath: "./*").compactMap(\.stringValue)
        }.first { $0.first == "seed" }
        #expect(seedRow == ["seed", "5"])

        // Saved and loaded: the history comes back, and the reseed with it.
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let save = dir.appendingPathComponent("r.wgs").path
        let loaded = try Self.parse(try Self.report("s:step(3) s:seed(99) s:step(2) s:save([==[\(save)]==]) s = wg.load([==[\(save)]==])",
                                                    options: Self.calm, policies: Self.standoff))
        #expect(try marks(loaded).map { Array($0.dropFirst()) } == [["3", "reseeded: seed 99 (was 7), before turn 4"]])

        // Undone past the reseed: gone with the turns it preceded.
        let undone = try Self.parse(try Self.report("s:step(3) s:seed(99) s:step(1) s:rewind(2)", options: Self.calm, policies: Self.standoff))
        #expect(try marks(undone).isEmpty)
    }

    /// Each side's move every turn, who decided it, and the doctrine's options with their
    /// chances (they sum to 100% up to rounding).
    @Test func movesSayWhoDecidedAndWhatTheDoctrineWeighed() throws {
        let (html, turns) = try Self.reportAndTurn("s:step(3)", options: "rung = 2")
        let doc = try Self.parse(html)
        let rows = try doc.nodes(forXPath: "//*[local-name()='table'][@class='moves']/*[local-name()='tbody']/*[local-name()='tr']").map {
            try $0.nodes(forXPath: "./*").compactMap(\.stringValue)
        }
        #expect(turns >= 1 && rows.count == 2 * turns, "two sides, \(turns) turns")
        let west = rows.filter { $0.contains("West") }, east = rows.filter { $0.contains("East") }
        #expect(west.count == turns && east.count == turns)
        #expect(west.allSatisfy { $0.contains("policy") && $0.last == "—" })
        #expect(east.allSatisfy { $0.contains("doctrine") })
        for row in east {
            let chances = row.last!.split(separator: "·").compactMap { part -> Double? in
                guard let word = part.split(separator: " ").last, word.hasSuffix("%") else { return nil }
                return Double(word.dropLast().replacingOccurrences(of: "<", with: "").replacingOccurrences(of: ">", with: ""))
            }
            #expect(chances.count >= 2)
            #expect(abs(chances.reduce(0, +) - 100) <= Double(chances.count) + 1)
        }
    }

    /// Alliance invocations and nuclear steps are marked on the timeline at their turns,
    /// as the engine recorded them.
    @Test func alliancesAndNuclearStepsAreMarkedAtTheirTurns() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.html").path
        // Find a seed whose run crosses the nuclear threshold (the war above goes there often).
        let found = try lua.run("""
            for seed = 1, 200 do
              local s = wg.scenario{ name = "m", seed = seed, rung = 4, turns = 30 }
              s:side("East", {"RUS", "BLR"}) s:side("West", {"USA", "UKG", "FRN"})
              s:alliance{ name = "CSTO Art. 4", members = {"RUS", "BLR", "ARM", "KZK"}, reliability = 0.35 }
              s:policy("USA", function(v) if v.turn == 1 then return {rung = 5} end return "hold" end)
              s:step(30)
              local inv, nuc = {}, {}
              for _, e in ipairs(s:log()) do
                if e.kind == "alliance" then inv[#inv + 1] = e.turn end
                if e.kind == "nuclear" then nuc[#nuc + 1] = e.turn end
              end
              if #nuc > 0 and #inv > 0 then s:report([==[\(path)]==]) return inv[1], nuc[1] end
            end
            """)
        guard found.count == 2, case .integer(let allianceTurn) = found[0], case .integer(let nuclearTurn) = found[1] else {
            Issue.record("no seed in 1...200 reached the nuclear threshold: \(found)")
            return
        }
        let doc = try Self.parse(try String(contentsOfFile: path, encoding: .utf8))
        func turns(_ kind: String) throws -> [String] {
            try doc.nodes(forXPath: "//*[local-name()='table'][@class='marks']//*[local-name()='tr'][@class='mark-\(kind)']")
                .map { try $0.nodes(forXPath: "./*")[1].stringValue ?? "" }
        }
        #expect(try turns("alliance").first == "\(allianceTurn)")
        #expect(try turns("nuclear").contains("\(nuclearTurn)"))
        // The same marks sit on every chart: a marker per mark, titled with its turn.
        let charts = try doc.nodes(forXPath: "//*[local-name()='figure']/*[local-name()='svg']")
        for chart in charts {
            let titles = try chart.nodes(forXPath: ".//*[@class='marker']/*[local-name()='title']").compactMap(\.stringValue)
            #expect(titles.contains { $0.hasPrefix("turn \(allianceTurn): CSTO Art. 4 invoked by RUS") })
            #expect(titles.contains { $0.hasPrefix("turn \(nuclearTurn): the nuclear threshold is crossed") })
        }
    }
}
