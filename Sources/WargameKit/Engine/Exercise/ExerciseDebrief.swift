import Foundation

/// What an exercise's debrief and after-action report read: the teams, each adjudicated
/// turn (orders, the model's proposal, the white cell's decision, the outcome) and the
/// public timeline. Measurement only; it is taken from an ``Exercise`` and changes nothing.
public struct ExerciseDebrief: Codable, Hashable, Sendable {
    public var name: String
    public var teams: [ExerciseDefinition.Team]
    public var ladder: [String]
    public var turns: [ExerciseTurnRecord]
    public var timeline: [TimelineEntry]

    public init(_ e: Exercise) {
        name = e.definition.name
        teams = e.definition.teams
        ladder = e.scenario.ladder.rungs.map(\.name)
        turns = e.records
        timeline = e.timeline
    }

    /// The debrief as JSON (keys sorted), for tools and the after-action report.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
