import CLua
import WargameKit

/// Ctrl-C as lua(1) handles it: the handler and its flag are C (Sources/CLua/signals.h),
/// since a signal handler must not read Swift globals (lazily initialised, behind a lock).
/// While a chunk runs, the first Ctrl-C interrupts it (on the main thread and on the
/// coroutine running now) and restores the default action, so a second one ends the
/// process; at the prompt Ctrl-C only sets the flag.
enum Interrupts {
    /// Installs the handler (without SA_RESTART, so that a blocked read returns at once)
    /// and unblocks SIGINT, which a parent may have left blocked.
    static func install() { wg_sigint_install() }

    /// Runs `body` with Ctrl-C routed to `state`; the handler is back when it returns.
    static func whileRunning<T>(_ state: LuaState, _ body: () throws -> T) rethrows -> T {
        let previous = wg_sigint_begin(state.L)
        defer { wg_sigint_end(previous) }
        return try body()
    }

    /// Whether Ctrl-C came since the last call; clears the flag.
    static func take() -> Bool { wg_sigint_take() != 0 }
}
