import WargameKit

/// What the web server needs of the white cell's exercise: a consistent copy to read, one
/// way to change it (journalled exactly as the white cell's own changes), and a call after
/// each change. The REPL's session conforms; it holds the lock, so the server never touches
/// the exercise value directly.
public protocol ExerciseHost: AnyObject, Sendable {
    /// The exercise as it is now (a copy taken under the lock).
    var exercise: Exercise { get }

    /// Applies `entry` if `check` passes on the exercise as it is at that moment (both
    /// under the lock): tried on a copy, journalled, then kept. Throws the refusal, in one
    /// line, and changes nothing.
    func submit(_ entry: ExerciseJournalEntry, check: (Exercise) throws -> Void) throws

    /// Calls `body` (on any thread, outside the lock) after each change, whoever made it.
    func onChange(_ body: @escaping @Sendable () -> Void)
}
