import Foundation
import WargameKit

/// A progress bar for `wg.montecarlo` and `wg.sweep` on standard error, when standard error
/// is a terminal (never in a pipe or a file, where it would only add noise): drawn in place
/// with a carriage return, from a quarter of a second on, and erased when the call ends.
final class MonteCarloProgressBar: MonteCarloProgress {
    private var start: Date?
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Gives `state`'s Monte Carlo calls a bar when standard error is a terminal.
    static func install(in state: LuaState) {
        guard isatty(2) != 0 else { return }
        state.monteCarloProgress = MonteCarloProgressBar()
    }

    func update(finished: Int, of total: Int) {
        let now = Date()
        guard let start else { self.start = now; return }
        guard now.timeIntervalSince(start) >= 0.25, now.timeIntervalSince(lastDraw) >= 0.1, total > 0 else { return }
        lastDraw = now
        let width = 30
        let filled = min(width, finished * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let text = String(format: "\r[%@] %d/%d runs  %.0f s  (Ctrl-C stops and keeps them)\u{1b}[K", bar, finished, total,
                          now.timeIntervalSince(start))
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
        start = nil
        drawn = false
        lastDraw = .distantPast
    }
}
