import Foundation
import Testing
@testable import WargameKit

/// A change to a scenario's configuration is checked only where it differs from the last
/// configuration that passed (``Scenario/validateConfiguration(since:)``): the parts it
/// leaves as they were passed already. These tests hold it to the whole check: after valid
/// changes, every invalid change is refused with the very error that checking the whole
/// changed scenario gives, and leaves the scenario as it was.
@Suite struct ConfigureChecksTests {
    /// A scenario built by several changes, as a script builds one: sides, alliances, trade,
    /// a sanctions package and an alignment.
    static func history() throws -> ScenarioHistory {
        let s = try Scenario(name: "checks", seed: 3, capabilities: try Bundled.capabilities(),
                             warheads: try Bundled.warheads(), rung: 1)
        var h = ScenarioHistory(s)
        try h.configure { try $0.setSide(Side(name: "East", members: ["RUS", "BLR"])) }
        try h.configure { try $0.setSide(Side(name: "West", members: ["USA", "UKG", "FRN"])) }
        try h.configure { try $0.addAlliance(Alliance(name: "NATO", members: ["USA", "UKG", "FRN", "POL"], obligation: .defense, reliability: 0.9)) }
        try h.configure { try $0.addAlliance(Alliance(name: "CSTO", members: ["RUS", "ARM"], obligation: .defense, reliability: 0.3)) }
        try h.configure { $0.sanctions.gdp["RUS"] = 1780 }
        try h.configure { $0.sanctions.trade.add(TradeFlow(exporter: "USA", importer: "RUS", value: 30)) }
        try h.configure { $0.sanctions.trade.add(TradeFlow(exporter: "CHN", importer: "RUS", value: 50)) }  // on no side
        try h.configure { $0.ladder.rungs[1].name = String(repeating: "\u{E9}", count: ScenarioLimits.maxNameBytes / 2) }
        try h.configure {
            $0.sanctions.packages.append(SanctionPackage(name: "G7", sanctioners: ["USA", "UKG"], target: "RUS", coverage: 0.6, startTurn: 1))
        }
        try h.configure { $0.doctrine.rationality = 10 }
        return h
    }

    /// Capabilities without the states named: a change of capabilities alone must have the
    /// sides, alliances and sanctions, unchanged, checked against the new ones.
    static func capabilities(without codes: Set<String>) throws -> Capabilities {
        let all = try Bundled.capabilities()
        return Capabilities(year: all.year, states: all.states.filter { !codes.contains($0.stateabb) })
    }

    @Test func everyInvalidChangeIsRefusedAsTheWholeCheckRefusesIt() throws {
        var h = try Self.history()
        let withoutBelarus = try Self.capabilities(without: ["BLR"])
        let withoutArmenia = try Self.capabilities(without: ["ARM"])
        let withoutPoland = try Self.capabilities(without: ["POL"])
        let withoutChina = try Self.capabilities(without: ["CHN"])
        let changes: [(String, (inout Scenario) throws -> Void)] = [
            ("a side's member unknown", { var side = $0.sides[0]; side.members.append("ZZZ"); try $0.setSide(side) }),
            ("a state on two sides", { var side = $0.sides[1]; side.members.append("RUS"); try $0.setSide(side) }),
            ("an alliance's member unknown", { try $0.addAlliance(Alliance(name: "X", members: ["USA", "ZZZ"], obligation: .defense, reliability: 0.5)) }),
            ("an alliance's reliability", { var a = $0.alliances[1]; a.reliability = 2; try $0.addAlliance(a) }),
            ("an alliance's member twice", { var a = $0.alliances[0]; a.members.append("USA"); try $0.addAlliance(a) }),
            ("a doctrine parameter", { $0.doctrine.rationality = -1 }),
            ("a theatre parameter", { $0.theatre.qualityExponent = .nan }),
            ("a sanctions parameter", { $0.sanctions.parameters.capacity = -1 }),
            ("a sanction's coverage", { $0.sanctions.packages[0].coverage = 2 }),
            ("a sanction's target unknown", { $0.sanctions.packages[0].target = "ZZZ" }),
            ("a trade flow's state unknown", { $0.sanctions.trade.add(TradeFlow(exporter: "ZZZ", importer: "RUS", value: 1)) }),
            ("a rung's name too long", { $0.ladder.rungs[1].name = String(repeating: "x", count: ScenarioLimits.maxNameBytes + 1) }),
            ("a rung's risk", { $0.ladder.rungs[6].risk = 2 }),
            ("the turn limit", { $0.turnLimit = 0 }),
            ("warheads", { $0.warheads["RUS"] = -1 }),
            // The capabilities change, the parts checked against them do not.
            ("capabilities without a side's member", { $0.capabilities = withoutBelarus }),
            ("capabilities without an alliance's member", { $0.capabilities = withoutArmenia }),
            ("capabilities without a member of the first alliance", { $0.capabilities = withoutPoland }),
            ("capabilities without a state in the trade alone", { $0.capabilities = withoutChina }),
            // Equal by Swift's `==` (canonically equivalent), half as long again in bytes.
            ("a rung's name as long in characters, longer in bytes", {
                $0.ladder.rungs[1].name = String(repeating: "e\u{301}", count: ScenarioLimits.maxNameBytes / 2)
            }),
        ]
        for (what, change) in changes {
            var changed = h.current, whole: String?
            do { try change(&changed); try changed.validate() } catch { whole = "\(error)" }
            #expect(whole != nil, "\(what): the whole check passes it; the test wants an invalid change")
            let before = h
            do {
                try h.configure(change)
                Issue.record("\(what): accepted")
            } catch {
                #expect("\(error)" == whole, "\(what)")
            }
            let unchanged = h == before
            #expect(unchanged, "\(what): the scenario changed")
        }
        // After the refusals, valid changes still pass, and the result passes the whole check.
        try h.configure { var a = $0.alliances[1]; a.reliability = 0.5; try $0.addAlliance(a) }
        try h.configure { $0.capabilities = withoutPoland; var a = $0.alliances[0]; a.members.removeLast(); try $0.addAlliance(a) }
        try h.current.validate()
        #expect(h.current.alliances[0].members == ["USA", "UKG", "FRN"])
    }
}
