import Foundation
import Testing
@testable import WargameKit

/// The exercise engine, on the bundled exercise files (each load has its own sandboxed
/// Lua state): orders and refusals, the proposal, accept and override, injects, rewind,
/// the teams' views, and rebuilding from the journal.
@Suite struct ExerciseTests {
    static let baltic = Programs.root.appendingPathComponent("Scripts/exercises/baltic-crisis.lua").path
    static let cuba = Programs.root.appendingPathComponent("Scripts/exercises/october-1962.lua").path

    @Test func bothExerciseFilesLoadWithTheirTeamsOnTheirSides() throws {
        let b = try ExerciseLoader.load(Self.baltic)
        #expect(b.definition.teams.map(\.side) == ["NATO", "Russia"])
        #expect(b.openTurnNumber == 1 && b.scenario.turn == 0)
        let c = try ExerciseLoader.load(Self.cuba)
        #expect(c.definition.teams.map(\.side) == ["United States", "Soviet Union"])
        #expect(c.definition.turns == 13)
        #expect(!c.definition.team("Presidium")!.moves.contains(.rung))
    }

    @Test func aTeamsOrderDecidesItsSideAndTheDoctrineTheOther() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        try e.order(team: "Red", "rung 4")
        #expect(e.submitted == ["Red"])
        let p = try e.resolve()
        #expect(p.moves.first { $0.side == "Russia" } == .init(side: "Russia", move: .rung(4), decider: .team))
        #expect(p.moves.first { $0.side == "NATO" }?.decider == .doctrine)
        #expect(p.report.rung >= 4)  // escalation is unilateral
        #expect(e.scenario.turn == 0)  // a proposal changes nothing
        let r = try e.accept()
        #expect(e.scenario.turn == 1 && e.scenario.rung == p.report.rung)
        #expect(r.orders == [.init(team: "Red", side: "Russia", move: .rung(4))])
        #expect(r.decision == .accepted)
        #expect(e.pending.isEmpty && e.proposal == nil)
    }

    @Test func anOverrideReplaysTheTurnWithTheWhiteCellsMoveAndKeepsTheReason() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        try e.order(team: "Blue", "hold")
        let p = try e.resolve()
        let r = try e.override(side: "russia", move: .rung(5), reason: "Moscow is bolder than the model")
        #expect(r.decision == .overridden(side: "Russia", move: .rung(5), reason: "Moscow is bolder than the model"))
        #expect(r.proposed == p.moves)
        #expect(r.adjudicated.first { $0.side == "Russia" } == .init(side: "Russia", move: .rung(5), decider: .whiteCell))
        #expect(r.adjudicated.first { $0.side == "NATO" } == .init(side: "NATO", move: .hold, decider: .team))
        #expect(e.scenario.rung >= 5)
        // The scenario's own record of the turn: who decided each move, and the decision.
        let sources = e.scenario.lastReport?.moves.map(\.source)
        #expect(sources == [.team, .whiteCell])
        #expect(e.scenario.log.contains { $0.turn == 1 && $0.kind == .adjudication && $0.text.contains("Moscow is bolder than the model") })
        #expect(!p.report.events.contains { $0.kind == .adjudication })  // the proposal had none
        #expect(e.debriefText.contains("white cell: overrode Russia → rung 5: Moscow is bolder than the model"))
        #expect(e.debriefText.contains("orders: Blue (NATO) hold"))
        var again = try ExerciseLoader.load(Self.baltic)
        #expect(throws: ExerciseError.self) { try again.override(side: "Russia", move: .hold, reason: "x") }  // nothing proposed
        try again.order(team: "Blue", "hold")
        _ = try again.resolve()
        #expect(throws: ExerciseError.self) { try again.override(side: "Russia", move: .hold, reason: "  ") }
        #expect(throws: ExerciseError.self) { try again.override(side: "Nobody", move: .hold, reason: "why") }
    }

    @Test func badOrdersAreRefusedInOneLineAndChangeNothing() throws {
        var e = try ExerciseLoader.load(Self.cuba)
        try e.order(team: "ExComm", "escalate")
        let before = e
        let cases: [(String, String, String)] = [
            ("ExComm", "nuke them", "unknown move 'nuke them'"),
            ("ExComm", "rung x", "'rung N' needs a rung from 0 to"),
            ("ExComm", "rung 99", "'rung N' needs a rung from 0 to"),
            ("ExComm", "hold now", "'hold' takes no argument"),
            ("Presidium", "rung 3", "team Presidium may not order 'rung'"),
            ("KGB", "hold", "no team 'KGB'"),
            ("ExComm", String(repeating: "escalate ", count: 100_000), "too long (900000 characters; at most 200)"),
            ("ExComm", "", "unknown move ''"),
        ]
        for (team, text, message) in cases {
            do {
                try e.order(team: team, text)
                Issue.record("accepted \(text.prefix(20))")
            } catch let error as ExerciseError {
                #expect(error.message.contains(message), "\(error.message)")
                #expect(!error.message.contains("\n"))
                #expect(error.message.count < 300)
            }
            #expect(e == before)
        }
        e.setPaused(true)
        #expect(throws: ExerciseError.self) { try e.order(team: "Presidium", "hold") }
        #expect(throws: ExerciseError.self) { try e.resolve() }
        e.setPaused(false)
        _ = try e.resolve()
        #expect(throws: ExerciseError.self) { try e.order(team: "Presidium", "hold") }  // orders closed while adjudicating
    }

    @Test func scheduledInjectsChangeTheAllyWhenTheirTurnOpensAndRewindTakesATurnBack() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        func reliability(_ x: Exercise) -> Double? { x.scenario.alliances.first { $0.name == "Union State" }?.reliability }
        let initial = reliability(e)
        #expect(initial != 0.4)
        for _ in 0..<2 { _ = try e.resolve(); _ = try e.accept() }
        // Turn 3 is open: the file's inject at turn 3 has applied (an ally wavers).
        #expect(e.openTurnNumber == 3)
        #expect(reliability(e) == 0.4)
        #expect(e.timeline.contains { $0.kind == .inject && $0.turn == 3 && $0.text.hasPrefix("Minsk hesitates") })
        var back = e
        try back.rewindTurn()
        #expect(back.openTurnNumber == 2 && reliability(back) == initial)
        #expect(back.records.count == 1)
        #expect(!back.timeline.contains { $0.kind == .inject })
        // An inject now, from the white cell.
        try e.inject(.init(turn: 0, text: "Minsk steadies", alliance: "Union State", reliability: 0.9))
        #expect(reliability(e) == 0.9)
        #expect(throws: ExerciseError.self) { try e.inject(.init(turn: 0, text: "x", alliance: "Nope", reliability: 0.5)) }
        #expect(throws: ExerciseError.self) { try e.inject(.init(turn: 0, text: "x", alliance: "Union State", reliability: 1.5)) }
        var fresh = try ExerciseLoader.load(Self.baltic)
        #expect(throws: ExerciseError.self) { try fresh.rewindTurn() }
    }

    @Test func aTeamsViewHoldsNothingOfTheOtherTeamsPrivateBriefingOrOrder() throws {
        var e = try ExerciseLoader.load(Self.baltic)
        try e.order(team: "Blue", "rung 6")
        let blue = try #require(e.view(team: "Blue")).text
        let red = try #require(e.view(team: "red")).text
        #expect(blue.contains("Washington's guidance") && blue.contains("Your order this turn: rung 6"))
        #expect(red.contains("The Kremlin's guidance"))
        #expect(!red.contains("Washington") && !red.contains("rung 6"))
        #expect(!blue.contains("Kremlin"))
        #expect(red.contains("The North Atlantic Council"))  // the other team's public part
    }

    @Test func replayingTheJournalRebuildsTheExerciseExactly() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("j.jsonl").path
        var e = try ExerciseLoader.load(Self.baltic)
        let journal = try ExerciseJournal(path: path)
        let entries: [ExerciseJournalEntry] = [
            .init(kind: .start, turn: 1, file: Self.baltic),
            .init(kind: .order, turn: 1, team: "Blue", move: "hold"),
            .init(kind: .resolve, turn: 1),
            .init(kind: .accept, turn: 1),
            .init(kind: .inject, turn: 2, text: "Minsk wavers", alliance: "Union State", reliability: 0.1),
            .init(kind: .order, turn: 2, team: "Red", move: "escalate"),
            .init(kind: .resolve, turn: 2),
            .init(kind: .override, turn: 2, side: "NATO", move: "rung 3", reason: "the council \"agrees\"\nat last"),
            .init(kind: .order, turn: 3, team: "Red", move: "deescalate"),
            .init(kind: .pause, turn: 3, paused: true),
        ]
        for entry in entries {
            try e.apply(entry)
            try journal.append(entry)
        }
        // A line cut short by a kill is left out; the rest rebuilds the same exercise.
        let h = FileHandle(forWritingAtPath: path)!
        h.seekToEndOfFile(); h.write(Data("{\"kind\":\"ord".utf8)); try h.close()
        let read = try ExerciseJournal.read(path)
        #expect(read.count == entries.count)
        var rebuilt = try ExerciseLoader.load(read[0].file!)
        for entry in read { try rebuilt.apply(entry) }
        #expect(rebuilt == e)
        #expect(rebuilt.pending == ["Red": .deescalate] && rebuilt.paused && rebuilt.scenario.turn == 2)
        // Resuming cuts the partial line, so the next entry is a line of its own.
        try ExerciseJournal.dropPartialLine(path)
        try ExerciseJournal(path: path).append(.init(kind: .pause, turn: 3, paused: false))
        #expect(try ExerciseJournal.read(path).count == entries.count + 1)
        // A damaged line in the middle is an error naming the line.
        try "{\"kind\":\"start\",\"turn\":1,\"file\":\"x\"}\nnot json\n{\"kind\":\"pause\",\"turn\":1}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: FileError(file: path, reason: "line 2: not a journal entry")) { try ExerciseJournal.read(path) }
    }

    @Test func theExerciseEndsAtItsTurnLimitAndRefusesMoreOrders() throws {
        let loaded = try ExerciseLoader.load(Self.baltic)
        var definition = loaded.definition
        definition.turns = 2
        var e = try Exercise(definition: definition, scenario: loaded.scenario)
        for _ in 0..<2 where !e.isOver { _ = try e.resolve(); _ = try e.accept() }
        #expect(e.isOver)
        #expect(e.scenario.turn <= 2)
        #expect(throws: ExerciseError.self) { try e.order(team: "Blue", "hold") }
        #expect(throws: ExerciseError.self) { try e.resolve() }
        #expect(e.view(team: "Blue")?.text.contains("The exercise is over") == true)
        #expect(e.statusText.contains("over"))
    }
}
