import Foundation
import Testing
@testable import WargameKit

/// Policy orders in an exercise, on the bundled Baltic file: sanctions imposed and lifted
/// against closed comparisons, refusals, the teams' views, and the journal.
@Suite struct ExercisePolicyOrderTests {
    static let baltic = ExerciseTests.baltic
    static let gas = "Gas cut-off to Germany"

    /// Plays turns until `turns` are adjudicated: both teams hold the sanctions rung, and
    /// `extra[turn]` gives the policy orders of that turn (team, text). Returns Germany's
    /// cumulative GDP loss to the gas package after each turn (Germany, a sanctioner of the
    /// Western package, also bears its collateral cost, which the package record leaves out).
    static func play(_ e: inout Exercise, turns: Int, extra: [Int: [(String, String)]] = [:]) throws -> [Double] {
        var loss: [Double] = []
        for turn in 1...turns {
            try e.order(team: "Blue", "rung 2")
            try e.order(team: "Red", "rung 2")
            for (team, text) in extra[turn] ?? [] { try e.order(team: team, text) }
            _ = try e.resolve()
            _ = try e.accept()
            #expect(e.scenario.turn == turn && e.scenario.ending == nil)
            loss.append(e.scenario.sanctions.state.packages[gas]?.targetLoss ?? 0)
        }
        return loss
    }

    @Test func aSanctionOrderedAtTurnThreeDoesWhatThePackageWithStartTurnThreeDoes() throws {
        var ordered = try ExerciseLoader.load(Self.baltic)
        let withOrder = try Self.play(&ordered, turns: 6, extra: [3: [("Red", "sanction gas cut-off to germany")]])
        // The same package, in the scenario from the start with start turn 3, no order.
        let loaded = try ExerciseLoader.load(Self.baltic)
        var scenario = loaded.scenario
        var package = try #require(loaded.definition.team("Red")?.package(Self.gas))
        package.startTurn = 3
        scenario.sanctions.packages.append(package)
        try scenario.sanctions.validate()
        var definition = loaded.definition
        definition.teams[1].sanctions = []
        var fromStart = try Exercise(definition: definition, scenario: scenario)
        let withPackage = try Self.play(&fromStart, turns: 6)
        #expect(withOrder == withPackage)
        #expect(ordered.scenario.sanctions.state.gdpLoss == fromStart.scenario.sanctions.state.gdpLoss)
        #expect(withOrder[0] == 0 && withOrder[1] == 0 && withOrder[2] > 0)
        #expect(ordered.scenario.sanctions.state == fromStart.scenario.sanctions.state)
        #expect(ordered.scenario.sanctions.packages == fromStart.scenario.sanctions.packages)
        // The log tells it; the record keeps the order.
        #expect(ordered.scenario.log.contains { $0.turn == 3 && $0.kind == .sanctions && $0.text.contains("Russia imposes '\(Self.gas)' on GMY") })
        #expect(ordered.records[2].policyOrders == [.init(team: "Red", side: "Russia", order: .sanction(Self.gas), byWhiteCell: false)])
        #expect(ordered.debriefText.contains("policy orders: Red (Russia) sanction \(Self.gas)"))
    }

    @Test func liftingStopsTheDamageFromGrowingAndKeepsWhatWasDone() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        let loss = try Self.play(&e, turns: 7, extra: [2: [("Red", "sanction \(Self.gas)")], 5: [("Red", "lift \(Self.gas)")]])
        #expect(loss[1] > 0 && loss[2] > loss[1] && loss[3] > loss[2])  // growing while in force
        #expect(loss[4] == loss[3] && loss[5] == loss[3] && loss[6] == loss[3])  // lifted at turn 5
        #expect(!e.inForce(Self.gas))
        #expect(e.scenario.log.contains { $0.turn == 5 && $0.text.contains("Russia lifts '\(Self.gas)'") })
        // Imposed again, it applies again (from its new start turn).
        try e.order(team: "Red", "sanction \(Self.gas)")
        _ = try e.resolve(); _ = try e.accept()
        #expect((e.scenario.sanctions.state.packages[Self.gas]?.targetLoss ?? 0) > loss[6])
    }

    @Test func blueMayLiftTheScenariosOwnPackage() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        #expect(e.inForce("Western package"))
        let loss = try Self.play(&e, turns: 4, extra: [3: [("Blue", "lift Western package")]])
        _ = loss
        let rus = e.scenario.sanctions.state.gdpLoss["RUS"] ?? 0
        try e.order(team: "Blue", "hold")
        _ = try e.resolve(); _ = try e.accept()
        #expect(e.scenario.sanctions.state.gdpLoss["RUS"] == rus)
        #expect(e.view(team: "Blue")!.orderForms.contains { $0.hasPrefix("sanction NAME (Western package: USA, UKG, FRN, GMY, POL on RUS") })
    }

    @Test(arguments: [
        ("Red", "sanction Gas cut-off to France", "order refused: no package 'Gas cut-off to France' of team Red (its packages: Gas cut-off to Germany, Gas cut-off to Poland)"),
        ("Blue", "sanction Gas cut-off to Germany", "order refused: no package 'Gas cut-off to Germany' of team Blue (its packages: Western package)"),
        ("Blue", "sanction Western package", "order refused: 'Western package' is already imposed (lift NAME lifts it)"),
        ("Red", "lift Gas cut-off to Poland", "order refused: 'Gas cut-off to Poland' is not in force (nothing to lift)"),
        ("Red", "invoke NATO Art. 5", "order refused: team Red may not invoke 'NATO Art. 5' (it may invoke: Union State, CSTO Art. 4)"),
        ("Red", "honour Union State", "order refused: team Red speaks for no alliance's allies"),
        ("Blue", "abandon CSTO Art. 4", "order refused: team Blue does not speak for the allies of 'CSTO Art. 4' (it does for: NATO Art. 5)"),
        ("Red", "embargo everything", "order refused: unknown move 'embargo everything' (team Red may order: escalate, hold, deescalate, rung N; and sanction NAME, lift NAME, invoke NAME)"),
        ("Blue", "invoke", "order refused: 'invoke NAME' needs a name (escalate; hold; deescalate; rung N (N from 0 to 9); lift NAME (in force: Western package); invoke NAME (NATO Art. 5); honour NAME, abandon NAME (NATO Art. 5: now each ally's reliability decides); clear (withdraws this turn's orders))"),
    ])
    func badPolicyOrdersAreRefusedInOneLineNamingWhy(team: String, text: String, message: String) throws {
        var e = try ExerciseLoader.load(Self.baltic)
        let before = e
        #expect(throws: ExerciseError(message)) { try e.order(team: team, text) }
        #expect(e == before)
    }

    @Test func aPackageOrOrderGivenTwiceInATurnIsRefusedAndClearWithdrawsAll() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        try e.order(team: "Red", "sanction \(Self.gas)")
        #expect(throws: ExerciseError("order refused: already ordered this turn: sanction \(Self.gas) (clear withdraws the turn's orders)")) {
            try e.order(team: "Red", "lift \(Self.gas)")
        }
        try e.order(team: "Red", "invoke Union State")
        try e.order(team: "Red", "escalate")
        #expect(e.submitted == ["Red"])
        #expect(e.pendingPolicies["Red"] == [.sanction(Self.gas), .invoke("Union State")])
        #expect(e.statusText.contains("team Red (Russia): ordered (3 orders)"))
        #expect(try e.order(team: "Red", "clear") == .clear)
        #expect(e.pending.isEmpty && e.pendingPolicies.isEmpty && e.submitted.isEmpty)
    }

    @Test func aTeamSeesWhatItMayOrderAndItsOwnPolicyOrdersButNeverTheOthers() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        let red = try #require(e.view(team: "Red"))
        #expect(red.orderForms.contains("sanction NAME (Gas cut-off to Germany: RUS on GMY, coverage 0.50, all trade, imports; Gas cut-off to Poland: RUS on POL, coverage 0.50, all trade, imports)"))
        #expect(red.orderForms.contains("invoke NAME (Union State, CSTO Art. 4)"))
        #expect(red.moves == [.escalate, .hold, .deescalate, .rung])  // the old field, unchanged
        try e.order(team: "Red", "sanction \(Self.gas)")
        #expect(e.view(team: "Red")!.policyOrders == ["sanction \(Self.gas)"])
        #expect(e.view(team: "Red")!.text.contains("Your policy orders this turn: sanction \(Self.gas)"))
        let blue = try #require(e.view(team: "Blue"))
        #expect(!blue.text.contains("Gas cut-off") && blue.policyOrders.isEmpty)
        // After the turn resolves everyone sees it on the timeline.
        _ = try e.resolve(); _ = try e.accept()
        #expect(e.view(team: "Blue")!.timeline.contains { $0.text.contains("Russia imposes '\(Self.gas)'") })
    }

    @Test func honourStandsForLaterTurnsAndRewindTakesItBack() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        try e.order(team: "Blue", "honour NATO Art. 5")
        _ = try e.resolve(); _ = try e.accept()
        #expect(e.answers == ["NATO Art. 5": true])
        #expect(e.view(team: "Blue")!.orderForms.contains("honour NAME, abandon NAME (NATO Art. 5: now honoured)"))
        try e.order(team: "Blue", "invoke NATO Art. 5")
        _ = try e.resolve(); _ = try e.accept()
        let inv = try #require(e.scenario.invocations.first)
        #expect(inv.turn == 2 && inv.side == "NATO" && inv.responses.allSatisfy(\.honoured))
        #expect(e.scenario.log.contains { $0.turn == 2 && $0.text.contains("NATO Art. 5 invoked by USA before any attack") && $0.text.contains("(answers decided, not drawn)") })
        // Nobody is left to call.
        #expect(throws: ExerciseError("order refused: no ally of 'NATO Art. 5' is left to call (each is on a side or has answered)")) {
            try e.order(team: "Blue", "invoke NATO Art. 5")
        }
        try e.rewindTurn(); try e.rewindTurn()
        #expect(e.answers.isEmpty && e.scenario.invocations.isEmpty)
    }

    @Test func inOctober1962ThePresidiumDecidesForTheWarsawPactAndThereAreNoSanctions() throws {
        var e = try ExerciseLoader.load(ExerciseTests.cuba)
        let pact = "Warsaw Pact Art. 4 (1955)"
        #expect(e.view(team: "ExComm")!.orderForms.contains("invoke NAME (NATO Art. 5 (1949))"))
        #expect(!e.view(team: "ExComm")!.orderForms.contains { $0.hasPrefix("sanction") })
        try e.order(team: "Presidium", "abandon \(pact)")
        try e.order(team: "Presidium", "invoke \(pact)")
        _ = try e.resolve(); _ = try e.accept()
        let inv = try #require(e.scenario.invocations.first)
        #expect(inv.alliance == pact && inv.side == "Soviet Union" && inv.responses.count == 6)
        #expect(inv.responses.allSatisfy { !$0.honoured })
        #expect(throws: ExerciseError("order refused: team ExComm has no sanctions packages to order")) {
            try e.order(team: "ExComm", "sanction quarantine")
        }
    }

    @Test func theWhiteCellMayOrderAPolicyForASideInAnOverride() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        _ = try e.resolve()
        let r = try e.override(side: "Russia", policy: "sanction \(Self.gas)", reason: "Moscow answers the summit")
        #expect(r.decision == .overriddenOrder(side: "Russia", order: "sanction \(Self.gas)", reason: "Moscow answers the summit"))
        #expect(r.policyOrders == [.init(team: "Red", side: "Russia", order: .sanction(Self.gas), byWhiteCell: true)])
        #expect(e.inForce(Self.gas))
        #expect(e.debriefText.contains("white cell: ordered for Russia sanction \(Self.gas): Moscow answers the summit"))
    }

    @Test func aJournalWithPolicyOrdersRebuildsTheSameExercise() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("j.jsonl").path
        let journal = try ExerciseJournal(path: path)
        var e = try ExerciseLoader.load(Self.baltic)
        let entries: [ExerciseJournalEntry] = [
            .init(kind: .start, turn: 1, file: Self.baltic),
            .init(kind: .order, turn: 1, team: "Red", move: "sanction \(Self.gas)"),
            .init(kind: .order, turn: 1, team: "Red", move: "rung 2"),
            .init(kind: .order, turn: 1, team: "Blue", move: "honour NATO Art. 5"),
            .init(kind: .resolve, turn: 1),
            .init(kind: .accept, turn: 1),
            .init(kind: .order, turn: 2, team: "Blue", move: "lift Western package"),
            .init(kind: .order, turn: 2, team: "Red", move: "invoke Union State"),
            .init(kind: .order, turn: 2, team: "Red", move: "hold"),
            .init(kind: .resolve, turn: 2),
            .init(kind: .override, turn: 2, side: "Russia", move: "sanction Gas cut-off to Poland", reason: "the white cell"),
            .init(kind: .order, turn: 3, team: "Red", move: "lift \(Self.gas)"),
        ]
        for entry in entries {
            try e.apply(entry)
            try journal.append(entry)
        }
        var rebuilt = try ExerciseLoader.load(Self.baltic)
        for entry in try ExerciseJournal.read(path) { try rebuilt.apply(entry) }
        #expect(rebuilt == e)
        #expect(rebuilt.pendingPolicies == ["Red": [.lift(Self.gas)]])
        #expect(!rebuilt.inForce("Western package") && rebuilt.inForce("Gas cut-off to Poland"))
        #expect(rebuilt.answers == ["NATO Art. 5": true])
    }
}
