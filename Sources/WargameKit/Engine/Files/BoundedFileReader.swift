import Foundation

/// Reads a whole file, but never more than a limit: a file larger than the limit is
/// refused by its size before any byte is read, and a file that does not tell its size
/// (a pipe, a device) is read up to the limit plus one byte, then refused.
enum BoundedFileReader {
    /// Read size per call: large enough that a big file takes few calls.
    static let chunk = 1 << 20

    /// Throws unless `path` can be opened for reading and is not a directory; the error
    /// names the path and says why in plain words.
    static func checkReadable(_ path: String) throws {
        guard !path.isEmpty else { throw FileError(file: path, reason: "empty file name") }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)  // a fifo must not block a check
        guard fd >= 0 else { throw FileError(file: path, reason: FileError.reason(errno: errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR { throw FileError(file: path, reason: "is a directory") }
    }

    /// The contents of `path`, at most `limit` bytes. Errors name `path` and say why in
    /// plain words (`is a directory`, `no such file or directory`, `larger than 64 MiB`).
    static func read(_ path: String, limit: Int) throws -> Data {
        guard !path.isEmpty else { throw FileError(file: path, reason: "empty file name") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(file: path, reason: FileError.reason(errno: errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileError(file: path, reason: FileError.reason(errno: errno)) }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { throw FileError(file: path, reason: "is a directory") }
        let tooLarge = FileError(file: path, reason: "larger than \(FileError.size(limit)), the limit for this file")
        if type == S_IFREG && st.st_size > limit { throw tooLarge }

        var data = Data()
        var buffer = [UInt8](repeating: 0, count: min(chunk, limit + 1))
        while data.count <= limit {
            let want = min(buffer.count, limit + 1 - data.count)
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(file: path, reason: FileError.reason(errno: errno))
            }
            if n == 0 { return data }
            data.append(contentsOf: buffer[0..<n])
        }
        throw tooLarge
    }
}
