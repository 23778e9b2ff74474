/// Splitting a path into its directory and its last component, with plain string logic on
/// "/". Foundation's `deletingLastPathComponent` traps (SIGILL) on one-character paths
/// such as "a", "." or "~" in this toolchain; nothing here can trap.
public enum FilePath {
    /// The directory part and the last component of `path`, as the kernel reads it:
    /// "a" → (".", "a"), "/a" → ("/", "a"), "d//a" → ("d", "a"), "d/" → ("d", ""),
    /// "/" → ("/", ""). An empty last component means the path names a directory.
    public static func split(_ path: String) -> (directory: String, name: String) {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
        let name = String(decoding: bytes[(slash + 1)...], as: UTF8.self)
        var end = slash
        while end > 0 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        let directory = end == 0 ? "/" : String(decoding: bytes[..<end], as: UTF8.self)
        return (directory, name)
    }
}
