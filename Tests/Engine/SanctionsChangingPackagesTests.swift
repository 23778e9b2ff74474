import Foundation
import Testing
@testable import WargameKit

/// The sanctions state stays right when `packages` changes between two turns, as an
/// exercise's white cell may change it: its records are kept as slots found by name
/// (issue 14), so a package that comes or goes must neither lose nor shift a record.
@Suite struct SanctionsChangingPackagesTests {
    /// A package added after turn 3 and the first one removed after turn 6, on random
    /// configurations: every report, state and draw as the model before the faster turn
    /// (``ReferenceSanctions``) gives them under the same changes.
    @Test func addedAndRemovedPackagesMatchTheReference() throws {
        var g = SeededGenerator(seed: 1406)
        var compared = 0, removed = 0
        for _ in 0..<40 {
            var fast = try SanctionsReferenceTests.model(&g)
            var reference = fast
            var plan: SanctionsPlan?
            var rngFast = SeededGenerator(seed: Int64(bitPattern: g.next())), rngReference = rngFast
            for turn in 0..<10 {
                if turn == 4 {
                    // Sanctioners not yet sanctioning T1, so that the model accepts them.
                    let busy = Set(fast.packages.filter { $0.target == "T1" }.flatMap(\.sanctioners))
                    let free = ["S1", "S2", "S3"].filter { !busy.contains($0) }
                    if !free.isEmpty {
                        fast.packages.append(SanctionPackage(name: "added", sanctioners: free, target: "T1", coverage: 0.4, startTurn: 4))
                        try fast.validate()
                    }
                }
                if turn == 7, !fast.packages.isEmpty {
                    fast.packages.removeFirst()
                    try fast.validate()
                    removed += 1
                }
                reference.packages = fast.packages
                let a = fast.advance(turn: turn, rng: &rngFast, plan: &plan)
                let b = ReferenceSanctions.advance(&reference, turn: turn, rng: &rngReference)
                #expect(a == b, "turn \(turn)")
                #expect(fast.state == reference.state, "turn \(turn)")
                #expect(rngFast == rngReference)
                for p in fast.packages {
                    #expect(fast.damage(p.target) == reference.damage(p.target))
                }
                compared += 1
            }
        }
        #expect(compared == 400 && removed > 30, "\(compared) turns, \(removed) removals")
    }

    /// A package added after turn 3 (starting on turn 4) gives the same turns as the same
    /// package there from the start: the same reports and draws on every turn, and the same
    /// state from turn 4 on (before, the model built with it holds its empty record).
    @Test func aPackageAddedLaterMatchesOneThereFromTheStart() throws {
        let late = SanctionPackage(name: "late", sanctioners: ["FRN"], target: "RUS", coverage: 0.5, startTurn: 4)
        var base = SanctionsModel(
            trade: TradeMatrix([TradeFlow(exporter: "FRN", importer: "RUS", value: 40), TradeFlow(exporter: "RUS", importer: "FRN", value: 30),
                                TradeFlow(exporter: "USA", importer: "RUS", value: 20), TradeFlow(exporter: "TUR", importer: "RUS", value: 25),
                                TradeFlow(exporter: "TUR", importer: "FRN", value: 15), TradeFlow(exporter: "KZK", importer: "RUS", value: 10)]),
            gdp: ["RUS": 1800, "FRN": 2900, "USA": 23000],
            packages: [SanctionPackage(name: "first", sanctioners: ["USA"], target: "RUS", coverage: 0.8)],
            alignments: [Alignment(name: "roundabout", members: ["TUR", "KZK"], beneficiary: "RUS", visibility: 0.6, commission: 0.1)])
        try base.validate()
        var fromStart = base
        fromStart.packages.append(late)
        try fromStart.validate()
        var added = base
        var planA: SanctionsPlan?, planB: SanctionsPlan?
        var rngA = SeededGenerator(seed: 3), rngB = rngA
        var losses: [Double] = []
        for turn in 1...10 {
            if turn == 4 {
                added.packages.append(late)
                try added.validate()
            }
            let a = added.advance(turn: turn, rng: &rngA, plan: &planA)
            let b = fromStart.advance(turn: turn, rng: &rngB, plan: &planB)
            #expect(a == b, "turn \(turn)")
            #expect(rngA == rngB)
            if turn >= 4 { #expect(added.state == fromStart.state, "turn \(turn)") }
            if turn >= 4 { #expect(added.damage("RUS") == fromStart.damage("RUS")) }
            losses.append(added.gdpLossPct("RUS"))
        }
        // The late package does something: it blocks trade from turn 4 on.
        #expect(added.state.packages["late"]?.turnsActive == 7)
        #expect((added.state.packages["late"]?.blocked ?? 0) > 0)
        #expect(losses[4] - losses[3] > losses[2] - losses[1])
    }

    /// The saved form is the dictionaries' (sorted keys): a state read back is equal, and
    /// writes the same bytes again.
    @Test func savedFormRoundTrips() throws {
        var g = SeededGenerator(seed: 7)
        var model = try SanctionsReferenceTests.model(&g)
        var rng = SeededGenerator(seed: 8)
        for turn in 0..<6 { _ = model.advance(turn: turn, rng: &rng) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = try encoder.encode(model.state)
        let back = try JSONDecoder().decode(SanctionsState.self, from: bytes)
        #expect(back == model.state)
        #expect(try encoder.encode(back) == bytes)
        let object = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == ["lastTurn", "packages", "alignments", "gdpLoss"])
    }
}
