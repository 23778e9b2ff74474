/// A data file that cannot be used, with the place that is wrong.
///
/// Its description is `file:line: reason`, the form compilers and Lua use, so an analyst
/// can jump straight to the offending line. Errors about the file as a whole (it cannot be
/// read, or holds no rows for a requested year) carry line 0 and read `file: reason`.
public struct DataFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's name as the caller gave it (a path, or a label for in-memory text).
    public var file: String
    /// 1-based line of the problem; 0 when the problem is the file as a whole.
    public var line: Int
    /// What is wrong, in a few words.
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }
}
