import Foundation
import Testing
@testable import WargameKit

/// Save files edited and re-signed (valid header and checksum) with integers the engine
/// cannot step (a turn or counter at Int.max once made `s:step()`, `:status` and
/// `s:report` trap on overflow) or sizes past ``ScenarioLimits``: each is refused on load
/// in one line naming the file, and the unedited save loads.
@Suite struct SaveFileLimitsTests {
    /// Three turns of a crisis with a sanctions package (its record counts turns active).
    static func history() throws -> ScenarioHistory {
        var s = try Scenario(name: "limits", seed: 3, capabilities: try Bundled.capabilities(),
                             warheads: try Bundled.warheads(), rung: 2)
        try s.setSide(Side(name: "East", members: ["RUS", "BLR"]))
        try s.setSide(Side(name: "West", members: ["USA", "UKG"]))
        s.doctrine.ceasefireRung = -1  // the run goes on for its three turns
        s.sanctions.gdp["RUS"] = 1780
        s.sanctions.trade.add(TradeFlow(exporter: "USA", importer: "RUS", value: 30))
        s.sanctions.packages.append(SanctionPackage(name: "G7", sanctioners: ["USA", "UKG"], target: "RUS", coverage: 0.6, startTurn: 1))
        try s.sanctions.validate()
        var h = ScenarioHistory(s)
        _ = try h.step(3)
        return h
    }

    static func json(_ h: ScenarioHistory) throws -> [String: Any] {
        let data = try SaveFile.encode(h)
        let newline = try #require(data.firstIndex(of: 0x0A))
        return try #require(try JSONSerialization.jsonObject(with: data[(newline + 1)...]) as? [String: Any])
    }

    /// A save of `json` with a valid header and checksum.
    static func signed(_ json: [String: Any]) throws -> Data {
        let payload = try JSONSerialization.data(withJSONObject: json)
        var d = Data("\(SaveFile.magic) \(SaveFile.version) \(payload.count) \(String(SaveFile.fnv1a(payload), radix: 16))\n".utf8)
        d.append(payload)
        return d
    }

    /// Sets the value at `path` (keys, or array indices as numbers) in a JSON tree.
    static func set(_ tree: Any, _ path: ArraySlice<String>, _ value: Any) -> Any {
        guard let key = path.first else { return value }
        if var array = tree as? [Any], let i = Int(key) {
            array[i] = set(array[i], path.dropFirst(), value)
            return array
        }
        var dict = tree as? [String: Any] ?? [:]
        dict[key] = set(dict[key] as Any, path.dropFirst(), value)
        return dict
    }

    static let big = Int.max

    /// Field (a dotted path), value, and the reason the load gives.
    static let integers: [(String, Int, String)] = [
        ("current.turn", big, "the turn must be in 0..40 (the turn limit), got \(big)"),
        ("current.turnLimit", big, "the turn limit must be in 1..1000000, got \(big)"),
        ("current.turnLimit", 0, "the turn limit must be in 1..1000000, got 0"),
        ("current.lowRungTurns", big, "turns at a low rung must be in 0..3 (the turn), got \(big)"),
        ("current.lowOddsTurns.1", big, "turns at low odds must be in 0..3 (the turn), got \(big)"),
        ("current.lowOddsTurns.0", -1, "turns at low odds must be in 0..3 (the turn), got -1"),
        ("current.sanctions.state.packages.G7.turnsActive", big, "turns active of sanction 'G7' must be in 0..3 (the turn), got \(big)"),
        ("current.sanctions.state.lastTurn", big, "the sanctions' last turn must be in 0..3 (the turn), got \(big)"),
        ("current.sanctions.packages.0.startTurn", big, "sanction 'G7': start turn must be in 0..1000000, got \(big)"),
        ("current.doctrine.ceasefireTurns", big, "doctrine.ceasefire_turns must be an integer in [1, 1000], got 9.2233720368548e+18"),
        ("current.doctrine.capitulationTurns", 0, "doctrine.capitulation_turns must be an integer in [1, 1000], got 0"),
        ("current.doctrine.ceasefireRung", big, "doctrine.ceasefire_rung must be an integer in [-1, 1000], got 9.2233720368548e+18"),
        ("current.rung", big, "rung \(big) is not on the ladder (0..9)"),
        ("current.warheads.RUS", big, "RUS warheads must be in 0..1000000, got \(big)"),
        ("current.log.0.turn", big, "the event log is not in turn order"),
        ("current.lastReport.turn", big, "the last report's turn must be in 0..3 (the turn), got \(big)"),
        ("snapshots.1.turn", big, "history snapshots are not in turn order"),
        ("snapshots.1.lowRungTurns", big, "turns at a low rung must be in 0..1 (the turn), got \(big)"),
    ]

    @Test(arguments: integers)
    func integersOutOfTheSteppableRangeAreRefused(field: String, value: Int, reason: String) throws {
        let edited = Self.set(try Self.json(try Self.history()), field.split(separator: ".").map(String.init)[...], value)
        let data = try Self.signed(try #require(edited as? [String: Any]))
        #expect(throws: SaveFile.Error(file: "x.wgs", reason: "inconsistent scenario: \(reason)")) {
            try SaveFile.decode(data, file: "x.wgs")
        }
    }

    @Test func theUneditedSaveLoadsAndSteps() throws {
        let h = try Self.history()
        var loaded = try SaveFile.decode(try Self.signed(try Self.json(h)), file: "x.wgs")
        #expect(loaded == h)
        _ = try loaded.step(2)
        #expect(loaded.current.turn == 5)
    }

    /// A save larger than a load accepts is refused when it is made, and nothing is written:
    /// every save that succeeds loads. (70,000 trade flows with long sector names make one.)
    @Test func aSaveTooLargeToLoadIsRefusedAtSave() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var h = try Self.history()
        try h.configure { s in
            let flow = TradeFlow(exporter: "CHN", importer: "RUS", value: 1, sector: String(repeating: "s", count: 1000))
            s.sanctions.trade = TradeMatrix(Array(repeating: flow, count: 70_000))
        }
        let path = dir.appendingPathComponent("huge.wgs").path
        do {
            try SaveFile.write(h, to: path)
            Issue.record("a save over the limit was written")
        } catch let e as SaveFile.Error {
            #expect(e.file == path)
            #expect(e.reason.hasPrefix("the save would take "), "\(e.reason)")
            #expect(e.reason.hasSuffix(" MiB, more than the 64 MiB a save file may hold (rewind, or start a new scenario)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// Sizes past the documented limits, each refused on load with the limit named.
    @Test func sizesPastTheLimitsAreRefused() throws {
        let base = try Self.json(try Self.history())
        let current = try #require(base["current"] as? [String: Any])
        let caps = try Bundled.capabilities()
        func refused(_ edit: (inout [String: Any]) -> Void, _ reason: String, _ source: SourceLocation = #_sourceLocation) throws {
            var c = current
            edit(&c)
            var j = base
            j["current"] = c
            j["snapshots"] = [Any]()
            j["logLengths"] = [Any]()
            #expect(throws: SaveFile.Error(file: "x.wgs", reason: "inconsistent scenario: \(reason)"), sourceLocation: source) {
                try SaveFile.decode(try Self.signed(j), file: "x.wgs")
            }
        }
        let rung: [String: Any] = ["name": "r", "description": "", "armedAttack": false, "nuclear": false]
        try refused({ $0["ladder"] = ["rungs": Array(repeating: rung, count: 1001)] }, "the ladder has 1001 rungs, more than 1000")
        try refused({ $0["name"] = String(repeating: "n", count: 1001) }, "the scenario's name is 1001 bytes long, more than 1000")
        try refused({ c in
            c["sides"] = caps.states.prefix(101).enumerated().map { ["name": "s\($0.offset)", "members": [$0.element.stateabb]] }
            c["lowOddsTurns"] = Array(repeating: 0, count: 101)
        }, "101 sides, more than 100")
        try refused({ c in
            c["alliances"] = (0...1000).map {
                ["name": "a\($0)", "members": ["USA", "UKG"], "obligation": "defense", "reliability": 0.5, "format": "bilateral"]
            }
        }, "1001 alliances, more than 1000")
        try refused({ c in
            var sides = c["sides"] as? [[String: Any]] ?? []
            sides[0]["members"] = ["RUS", "RUS"]
            c["sides"] = sides
        }, "side 'East' lists RUS twice")
        try refused({ c in
            var sanctions = c["sanctions"] as? [String: Any] ?? [:]
            sanctions["parameters"] = ["turnYears": -1, "capacity": 0.5, "detectionRate": 1, "secondaryShare": 0.2,
                                       "adaptationYears": 2, "multiplier": 0.3]
            c["sanctions"] = sanctions
        }, "sanctions.turn_years must be a number in (0, 100], got -1")
        try refused({ c in
            var caps = c["capabilities"] as? [String: Any] ?? [:]
            let one: [String: Any] = ["stateabb": "X", "ccode": 1, "year": 2016]
            caps["states"] = (0...10_000).map { i -> [String: Any] in var s = one; s["stateabb"] = "X\(i)"; return s }
            c["capabilities"] = caps
        }, "10001 states in the capabilities, more than 10000")
    }
}
