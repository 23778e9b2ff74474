import Foundation
import WargameKit

/// Ctrl-C handling as lua.c does it: a flag, and while Lua runs, a hook that raises
/// "interrupted!" at the next instruction, on the main thread and on the coroutine running
/// now (`LuaState.interrupt`). Globals because a signal handler can reach nothing else;
/// written only from the main thread and the handler.
nonisolated(unsafe) var sigintReceived: sig_atomic_t = 0
nonisolated(unsafe) var runningState: OpaquePointer?

enum Interrupts {
    /// Installs the handler without SA_RESTART, so that a blocked read returns at once.
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            sigintReceived = 1
            if let L = runningState { LuaState.interrupt(L) }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked (a spawning thread's mask is
        // inherited; dispatch worker threads block signals): Ctrl-C must still reach us.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Runs `body` with Ctrl-C routed to `state`.
    static func whileRunning<T>(_ state: LuaState, _ body: () throws -> T) rethrows -> T {
        sigintReceived = 0
        runningState = state.L
        defer { runningState = nil }
        return try body()
    }

    /// Whether Ctrl-C came since the last call; clears the flag.
    static func take() -> Bool {
        defer { sigintReceived = 0 }
        return sigintReceived != 0
    }
}
