import Foundation

/// Replaces a file atomically and safely: the data goes to a temporary file created
/// exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`, unguessable name) in the target's directory,
/// is fsynced, renamed over the target, and the directory is fsynced. A crash at any point
/// leaves the previous file whole; a symbolic link planted at the temporary name is never
/// followed; and only a regular file is ever replaced: a symbolic link, a device, a fifo,
/// a socket or a directory at the target is refused (a save onto `/dev/full` must not
/// turn the device into a file).
enum AtomicFileWriter {
    /// Attempts at an unused temporary name before giving up (each name has 64 random bits,
    /// so a second attempt happens only when someone plants files there).
    static let attempts = 8

    /// Writes `data` to `path`. `random` supplies the temporary names' random part (tests
    /// replace it to plant files at the names it will try). Errors name `path`.
    static func write(_ data: Data, to path: String,
                      random: () -> UInt64 = { UInt64.random(in: .min ... .max) }) throws {
        func fail(_ reason: String) -> FileError { FileError(file: path, reason: reason) }
        guard !path.isEmpty else { throw fail("empty file name") }
        let (dir, name) = FilePath.split(path)

        // What is there now: only a regular file (or nothing) may be replaced.
        var mode: mode_t = 0o644
        var st = stat()
        if lstat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: mode = st.st_mode & 0o777
            case S_IFDIR: throw fail("is a directory")
            case S_IFLNK: throw fail("is a symbolic link (not replaced; save to the file it points to)")
            default: throw fail("is not a regular file (a device, fifo or socket; not replaced)")
            }
        } else if errno != ENOENT {
            throw fail(FileError.reason(errno: errno))
        } else if name.isEmpty || name == "." || name == ".." {
            throw fail("no such directory")
        }

        // An exclusive, unguessable temporary name; a planted file or link makes us pick another.
        var temp = "", fd: Int32 = -1
        for _ in 0..<attempts {
            temp = "\(dir)/\(temporaryPrefix(name))\(getpid()).\(hex16(random())).tmp"
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw fail(errno == EEXIST ? "could not create a temporary file: every name tried was taken"
                                       : FileError.reason(errno: errno, creating: true))
        }
        // The umask may have cleared bits of an existing file's mode: keep its mode.
        if st.st_mode & S_IFMT == S_IFREG { _ = fchmod(fd, mode) }

        var failure: Int32 = 0
        data.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? errno : EIO; return }
                off += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temp, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temp)
            throw fail(FileError.reason(errno: failure))
        }
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
        removeStaleTemporaries(of: name, in: dir)
    }

    /// `.name.` with the name cut to 100 bytes, so that the temporary name fits where the
    /// target's name fits (NAME_MAX is 255 bytes).
    static func temporaryPrefix(_ name: String) -> String {
        var cut = Substring(name)
        while cut.utf8.count > 100 { cut = cut.dropLast() }
        return ".\(cut)."
    }

    /// Sixteen lowercase hex digits.
    static func hex16(_ x: UInt64) -> String {
        let digits = String(x, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Removes temporary files that saves of `name` left when they were killed mid-write:
    /// only names of our exact pattern (`.name.PID.<16 hex>.tmp`) whose process no longer
    /// exists (a live one may be saving right now).
    static func removeStaleTemporaries(of name: String, in dir: String) {
        let prefix = temporaryPrefix(name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let middle = entry.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard middle.count == 2, middle[0].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  let pid = Int32(middle[0]), pid > 0, pid != getpid(),
                  middle[1].utf8.count == 16, middle[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { unlink("\(dir)/\(entry)") }
        }
    }
}
