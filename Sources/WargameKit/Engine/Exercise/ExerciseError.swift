/// Why the exercise refused something; the exercise is unchanged when it throws.
public struct ExerciseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
