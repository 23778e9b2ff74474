/// A force-balance or attrition computation that cannot be done with the inputs given.
public enum ForceBalanceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A state code that is not in the capabilities data.
    case unknownState(String)
    /// A parameter out of its domain: what and why, e.g. `reliability of 'CSTO' must be in 0...1, got 2`.
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .unknownState(let s): return "unknown state '\(s)'"
        case .invalidParameter(let m): return m
        }
    }
}
