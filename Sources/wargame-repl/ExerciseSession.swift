import Foundation
import WargameKit

/// The white cell's exercise: the engine value and its journal. Every change goes through
/// ``perform(_:)``: tried on a copy, journalled (fsynced), then kept, so the journal holds
/// exactly what happened and a refusal changes nothing.
final class ExerciseSession: @unchecked Sendable {
    /// The REPL's exercise (one a process; meta-commands run on the main thread).
    nonisolated(unsafe) static var current: ExerciseSession?

    private(set) var exercise: Exercise
    let journal: ExerciseJournal

    init(exercise: Exercise, journal: ExerciseJournal) {
        self.exercise = exercise
        self.journal = journal
    }

    /// Applies `entry`; reports a refusal in one line and returns false.
    @discardableResult
    func perform(_ entry: ExerciseJournalEntry) -> Bool {
        var copy = exercise
        do {
            try copy.apply(entry)
        } catch {
            CommandLineTool.report("\(error)")
            return false
        }
        do {
            try journal.append(entry)
        } catch {
            CommandLineTool.report("journal not written, nothing changed: \(error)")
            return false
        }
        let before = exercise.records.count
        exercise = copy
        if exercise.records.count > before, let r = exercise.records.last {
            try? journal.append(ExerciseJournalEntry(kind: .outcome, turn: r.turn,
                                                     text: "rung \(r.previousRung) → \(r.rung)" + (r.ending.map { ", ended: \($0.reason.rawValue)" } ?? ""),
                                                     rung: r.rung))
        }
        return true
    }

    /// An entry for the open turn.
    func entry(_ kind: ExerciseJournalEntry.Kind) -> ExerciseJournalEntry {
        ExerciseJournalEntry(kind: kind, turn: exercise.openTurnNumber)
    }
}
