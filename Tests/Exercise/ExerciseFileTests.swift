import Foundation
import Testing
@testable import WargameKit

/// Exercise files that are wrong get one line naming the file and the field; files are
/// loaded sandboxed, so one that reaches for the file system is refused.
@Suite struct ExerciseFileTests {
    static let scenario = Programs.root.appendingPathComponent("Scripts/scenarios/default.lua").path

    static func team(_ name: String, _ side: String, extra: String = "") -> String {
        "{ name = \"\(name)\", side = \"\(side)\", public = \"p\", private = \"q\"\(extra) }"
    }

    /// Loads an exercise whose fields are `body` and returns the refusal (nil: it loaded).
    func refusal(_ body: String, scenario: String = ExerciseFileTests.scenario) throws -> String? {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.lua").path
        try "return { name = \"X\", briefing = \"b\", scenario = \"\(scenario)\", \(body) }".write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try ExerciseLoader.load(file)
            return nil
        } catch {
            #expect(!error.message.contains("\n"), "\(error.message)")
            #expect(error.message.contains("x.lua"), "\(error.message)")
            return error.message
        }
    }

    @Test func aGoodFileLoads() throws {
        let ok = try refusal("turns = 3, teams = { \(Self.team("A", "NATO")), \(Self.team("B", "Russia", extra: ", moves = { \"hold\" }, sees = { \"odds\" }")) }")
        #expect(ok == nil)
    }

    @Test(arguments: [
        ("turns = 3", "teams: expected a table, got nil"),
        ("turns = 3, teams = { \(team("A", "Nato")) }", "teams[1].side: no side 'Nato' in the scenario (sides: NATO, Russia)"),
        ("turns = 3, teams = { \(team("A", "NATO")), \(team("a", "Russia")) }", "teams[2].name: team 'a' appears twice"),
        ("turns = 3, teams = { \(team("A", "NATO")), \(team("B", "NATO")) }", "teams[2].side: side 'NATO' has two teams"),
        ("turns = 3, teams = { \(team("A", "NATO", extra: ", moves = { \"nuke\" }")) }", "teams[1].moves[1]: unknown move 'nuke'"),
        ("turns = 3, teams = { \(team("A", "NATO", extra: ", sees = { \"minds\" }")) }", "teams[1].sees[1]: unknown sight 'minds'"),
        ("turns = 3, teams = { { name = \"A\", side = \"NATO\", public = 1, private = \"q\" } }", "teams[1].public: expected a string, got number"),
        ("turns = 3, teams = { \(team("A", "NATO", extra: ", colour = \"blue\"")) }", "teams[1].colour: unknown field"),
        ("turns = \"three\", teams = { \(team("A", "NATO")) }", "turns: expected an integer, got string"),
        ("turns = 0, teams = { \(team("A", "NATO")) }", "turns: must be at least 1 (got 0)"),
        ("turns = 3, teams = { \(team("A", "NATO")) }, injects = { { turn = 2, text = \"t\", alliance = \"SEATO\", reliability = 0.5 } }",
         "injects[1].alliance: no alliance 'SEATO' in the scenario"),
        ("turns = 3, teams = { \(team("A", "NATO")) }, injects = { { turn = 2, text = \"t\", alliance = \"NATO Art. 5\" } }",
         "injects[1].reliability: an alliance inject needs a reliability"),
        ("turns = 3, teams = { \(team("A", "NATO")) }, injects = { { turn = 2, text = \"t\", alliance = \"NATO Art. 5\", reliability = 2 } }",
         "injects[1].reliability: must be between 0 and 1 (got 2.0)"),
        ("turns = 3, teams = { \(team("A", "NATO")) }, extra = true", "extra: unknown field"),
    ])
    func aWrongFieldIsNamed(body: String, message: String) throws {
        let m = try refusal(body)
        #expect(m?.contains(message) == true, "\(m ?? "loaded")")
    }

    @Test func aMissingScenarioAndAFileThatReachesForTheDiskAreRefused() throws {
        let missing = try refusal("turns = 3, teams = { \(Self.team("A", "NATO")) }", scenario: "no-such.lua")
        #expect(missing?.contains("scenario: no such file") == true, "\(missing ?? "loaded")")
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("io.lua").path
        try "local f = io.open('/etc/passwd') return {}".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ExerciseLoader.LoadError.self) { try ExerciseLoader.load(file) }
        try "return 42".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ExerciseLoader.LoadError(message: "\(file): an exercise file returns a table (got number)")) { try ExerciseLoader.load(file) }
    }

    @Test func checkLoadsExercisesAndNamesTheWrongField() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exercises = dir.appendingPathComponent("exercises")
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        let file = exercises.appendingPathComponent("bad.lua").path
        try "return { name = \"X\", briefing = \"b\", scenario = \"\(Self.scenario)\", turns = 2, teams = { \(Self.team("A", "Nope")) } }"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let bad = ScriptCheck.check(file)
        #expect(bad.kind == .exercise)
        #expect(bad.lines == ["\(file): teams[1].side: no side 'Nope' in the scenario (sides: NATO, Russia)"])
        let good = ScriptCheck.check(Programs.root.appendingPathComponent("Scripts/exercises/october-1962.lua").path)
        #expect(good.ok && good.summary == "exercise 'Thirteen days', 2 teams, 13 turns")
    }
}
