import Foundation

/// Finding and running the built programs from tests.
enum Programs {
    /// The package root, from this file's place in Tests/Support.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// wargame-repl: `WARGAME_REPL` (set by `make test`), else the debug build.
    static var repl: String {
        ProcessInfo.processInfo.environment["WARGAME_REPL"] ?? root.appendingPathComponent(".build/debug/wargame-repl").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `program` with `arguments`, feeding `input` to standard input (none: /dev/null).
    static func run(_ program: String, _ arguments: [String], input: String? = nil,
                    environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "LUA_INIT")
        env.removeValue(forKey: "LUA_INIT_5_4")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input == nil ? FileHandle(forReadingAtPath: "/dev/null") : inp
        try p.run()
        if let input {
            inp.fileHandleForWriting.write(Data(input.utf8))
            try inp.fileHandleForWriting.close()
        }
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func repl(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(repl, arguments, input: input, environment: environment, directory: root)
    }

    /// The real default scenario the REPL loads into `s` (Scripts/scenarios/default.lua).
    static var defaultScenario: String { root.appendingPathComponent("Scripts/scenarios/default.lua").path }

    /// Quotes `s` for sh.
    static func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A shell command running wargame-repl with `environment` (NO_COLOR=1 unless given,
    /// no LUA_INIT, no default scenario unless given) and `arguments`.
    static func replCommand(_ arguments: [String] = [], environment: [String: String] = [:]) -> String {
        var env = ["NO_COLOR": "1", "WARGAME_DEFAULT_SCENARIO": ""]
        for (k, v) in environment { env[k] = v }
        let unset = ["LUA_INIT", "LUA_INIT_5_4", "XDG_STATE_HOME"] + env.filter { $0.value == "-" }.map(\.key)
        let sets = env.filter { $0.value != "-" }.sorted { $0.key < $1.key }.map { shellQuoted("\($0.key)=\($0.value)") }
        return (["env"] + unset.map { "-u \($0)" } + sets + [shellQuoted(repl)] + arguments.map(shellQuoted))
            .joined(separator: " ")
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wg-\(UUID().uuidString.prefix(8))")  // short: Lua cuts chunk names at 60
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A program running in the background whose standard error is watched as it comes, for
/// tests that act while it runs (a signal) and must not hang if it never ends.
final class BackgroundProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var errBytes = Data()
    private let err = Pipe()

    /// Starts `program` with `arguments` in the package root, without LUA_INIT or colour.
    init(_ arguments: [String], program: String = Programs.repl) throws {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = Programs.root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "LUA_INIT")
        env.removeValue(forKey: "LUA_INIT_5_4")
        process.environment = env
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock(); self.errBytes.append(data); self.lock.unlock()
        }
        try process.run()
    }

    /// Kills it if it is still running: a test never leaves one behind.
    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errBytes, as: UTF8.self) }

    /// Waits up to `seconds` for `text` on standard error.
    func waitForStderr(_ text: String, seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if stderr.contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    /// Waits up to `seconds` for the exit; its status, or nil (then it is killed).
    func exitStatus(seconds: Double) -> Int32? {
        let end = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < end { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        err.fileHandleForReading.readabilityHandler = nil
        let rest = err.fileHandleForReading.readDataToEndOfFile()  // what the handler has not taken
        lock.lock(); errBytes.append(rest); lock.unlock()
        return process.terminationStatus
    }
}

/// A terminal session in tmux, driven as a person types.
final class TmuxSession {
    let name: String
    let socket: String

    /// Starts `command` in a new detached tmux session of `width`×`height`.
    init(_ command: String, width: Int = 120, height: Int = 40) throws {
        name = "wg\(UUID().uuidString.prefix(8))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(name)").path
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh"])
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
        // A shell that waits for the command and prints its status: tmux can mark a pane dead
        // (pty closed) and never reap it (seen: a zombie and an empty #{pane_dead_status}).
        // The trap keeps that shell alive through Ctrl-C (a trap, unlike an ignored signal,
        // is not inherited by the command).
        try tmux(["respawn-pane", "-k", "-t", name, "trap true INT; \(command); echo \"[exit status $?]\""])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Runs tmux through system(3): Foundation's Process can miss the exit of a tmux client
    /// that has just forked the server (seen here: waitUntilExit hung on a zombie).
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let out = socket + ".out"
        let quoted = (["tmux", "-S", socket] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let status = system(quoted.joined(separator: " ") + " </dev/null >'\(out)' 2>/dev/null")
        defer { unlink(out) }
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        if status != 0 && args.first != "kill-server" { throw TmuxError(command: args, status: status) }
        return text
    }

    struct TmuxError: Error { let command: [String]; let status: Int32 }

    /// Types `text` literally (so `end` is not taken for a key name), then Enter if asked.
    func type(_ text: String, enter: Bool = true) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
        if enter { try tmux(["send-keys", "-t", name, "Enter"]) }
    }

    /// Pastes `text` as a terminal paste does (tmux's paste buffer), without Enter: the
    /// program gets it as fast as the terminal delivers it.
    func paste(_ text: String) throws {
        let file = socket + ".paste"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        try tmux(["load-buffer", "-b", "paste", file])
        try tmux(["paste-buffer", "-d", "-b", "paste", "-t", name])
    }

    /// Presses keys by tmux name: "C-c", "C-d", "Tab", "Up", "Enter".
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// The screen and all the scrollback tmux keeps (2000 lines by default).
    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name, "-S", "-"])) ?? "" }

    /// The screen with its colours, as SGR escape sequences.
    var colouredScreen: String { (try? tmux(["capture-pane", "-p", "-e", "-t", name, "-S", "-"])) ?? "" }

    /// Types `line` and Enter, waits until `prompt` is the last line again, and returns what
    /// was printed in between (nil if the prompt did not come back). Unlike `waitFor`, it
    /// cannot be fooled by the same text printed by an earlier command.
    func enter(_ line: String, prompt: String, seconds: Double = 10) throws -> String? {
        let echo = "> " + line
        func lines() -> [Substring] {
            let all = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return Array(all.prefix(through: all.lastIndex(where: { !$0.allSatisfy(\.isWhitespace) }) ?? -1))
        }
        let before = lines().filter { $0.hasSuffix(echo) }.count
        try type(line)
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let l = lines()
            let echoes = l.indices.filter { l[$0].hasSuffix(echo) }
            if echoes.count > before, let i = echoes.last, i < l.count - 1, l[l.count - 1] == prompt {
                return l[(i + 1)..<(l.count - 1)].joined(separator: "\n")
            }
            usleep(50_000)
        }
        return nil
    }

    /// Waits up to `seconds` for `text` to appear on the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if screen.contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    /// Waits until the last non-blank line on the screen is `prompt` (trailing space
    /// trimmed): the program is reading again. Keys such as Ctrl-D sent while it is busy
    /// reach a terminal in cooked mode and are lost.
    @discardableResult
    func waitForPrompt(_ prompt: String = ">", seconds: Double = 10) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let last = screen.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) })
            if last.map(String.init) == prompt { return true }
            usleep(50_000)
        }
        return false
    }

    /// Waits until the last line on the screen is a fresh prompt (ends with ">"), as a
    /// person waits before typing after Ctrl-C.
    @discardableResult
    func waitForAnyPrompt(seconds: Double = 10) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let last = screen.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) }),
               last.hasSuffix(">") { return true }
            usleep(50_000)
        }
        return false
    }

    /// Presses Ctrl-D until the program exits (up to three times) and returns its status.
    /// A key that arrives between the prompt's drawing and libedit's switch of the terminal
    /// mode can be flushed away; a person would press it again, and so does this.
    func leaveWithCtrlD() -> Int32? {
        for _ in 0..<3 {
            _ = try? press("C-d")
            if let status = exitStatus(seconds: 3) { return status }
        }
        return nil
    }

    /// Waits for the program to exit; returns its status, nil if it is still running.
    func exitStatus(seconds: Double = 10) -> Int32? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let text = screen
            if let r = text.range(of: "[exit status ") {
                return Int32(text[r.upperBound...].prefix(while: \.isNumber))
            }
            usleep(50_000)
        }
        return nil
    }
}

/// Signal dispositions and masks as Linux shows them in /proc: what a test can see of a
/// process's signal handling without stopping it.
enum ProcSignals {
    /// The mask in `field` ("SigCgt": signals with a handler, "SigBlk": blocked) of process
    /// `pid`, or of its thread `tid`; nil once the process is gone.
    static func mask(_ field: String, pid: Int32, tid: Int32? = nil) -> UInt64? {
        let path = tid.map { "/proc/\(pid)/task/\($0)/status" } ?? "/proc/\(pid)/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
        return UInt64(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces), radix: 16)
    }

    /// Whether `signal` is in `field` of the process (or thread).
    static func has(_ signal: Int32, _ field: String, pid: Int32, tid: Int32? = nil) -> Bool {
        guard let m = mask(field, pid: pid, tid: tid) else { return false }
        return m & (UInt64(1) << UInt64(signal - 1)) != 0
    }

    /// The threads of `pid` whose name (comm) is `name`.
    static func threads(named name: String, pid: Int32) -> [Int32] {
        let dir = "/proc/\(pid)/task"
        let tids = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return tids.compactMap { tid in
            let comm = (try? String(contentsOfFile: "\(dir)/\(tid)/comm", encoding: .utf8)) ?? ""
            return comm.trimmingCharacters(in: .newlines) == name ? Int32(tid) : nil
        }
    }

    /// Polls `condition` every 20 ms for up to `seconds`; whether it came true.
    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
