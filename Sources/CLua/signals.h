// Ctrl-C for wargame-repl, handled as lua(1) handles it (lua.c's laction and docall):
// while a chunk runs, the first SIGINT asks Lua to stop at its next instruction and puts
// back the default action, so that a second SIGINT ends the process even when the first
// cannot be acted on (a finalizer runs with hooks off); once the chunk has ended the
// handler is installed again. At the prompt SIGINT only sets the flag (the REPL prints ^C).
//
// The handler is C and touches only what is async-signal-safe: a sig_atomic_t flag, the
// target state (set before the chunk runs, by the same thread), sigaction, and
// wg_interrupt (a flag and lua_sethook, which lua.c also calls from its handler).
// Swift globals are lazily initialised (a lock on first use), so the handler reads none.
// These statics have one copy: only wargame-repl uses them.
#ifndef WARGAME_CLUA_SIGNALS_H
#define WARGAME_CLUA_SIGNALS_H
#include <pthread.h>
#include <sys/prctl.h>
#include <signal.h>
#include "shim.h"

static volatile sig_atomic_t wg_sigint_flag = 0;  // a SIGINT came since the last take
static lua_State *volatile wg_sigint_target = NULL;  // the state running a chunk, or NULL

/// Without SA_RESTART, so that a read blocked at the prompt returns at once.
static void wg_sigint_action(void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
}

static void wg_sigint_handler(int sig) {
    (void)sig;
    wg_sigint_flag = 1;
    lua_State *L = wg_sigint_target;
    if (L != NULL) {
        wg_sigint_action(SIG_DFL);  // a second Ctrl-C ends the process, as in lua(1)
        wg_interrupt(L);
    }
}

/// Installs the handler and unblocks SIGINT on the calling (main) thread: a parent may
/// have started us with it blocked (a spawning thread's mask is inherited).
static inline void wg_sigint_install(void) {
    wg_sigint_action(wg_sigint_handler);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/// A chunk starts on L: Ctrl-C now interrupts it. Returns the previous target (a chunk run
/// from inside another, as a meta-command's), for wg_sigint_end.
static inline lua_State *wg_sigint_begin(lua_State *L) {
    lua_State *previous = wg_sigint_target;
    if (previous == NULL) wg_sigint_flag = 0;
    wg_sigint_target = L;
    return previous;
}

/// The chunk has ended: back to `previous`; when that is no chunk, the handler is put back
/// (the first Ctrl-C may have restored the default action).
static inline void wg_sigint_end(lua_State *previous) {
    wg_sigint_target = previous;
    if (previous == NULL) wg_sigint_action(wg_sigint_handler);
}

/// Whether a SIGINT came since the last call; clears the flag.
static inline int wg_sigint_take(void) {
    int came = wg_sigint_flag != 0;
    wg_sigint_flag = 0;
    return came;
}
/// Names the calling thread (what /proc/<pid>/task/<tid>/comm shows, 15 bytes at most):
/// tests find the Monte Carlo workers by name to check they block SIGINT. prctl, since
/// pthread_setname_np needs _GNU_SOURCE, which Swift's import of glibc does not define.
static inline void wg_name_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }
#endif
