import Foundation
import Testing
@testable import WargameKit

/// Writing and reading files safely: paths split without Foundation (which traps on
/// one-character paths), temporary files that cannot be hijacked, only regular files
/// replaced, reads bounded, and every error in plain words naming the path.
@Suite struct FileSafetyTests {
    static func history() throws -> ScenarioHistory {
        var s = try Scenario(name: "files", seed: 1, capabilities: try Bundled.capabilities(), warheads: [:])
        try s.setSide(Side(name: "A", members: ["USA"]))
        try s.setSide(Side(name: "B", members: ["RUS"]))
        return ScenarioHistory(s)
    }

    @Test(arguments: [
        ("a", ".", "a"), ("~", ".", "~"), (".", ".", "."), ("./", ".", ""), ("/", "/", ""), ("/a", "/", "a"),
        ("d/a", "d", "a"), ("d//a", "d", "a"), ("d/", "d", ""), ("//a", "/", "a"), ("a/b/c.wgs", "a/b", "c.wgs"),
        ("", ".", ""), ("é/ü", "é", "ü"),
    ])
    func pathsSplitWithoutFoundation(path: String, directory: String, name: String) {
        let split = FilePath.split(path)
        #expect(split.directory == directory)
        #expect(split.name == name)
    }

    @Test func errnoReadsAsPlainWords() {
        #expect(FileError.reason(errno: EACCES) == "permission denied")
        #expect(FileError.reason(errno: ENOENT) == "no such file or directory")
        #expect(FileError.reason(errno: ENOENT, creating: true) == "no such directory")
        #expect(FileError.reason(errno: EISDIR) == "is a directory")
        #expect(FileError.reason(errno: EMFILE) == "too many open files")  // strerror, first letter lowered
    }

    /// Saves and reports onto what is not a regular file are refused, each in one line
    /// naming the path, and what was there is unchanged.
    @Test func onlyRegularFilesAreReplaced() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = try Self.history()
        let target = dir.appendingPathComponent("target.txt").path
        try "precious\n".write(toFile: target, atomically: false, encoding: .utf8)
        let link = dir.appendingPathComponent("link.wgs").path
        #expect(symlink(target, link) == 0)
        let fifo = dir.appendingPathComponent("fifo.wgs").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let cases: [(String, String)] = [
            (link, "is a symbolic link (not replaced; save to the file it points to)"),
            (fifo, "is not a regular file (a device, fifo or socket; not replaced)"),
            (dir.path, "is a directory"),
            (dir.path + "/", "is a directory"),
            (dir.appendingPathComponent("none/x.wgs").path, "no such directory"),
            (target + "/x.wgs", "a part of the path is not a directory"),
            ("", "empty file name"),
        ]
        for (path, reason) in cases {
            #expect(throws: FileError(file: path, reason: reason)) { try SaveFile.write(h, to: path) }
            #expect(throws: FileError(file: path, reason: reason)) { try AfterActionReport.write(h, to: path) }
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
        var st = stat()
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        // Nothing was left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["fifo.wgs", "link.wgs", "target.txt"])
    }

    /// As root, `:save /dev/null` once replaced the device with a file.
    @Test func aDeviceIsNotReplaced() throws {
        let h = try Self.history()
        #expect(throws: FileError(file: "/dev/null", reason: "is not a regular file (a device, fifo or socket; not replaced)")) {
            try SaveFile.write(h, to: "/dev/null")
        }
        var st = stat()
        #expect(lstat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }

    /// Symbolic links planted at the temporary names a save will try (the old fixed name,
    /// then the random names) are never followed: their target is unchanged, the save goes
    /// to a name nobody planted, and when every name is taken it fails without writing.
    @Test func plantedTemporaryLinksAreNotFollowed() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = dir.appendingPathComponent("victim.txt").path
        try "victim\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let path = dir.appendingPathComponent("s.wgs").path
        let data = try SaveFile.encode(try Self.history())
        var draws: [UInt64] = [1, 2, 3, 42]
        func plant(_ name: String) { #expect(symlink(victim, dir.appendingPathComponent(name).path) == 0) }
        plant(".s.wgs.\(getpid()).tmp")  // the name saves used before
        for r in draws.dropLast() { plant(".s.wgs.\(getpid()).\(AtomicFileWriter.hex16(r)).tmp") }
        try AtomicFileWriter.write(data, to: path, random: { draws.removeFirst() })
        #expect(draws.isEmpty)  // three names were taken, the fourth was used
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
        #expect(try SaveFile.read(path).current.name == "files")
        var st = stat()
        #expect(lstat(dir.appendingPathComponent(".s.wgs.\(getpid()).\(AtomicFileWriter.hex16(42)).tmp").path, &st) != 0)

        // Every name taken: an error, the victim and the previous save untouched.
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: FileError(file: path, reason: "could not create a temporary file: every name tried was taken")) {
            try AtomicFileWriter.write(Data("new".utf8), to: path, random: { 1 })
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A replaced file keeps its mode; a new one gets 0644 (less the umask).
    @Test func replacingKeepsTheFileMode() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.wgs").path
        try AtomicFileWriter.write(Data("1".utf8), to: path)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o644 & ~currentUmask())
        #expect(chmod(path, 0o600) == 0)
        try AtomicFileWriter.write(Data("2".utf8), to: path)
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "2")
    }

    /// The umask, read without changing it (tests run in parallel).
    func currentUmask() -> mode_t {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") } ?? "Umask: 0022"
        return mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0o022
    }

    /// Cleanup after killed saves removes only our own pattern, and only for processes
    /// that are gone.
    @Test func staleTemporariesOfDeadSavesOnlyAreRemoved() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A process that has exited: its pid is free (reuse within the test is unlikely,
        // and would only keep the file, which the expectation below would show).
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        let dead = p.processIdentifier, alive = getppid()
        let hex = AtomicFileWriter.hex16(0xabc)
        let names = [
            ".s.wgs.\(dead).\(hex).tmp",       // ours, dead: removed
            ".s.wgs.\(alive).\(hex).tmp",      // ours, alive: kept
            ".s.wgs.\(dead).tmp",              // another pattern: kept
            ".s.wgs.\(dead).\(hex)x.tmp",      // not 16 hex digits: kept
            ".s.wgs.+\(dead).\(hex).tmp",      // not a plain pid: kept
            ".t.wgs.\(dead).\(hex).tmp",       // another file's: kept
            "s.wgs.\(dead).\(hex).tmp",        // no leading dot: kept
        ]
        for n in names { try Data().write(to: dir.appendingPathComponent(n)) }
        try SaveFile.write(try Self.history(), to: dir.appendingPathComponent("s.wgs").path)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(left == Set(names.dropFirst() + ["s.wgs"]))
    }

    /// A file larger than the limit is refused by its size, before it is read; one that
    /// does not tell its size (a pipe) is read up to the limit plus one byte, no further.
    @Test func readsStopOneBytePastTheLimit() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.wgs").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, off_t(ScenarioLimits.maxSaveFileBytes + 1)) == 0)  // sparse: no disk used
        #expect(throws: FileError(file: big, reason: "larger than 64 MiB, the limit for this file")) { try SaveFile.read(big) }
        #expect(throws: DataFileError(file: big, line: 0, reason: "larger than 64 MiB, the limit for this file")) {
            try Capabilities.load(path: big)
        }

        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let sent = [UInt8](repeating: 0x41, count: 3000)  // fits in the pipe's buffer
        #expect(sent.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == 3000)
        close(fds[1])
        let path = "/dev/fd/\(fds[0])"
        #expect(throws: FileError(file: path, reason: "larger than 1000 bytes, the limit for this file")) {
            try BoundedFileReader.read(path, limit: 1000)
        }
        var rest = [UInt8](repeating: 0, count: 4096)
        let left = rest.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
        #expect(left == 3000 - 1001)
    }

    @Test func readErrorsAreOneLineInPlainWords() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none.wgs").path
        #expect(throws: FileError(file: missing, reason: "no such file or directory")) { try SaveFile.read(missing) }
        #expect(throws: FileError(file: dir.path, reason: "is a directory")) { try SaveFile.read(dir.path) }
        #expect(throws: FileError(file: "", reason: "empty file name")) { try SaveFile.read("") }
    }
}
