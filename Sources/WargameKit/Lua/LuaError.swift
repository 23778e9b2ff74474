/// An error from loading or running Lua code, in the words Lua uses.
public enum LuaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The chunk does not compile: `chunk:line: message near 'token'`.
    case syntax(String)
    /// The chunk compiles to nothing yet because it ends early (a syntax error at `<eof>`);
    /// a REPL reads another line.
    case incomplete(String)
    /// The chunk raised an error while running; `traceback` is Lua's stack traceback.
    case runtime(message: String, traceback: String)
    /// The user interrupted running code (Ctrl-C).
    case interrupted(traceback: String)
    /// The state ran out of its memory allowance.
    case memory(String)
    /// The chunk went past its instruction budget or wall-clock limit.
    case limit(String)

    /// The one-line message, without traceback.
    public var message: String {
        switch self {
        case .syntax(let m), .incomplete(let m), .memory(let m), .limit(let m): return m
        case .runtime(let m, _): return m
        case .interrupted: return "interrupted!"
        }
    }

    /// The traceback, when the error has one.
    public var traceback: String? {
        switch self {
        case .runtime(_, let t), .interrupted(let t): return t.isEmpty ? nil : t
        default: return nil
        }
    }

    public var description: String {
        if let traceback { return message + "\n" + traceback }
        return message
    }
}

/// An error a Swift function reports to Lua. Its message becomes the Lua error's message;
/// by default the position of the calling Lua code is put in front, as Lua's own errors have.
public struct LuaCallError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Whether to prefix `chunk:line:` of the caller (off for messages that already carry
    /// a position, such as an error rethrown from a nested Lua call).
    public var addsPosition: Bool

    public init(_ message: String, addsPosition: Bool = true) {
        self.message = message
        self.addsPosition = addsPosition
    }

    public var description: String { message }

    /// `bad argument #n to 'fname' (extramsg)`, Lua's wording for argument errors.
    public static func badArgument(_ n: Int, _ function: String, _ extra: String) -> LuaCallError {
        LuaCallError("bad argument #\(n) to '\(function)' (\(extra))")
    }
}
