/// A refusal of the exercise server, in one line (starting it, or its secrets file).
public struct ServerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
