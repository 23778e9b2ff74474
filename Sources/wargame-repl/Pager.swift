import CEditLine
import Foundation

/// Long output goes through a pager on a terminal, as git and psql do: `$PAGER`, else
/// `less -FRX` (-F: quit when it fits a screen, -R: keep colours, -X: leave it on the
/// screen). Never when standard output is not a terminal, and not with `:set pager off`.
///
/// Output is collected first (standard output goes to an unlinked temporary file while the
/// command runs, so Lua's `print` and Swift's alike are caught), then shown directly when
/// it fits the screen, else piped to the pager.
enum Pager {
    /// Runs `body`, paging what it printed when that is longer than the screen.
    static func paging<T>(_ body: () -> T) -> T {
        let rows = Int(wg_terminal_rows(1))
        guard Settings.pager, isatty(1) != 0, rows > 0 else { return body() }
        fflush(nil)
        var template = Array("/tmp/wargame-out-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return body() }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(1)
        guard saved >= 0, dup2(fd, 1) >= 0 else { close(fd); if saved >= 0 { close(saved) }; return body() }
        let result = body()
        fflush(nil)
        _ = dup2(saved, 1)
        close(saved)
        var data = Data()
        lseek(fd, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        close(fd)
        show(data, rows: rows, cols: max(Int(wg_terminal_cols(1)), 1))
        return result
    }

    /// Screen lines `data` takes at `cols` columns (long lines wrap).
    static func height(_ data: Data, cols: Int) -> Int {
        String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .reduce(0) { $0 + max(1, ($1.count + cols - 1) / cols) } + (data.last == 10 || data.isEmpty ? 0 : 1)
    }

    static func show(_ data: Data, rows: Int, cols: Int) {
        guard !data.isEmpty else { return }
        let env = ProcessInfo.processInfo.environment
        let command = env["PAGER"] ?? "less -FRX"
        guard height(data, cols: cols) >= rows, !command.trimmingCharacters(in: .whitespaces).isEmpty,
              pipe(through: command, data) else {
            writeAll(1, data)
            return
        }
    }

    /// Feeds `data` to `sh -c command` and waits for it; false if it could not start.
    /// posix_spawn, not Foundation's Process: the pager must stay in the terminal's
    /// foreground process group to read keys (Process puts its child in a group of its own,
    /// where less is stopped as soon as it touches the terminal).
    static func pipe(through command: String, _ data: Data) -> Bool {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var env = ProcessInfo.processInfo.environment
        if env["LESS"] == nil { env["LESS"] = "FRX" }
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        close(fds[0])
        guard spawned == 0 else { close(fds[1]); return false }
        // A pager quit before reading everything closes the pipe: no SIGPIPE for us then.
        let old = signal(SIGPIPE, SIG_IGN)
        writeAll(fds[1], data)
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        signal(SIGPIPE, old)
        let exited = status & 0x7f == 0
        return !(exited && (status >> 8) & 0xff == 127)  // the shell found no such pager: print instead
    }

    static func writeAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
