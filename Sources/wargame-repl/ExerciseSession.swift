import Foundation
import WargameKit
import WargameServer

/// The white cell's exercise: the engine value and its journal. Every change goes through
/// ``submit(_:check:)`` (or ``perform(_:)``, which reports a refusal): tried on a copy,
/// journalled (fsynced), then kept, so the journal holds exactly what happened and a
/// refusal changes nothing.
///
/// Thread-safe: the REPL's meta-commands run on the main thread while the web server's
/// teams order from Hummingbird's event loops, so the exercise is read and changed under
/// one lock, and each change is announced to the observers (the server's event streams)
/// after the lock is released.
final class ExerciseSession: ExerciseHost, @unchecked Sendable {
    /// The REPL's exercise (one a process).
    nonisolated(unsafe) static var current: ExerciseSession?
    /// The exercise's web server, when `--serve` started one.
    nonisolated(unsafe) static var server: ExerciseServer?
    /// The host name the join links use.
    nonisolated(unsafe) static var linkHost = "127.0.0.1"

    private let lock = NSLock()
    private var value: Exercise
    private var observers: [@Sendable () -> Void] = []
    let journal: ExerciseJournal

    init(exercise: Exercise, journal: ExerciseJournal) {
        self.value = exercise
        self.journal = journal
    }

    /// A copy of the exercise as it is now.
    var exercise: Exercise {
        lock.lock(); defer { lock.unlock() }
        return value
    }

    func submit(_ entry: ExerciseJournalEntry, check: (Exercise) throws -> Void) throws {
        lock.lock()
        do {
            defer { lock.unlock() }
            try check(value)
            var copy = value
            try copy.apply(entry)
            do {
                try journal.append(entry)
            } catch {
                throw JournalFailure(description: "journal not written, nothing changed: \(error)")
            }
            let before = value.records.count
            value = copy
            if value.records.count > before, let r = value.records.last {
                try? journal.append(ExerciseJournalEntry(kind: .outcome, turn: r.turn,
                                                         text: "rung \(r.previousRung) → \(r.rung)" + (r.ending.map { ", ended: \($0.reason.rawValue)" } ?? ""),
                                                         rung: r.rung))
            }
        }
        lock.lock()
        let toCall = observers
        lock.unlock()
        for o in toCall { o() }
    }

    func onChange(_ body: @escaping @Sendable () -> Void) {
        lock.lock(); defer { lock.unlock() }
        observers.append(body)
    }

    /// Applies `entry`; reports a refusal in one line and returns false.
    @discardableResult
    func perform(_ entry: ExerciseJournalEntry) -> Bool {
        do {
            try submit(entry) { _ in }
            return true
        } catch {
            CommandLineTool.report("\(error)")
            return false
        }
    }

    /// An entry for the open turn.
    func entry(_ kind: ExerciseJournalEntry.Kind) -> ExerciseJournalEntry {
        ExerciseJournalEntry(kind: kind, turn: exercise.openTurnNumber)
    }

    /// The journal could not be written: nothing changed.
    struct JournalFailure: Error, CustomStringConvertible { let description: String }
}
