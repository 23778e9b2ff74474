import CEditLine
import Foundation
import WargameKit

/// Where the REPL gets its lines: libedit on a terminal, plain reads otherwise.
protocol LineReader {
    /// The next line without its newline; nil at end of input. `interrupted` is true when
    /// Ctrl-C ended the read instead.
    mutating func readLine(prompt: String) -> (line: String?, interrupted: Bool)
    /// Records a complete chunk in the history.
    mutating func remember(_ chunk: String)
    /// Writes the history out, on leaving.
    func save()
}

/// libedit, through its readline-compatible API.
struct EditLineReader: LineReader {
    let historyPath: String?

    init(historyPath: String?, completer: wg_completion_fn?) {
        self.historyPath = historyPath
        wg_rl_set_name("wargame")  // ~/.editrc lines may be prefixed "wargame:"
        _ = rl_initialize()
        wg_rl_set_word_breaks(" \t\n\"'`@$><=;|&{(,+-*/%^#[]~")
        if let completer { wg_rl_set_completion(completer) }
        wg_rl_guard_line_buffer()  // libedit writes through a stale rl_line_buffer on Tab (shim.h)
        stifle_history(1000)
        if let historyPath { _ = read_history(historyPath) }
    }

    mutating func readLine(prompt: String) -> (line: String?, interrupted: Bool) {
        _ = Interrupts.take()
        guard let raw = readline(prompt) else {
            return (nil, Interrupts.take())
        }
        defer { free(raw) }
        return (String(cString: raw), false)
    }

    mutating func remember(_ chunk: String) {
        guard !chunk.allSatisfy(\.isWhitespace) else { return }
        add_history(chunk)
    }

    func save() {
        guard let historyPath else { return }
        // Plain string logic: Foundation's path splitting traps on a one-character path.
        let dir = FilePath.split(historyPath).directory
        if dir != "." { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        _ = write_history(historyPath)
    }

    /// `WARGAME_HISTORY`, else `$XDG_STATE_HOME/wargame/history`, else
    /// `~/.local/state/wargame/history`.
    static func defaultHistoryPath(environment: [String: String]) -> String? {
        if let p = environment["WARGAME_HISTORY"] { return p.isEmpty ? nil : p }
        if let x = environment["XDG_STATE_HOME"], !x.isEmpty { return x + "/wargame/history" }
        if let h = environment["HOME"], !h.isEmpty { return h + "/.local/state/wargame/history" }
        return nil
    }
}

/// Standard input that is not a terminal: no prompt, no history.
struct PlainReader: LineReader {
    mutating func readLine(prompt: String) -> (line: String?, interrupted: Bool) {
        guard let line = Swift.readLine(strippingNewline: true) else { return (nil, false) }
        return (line, false)
    }
    mutating func remember(_ chunk: String) {}
    func save() {}
}
