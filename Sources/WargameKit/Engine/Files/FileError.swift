import Foundation

/// A file that cannot be read or written: the path as given and the reason in plain words,
/// `x/y.html: no such directory`. Never a Foundation error's description, which reads
/// "NSCocoaErrorDomain error 512" on this platform.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }

    /// `code` (an errno) in plain words. `creating`: the error came from creating a file in
    /// its directory, where "no such file" means the directory is missing.
    static func reason(errno code: Int32, creating: Bool = false) -> String {
        switch code {
        case ENOENT: return creating ? "no such directory" : "no such file or directory"
        case EISDIR: return "is a directory"
        case ENOTDIR: return "a part of the path is not a directory"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many symbolic links"
        case ENAMETOOLONG: return "file name too long"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EROFS: return "read-only file system"
        case EXDEV: return "the temporary file and the target are on different file systems"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// A size in words, for limits: "64 MiB".
    static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : bytes % (1 << 10) == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}
