import Foundation
import Testing
@testable import WargameKit

/// The policy lists of an exercise file (sanctions, invoke, answers): a wrong entry gets
/// one line naming the file and the field, as the other fields do.
@Suite struct ExercisePolicyFileTests {
    static func team(_ name: String, _ side: String, _ extra: String) -> String {
        ExerciseFileTests.team(name, side, extra: ", " + extra)
    }

    static let red = team("R", "Russia", "sanctions = { { name = \"Gas\", by = { \"RUS\" }, target = \"GMY\", coverage = 0.5, direction = \"imports\" } }")

    @Test func aFileWithPolicyListsLoads() throws {
        let blue = Self.team("B", "NATO", "sanctions = { { name = \"Western package\" } }, invoke = { \"NATO Art. 5\" }, answers = { \"NATO Art. 5\" }")
        #expect(try ExerciseFileTests().refusal("turns = 3, teams = { \(blue), \(Self.red) }") == nil)
    }

    @Test(arguments: [
        (team("B", "NATO", "sanctions = { { name = \"Oil\", by = { \"USA\", \"RUS\" }, target = \"RUS\" } }"),
         "teams[1].sanctions[1].by: RUS not on side NATO (a team imposes sanctions from its own side)"),
        (team("B", "NATO", "sanctions = { { name = \"Nord Stream\" } }"),
         "teams[1].sanctions[1].target: expected a string, got nil (or name one of the scenario's packages: Western package)"),
        (team("B", "NATO", "sanctions = { { name = \"Oil\", by = { \"USA\" }, target = \"RUS\", start = 3 } }"),
         "teams[1].sanctions[1].start: unknown field (fields: by, coverage, direction, name, secondary, sectors, target)"),
        (team("B", "NATO", "sanctions = { { name = \"Oil\", by = { \"USA\" }, target = \"RUS\", coverage = 2 } }"),
         "teams[1].sanctions[1].coverage: must be in [0, 1] (got 2.0)"),
        (team("B", "NATO", "sanctions = { { name = \"Oil\", by = { \"USA\" }, target = \"BLR\" } }"),
         "teams[1].sanctions[1]: sanction 'Oil': target BLR has no GDP (give it with economy)"),
        (team("B", "NATO", "sanctions = { { name = \"Gas\", by = { \"EST\" }, target = \"RUS\" } }") + ", " + red,
         "teams[2].sanctions[1].name: package 'Gas' is listed twice"),
        (team("B", "NATO", "sanctions = { { name = \"Oil\", by = { \"USA\" }, target = \"RUS\" } }"),
         "teams[1].sanctions[1]: USA sanctions RUS in both 'Western package' and 'Oil'"),
        (team("B", "NATO", "invoke = { \"SEATO\" }"),
         "teams[1].invoke[1]: no alliance 'SEATO' in the scenario (alliances: NATO Art. 5, Union State, CSTO Art. 4)"),
        (team("B", "NATO", "invoke = { \"Union State\" }"), "teams[1].invoke[1]: side NATO is not in alliance 'Union State'"),
        (team("B", "NATO", "answers = { \"CSTO Art. 4\" }"),
         "teams[1].answers[1]: side NATO is not in alliance 'CSTO Art. 4', so the team cannot speak for its allies"),
        (team("B", "NATO", "answers = { 5 }"), "teams[1].answers[1]: expected an alliance's name, got number"),
    ])
    func aWrongPolicyEntryIsNamed(teams: String, message: String) throws {
        let got = try ExerciseFileTests().refusal("turns = 3, teams = { \(teams) }")
        #expect(got?.hasSuffix("x.lua: \(message)") == true, "\(got ?? "loaded")")
    }
}
