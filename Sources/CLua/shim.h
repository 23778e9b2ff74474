// Lua 5.4 for Swift. Swift cannot import function-like macros, variadic functions or
// LUA_REGISTRYINDEX, so each one we use is redefined here as a static inline function of
// the same name: Swift code then reads like C Lua.
//
// This header also holds the only places where a Lua error is raised on behalf of Swift:
// wg_raise (the trampoline's raise) and the hooks. Swift code never raises (measured:
// raising through Swift frames leaks every object and skips `defer`; docs/architecture.md).
#ifndef WARGAME_CLUA_SHIM_H
#define WARGAME_CLUA_SHIM_H
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <signal.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#undef LUA_REGISTRYINDEX
static const int LUA_REGISTRYINDEX = -LUAI_MAXSTACK - 1000;
#undef lua_upvalueindex
static inline int lua_upvalueindex(int i) { return LUA_REGISTRYINDEX - i; }
#undef lua_pcall
static inline int lua_pcall(lua_State *L, int n, int r, int f) { return lua_pcallk(L, n, r, f, 0, NULL); }
#undef lua_pop
static inline void lua_pop(lua_State *L, int n) { lua_settop(L, -n - 1); }
#undef lua_newtable
static inline void lua_newtable(lua_State *L) { lua_createtable(L, 0, 0); }
#undef lua_tostring
static inline const char *lua_tostring(lua_State *L, int i) { return lua_tolstring(L, i, NULL); }
#undef lua_tonumber
static inline lua_Number lua_tonumber(lua_State *L, int i) { return lua_tonumberx(L, i, NULL); }
#undef lua_tointeger
static inline lua_Integer lua_tointeger(lua_State *L, int i) { return lua_tointegerx(L, i, NULL); }
#undef lua_pushcfunction
static inline void lua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcclosure(L, f, 0); }
#undef lua_newuserdata
static inline void *lua_newuserdata(lua_State *L, size_t n) { return lua_newuserdatauv(L, n, 1); }
#undef lua_pushglobaltable
static inline void lua_pushglobaltable(lua_State *L) { lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); }
#undef lua_isnil
static inline int lua_isnil(lua_State *L, int i) { return lua_type(L, i) == LUA_TNIL; }
#undef lua_isnoneornil
static inline int lua_isnoneornil(lua_State *L, int i) { return lua_type(L, i) <= 0; }
#undef lua_istable
static inline int lua_istable(lua_State *L, int i) { return lua_type(L, i) == LUA_TTABLE; }
#undef lua_isfunction
static inline int lua_isfunction(lua_State *L, int i) { return lua_type(L, i) == LUA_TFUNCTION; }
#undef lua_insert
static inline void lua_insert(lua_State *L, int i) { lua_rotate(L, i, 1); }
#undef lua_remove
static inline void lua_remove(lua_State *L, int i) { lua_rotate(L, i, -1); lua_pop(L, 1); }
#undef lua_replace
static inline void lua_replace(lua_State *L, int i) { lua_copy(L, -1, i); lua_pop(L, 1); }
// Raw registry read in place of luaL_getmetatable: Lua's own macro uses lua_getfield, which
// runs an __index a script put on the registry (debug.setmetatable(debug.getregistry(),
// ...)) and can raise from Swift.
static inline int wg_rawgetmetatable(lua_State *L, const char *n) {
    lua_pushstring(L, n);
    return lua_rawget(L, LUA_REGISTRYINDEX);
}
#undef luaL_typename
static inline const char *luaL_typename(lua_State *L, int i) { return lua_typename(L, lua_type(L, i)); }
#undef luaL_loadbuffer
static inline int luaL_loadbuffer(lua_State *L, const char *s, size_t sz, const char *n) { return luaL_loadbufferx(L, s, sz, n, NULL); }

static const char *const WG_LUA_RELEASE = LUA_RELEASE;
static const int WG_LUA_MULTRET = LUA_MULTRET;
static const int WG_LUA_OK = LUA_OK;
static const int WG_LUA_YIELD = LUA_YIELD;
static const int WG_LUA_ERRRUN = LUA_ERRRUN;
static const int WG_LUA_ERRSYNTAX = LUA_ERRSYNTAX;
static const int WG_LUA_ERRMEM = LUA_ERRMEM;
static const int WG_LUA_ERRERR = LUA_ERRERR;

/// The one place a Lua error is raised for Swift: called from the trampoline frame, which
/// holds no Swift references, with the message already on the stack. With `where` set the
/// message gets the calling chunk's position in front, as luaL_error does.
static inline int wg_raise(lua_State *L, int where) {
    if (where && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

// ---------------------------------------------------------------------------------------
// Allocator with a limit. Every state is created through it; limit 0 means none.
//
// While Swift code called from Lua runs (`swift` > 0) the limit is not enforced: a failed
// allocation there would raise through Swift frames. Whatever Swift pushes counts, and the
// next allocation Lua itself makes past the limit fails with "not enough memory". The host
// (LuaState) sets the count back to 1 whenever it arms a chunk's limits, so an exit that a
// raise jumped over cannot leave the limit off.
typedef struct wg_alloc_state {
    size_t used;
    size_t limit;
    int swift;
} wg_alloc_state;

static void *wg_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    wg_alloc_state *st = (wg_alloc_state *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        st->used -= old;
        return NULL;
    }
    if (st->limit != 0 && st->swift == 0 && nsize > old && st->used + (nsize - old) > st->limit) return NULL;
    void *p = realloc(ptr, nsize);
    if (p != NULL) st->used = st->used - old + nsize;
    return p;
}

static inline wg_alloc_state *wg_alloc_state_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (wg_alloc_state *)ud;
}
/// Around a call into Swift (the trampoline): the limit waits until Swift returns.
static inline void wg_swift_enter(lua_State *L) { wg_alloc_state_of(L)->swift += 1; }
static inline void wg_swift_leave(lua_State *L) { wg_alloc_state_of(L)->swift -= 1; }
/// Around a call from Swift back into Lua: the limit applies again; returns what to restore.
static inline int wg_swift_suspend(lua_State *L) {
    wg_alloc_state *st = wg_alloc_state_of(L);
    int saved = st->swift;
    st->swift = 0;
    return saved;
}
static inline void wg_swift_resume(lua_State *L, int saved) { wg_alloc_state_of(L)->swift = saved; }

static int wg_panic(lua_State *L) {
    (void)L;
    abort();  // unreachable: every call into Lua from Swift is protected
    return 0;
}

static inline lua_State *wg_newstate(wg_alloc_state *st) {
    lua_State *L = lua_newstate(wg_alloc, st);
    if (L) lua_atpanic(L, wg_panic);
    return L;
}

/// Field write on a table Swift has just made (lua_createtable, no metatable): t[k] = the
/// value on top (popped). lua_setfield reaches no metamethod on such a table, and it costs
/// less than pushing the key and rotating it under the value for a raw set (a policy's
/// view is made of eleven of them every turn; issue 14's profile). Never for a table a
/// script can reach: use wg_rawsetfield there.
static inline void wg_setfreshfield(lua_State *L, int idx, const char *k) { lua_setfield(L, idx, k); }

/// Switches the state's collector to generational mode (lua_gc is variadic, which Swift
/// cannot call).
static inline void wg_gc_generational(lua_State *L) { (void)lua_gc(L, LUA_GCGEN, 0, 0); }

/// Pushes "turn N [kind] text", an event's description, built on the C stack: a policy's
/// view carries the last turn's events every turn, and building each line as a Swift
/// string first was a tenth of the view's cost (issue 14's profile).
static inline void wg_pushevent(lua_State *L, long long turn, const char *kind, size_t kl,
                                const char *text, size_t tl) {
    char digits[24];
    int n = 0;
    unsigned long long u = turn < 0 ? 0ULL - (unsigned long long)turn : (unsigned long long)turn;
    do { digits[n++] = (char)('0' + u % 10); u /= 10; } while (u != 0);
    if (turn < 0) digits[n++] = '-';
    // The usual line fits a C array: one copy into Lua, no buffer box (half the cost).
    char line[256];
    if (5 + (size_t)n + 2 + kl + 2 + tl <= sizeof line) {
        size_t at = 0;
        memcpy(line, "turn ", 5); at = 5;
        while (n > 0) line[at++] = digits[--n];
        line[at++] = ' '; line[at++] = '[';
        memcpy(line + at, kind, kl); at += kl;
        line[at++] = ']'; line[at++] = ' ';
        memcpy(line + at, text, tl); at += tl;
        lua_pushlstring(L, line, at);
        return;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addlstring(&b, "turn ", 5);
    while (n > 0) luaL_addchar(&b, digits[--n]);
    luaL_addlstring(&b, " [", 2);
    luaL_addlstring(&b, kind, kl);
    luaL_addlstring(&b, "] ", 2);
    luaL_addlstring(&b, text, tl);
    luaL_pushresult(&b);
}

// ---------------------------------------------------------------------------------------
// Hooks: interruption (Ctrl-C) and per-chunk limits (instruction budget, wall clock).
// Raising from a hook is what lua.c does; these are C frames, no Swift in between.
//
// Hooks belong to a Lua thread, not to the state. A coroutine gets the hook of the thread
// that creates it, and the coroutine functions of coroutines.h give it the hook of the
// thread that resumes it; `running` names the thread an interrupt must reach.
typedef struct wg_limits {
    volatile sig_atomic_t interrupted;  // set by a signal handler
    int fired;                          // what the hook last raised: 1 interrupt, 2 budget, 3 time
    void *owner;                        // the Swift LuaState, unretained
    long long budget;                   // instructions left; < 0: no budget
    double deadline;                    // CLOCK_MONOTONIC seconds; 0: none
    lua_State *volatile running;        // the coroutine running now; NULL: the main thread
    int closing;                        // coroutines being closed, one inside another's __close
} wg_limits;

/// Instructions between two runs of the limits hook. Small, because one instruction can be
/// costly (a concatenation or comparison of 30 MB strings takes about 10 ms): 100 of them
/// stay well under the second the sandbox promises. The price of the hook is in Lua's
/// per-instruction trap, which any count makes the VM pay, not in this number.
static const int WG_HOOK_STEP = 100;

static inline double wg_monotonic_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/// The same clock, read cheaply (a few ns, a few ms of resolution): for checks made on
/// every hook run and every guarded call.
static inline double wg_coarse_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline wg_limits *wg_limits_of(lua_State *L) {
    return *(wg_limits **)lua_getextraspace(L);
}

static const char *wg_limit_message(int fired) {
    return fired == 1 ? "interrupted!" : fired == 2 ? "instruction budget exceeded" : "time limit exceeded";
}

/// Raises `msg` from a hook with the position of the running Lua function (level 0 in a
/// hook; luaL_error would name its caller).
static int wg_hook_raise(lua_State *L, const char *msg) {
    luaL_where(L, 0);
    lua_pushstring(L, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

static void wg_limits_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    wg_limits *lim = wg_limits_of(L);
    if (lim == NULL) return;
    // Once a limit has fired in this chunk it fires again at every instruction, so a
    // script cannot catch it with pcall and loop on: the error reaches the top.
    if (lim->fired != 0) {
        lua_sethook(L, wg_limits_hook, LUA_MASKCOUNT, 1);
        wg_hook_raise(L, wg_limit_message(lim->fired));
    }
    if (lim->interrupted) {
        lim->interrupted = 0;
        lim->fired = 1;
        wg_hook_raise(L, "interrupted!");
    }
    if (lim->budget >= 0) {
        lim->budget -= WG_HOOK_STEP;
        if (lim->budget < 0) { lim->budget = 0; lim->fired = 2; wg_hook_raise(L, "instruction budget exceeded"); }
    }
    if (lim->deadline > 0 && wg_coarse_now() > lim->deadline) {
        lim->fired = 3;
        wg_hook_raise(L, "time limit exceeded");
    }
}

/// The check the hook makes, for long-running Swift code (a many-turn step) that runs no
/// Lua instructions: returns what fired (1 interrupt, 2 budget, 3 time) or 0, and never
/// raises; the caller throws.
static inline int wg_limits_check(lua_State *L) {
    wg_limits *lim = wg_limits_of(L);
    if (lim == NULL) return 0;
    if (lim->fired != 0) return lim->fired;
    if (lim->interrupted) { lim->interrupted = 0; lim->fired = 1; return 1; }
    if (lim->budget == 0) { lim->fired = 2; return 2; }
    if (lim->deadline > 0 && wg_coarse_now() > lim->deadline) { lim->fired = 3; return 3; }
    return 0;
}

/// The same check for C functions that can run long without executing Lua (the sandbox's
/// guarded library functions): raises the limit's error, positioned at the nearest Lua
/// caller, and makes every following instruction of this thread raise it again.
static void wg_raise_if_due(lua_State *L) {
    int fired = wg_limits_check(L);
    if (fired == 0) return;
    lua_sethook(L, wg_limits_hook, LUA_MASKCOUNT, 1);
    lua_Debug ar;
    int level = 1;
    lua_pushliteral(L, "");
    while (lua_getstack(L, level++, &ar)) {  // a comparator's caller is `sort`, a C function
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pop(L, 1);
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            break;
        }
    }
    lua_pushstring(L, wg_limit_message(fired));
    lua_concat(L, 2);
    lua_error(L);
}

/// Lets every thread of this state find its limits (threads copy the main extra space).
static inline void wg_set_limits(lua_State *L, wg_limits *lim) {
    *(wg_limits **)lua_getextraspace(L) = lim;
}

/// Installs the count hook on L (and, since Lua 5.4 threads inherit the hook of the
/// thread that creates them, on coroutines created from it afterwards).
static inline void wg_hook_on(lua_State *L) {
    lua_sethook(L, wg_limits_hook, LUA_MASKCOUNT, WG_HOOK_STEP);
}
static inline void wg_hook_off(lua_State *L) { lua_sethook(L, NULL, 0, 0); }

/// Signal-safe: sets the flag and a hook that fires on the next instruction, as lua.c does,
/// on the main thread and on the coroutine running now (a hook set on the main thread alone
/// never fires while a coroutine loops).
static inline void wg_interrupt(lua_State *L) {
    wg_limits *lim = wg_limits_of(L);
    if (lim) lim->interrupted = 1;
    lua_sethook(L, wg_limits_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
    lua_State *co = lim ? lim->running : NULL;
    if (co != NULL && co != L) lua_sethook(co, wg_limits_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/// Before Lua runs on thread `co` for `L` (a resume, or the __close handlers of a closing
/// coroutine): `co` gets L's limits hook (or loses a stale one; a hook someone else set, as
/// debug.sethook does, is left alone) and becomes the thread an interrupt reaches. Returns
/// what `wg_leave_thread` restores.
static lua_State *wg_enter_thread(lua_State *L, lua_State *co) {
    lua_Hook mine = lua_gethook(co), theirs = lua_gethook(L);
    if (mine == NULL || mine == wg_limits_hook) {
        if (theirs == wg_limits_hook) lua_sethook(co, theirs, lua_gethookmask(L), lua_gethookcount(L));
        else if (theirs == NULL && mine != NULL) lua_sethook(co, NULL, 0, 0);
    }
    wg_limits *lim = wg_limits_of(L);
    if (lim == NULL) return NULL;
    lua_State *previous = lim->running;
    lim->running = co;
    // An interrupt or limit that came just before: the coroutine stops at once.
    if (lim->interrupted || lim->fired) lua_sethook(co, wg_limits_hook, LUA_MASKCOUNT, 1);
    return previous;
}

/// After `co` returned to `L`: L is the running thread again and, if a limit fired or an
/// interrupt came meanwhile, raises it at its next instruction (a coroutine.resume that
/// returns false must not let the caller go on looping).
static void wg_leave_thread(lua_State *L, lua_State *previous) {
    wg_limits *lim = wg_limits_of(L);
    if (lim == NULL) return;
    lim->running = previous;
    if (lim->fired != 0 || lim->interrupted) lua_sethook(L, wg_limits_hook, LUA_MASKCOUNT, 1);
}

/// Message handler that appends a traceback (lua.c's msghandler).
static int wg_msghandler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}
static inline lua_CFunction wg_msghandler_fn(void) { return wg_msghandler; }

// Raw access for Swift. lua_getfield, lua_setfield, lua_gettable, lua_settable, lua_geti,
// lua_seti, lua_getglobal and lua_setglobal run metamethods, which a script can install on
// any table Swift touches (the registry and package.loaded through `debug`, the global
// table with setmetatable): a metamethod that errors would raise through Swift frames.
// Swift uses these instead. They can still fail on allocation, but Swift runs them only
// under the memory-limit exemption (wg_alloc_state.swift > 0: the host, or a call through
// the trampoline), where the allocator does not refuse.

/// Raw field read: pushes t[k] without metamethods and returns its type.
static inline int wg_rawgetfield(lua_State *L, int idx, const char *k) {
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    return lua_rawget(L, idx);
}

/// Raw field write: t[k] = the value on top (popped), without metamethods.
static inline void wg_rawsetfield(lua_State *L, int idx, const char *k) {
    idx = lua_absindex(L, idx);
    lua_pushstring(L, k);
    lua_insert(L, -2);
    lua_rawset(L, idx);
}

/// Where wg_openlibs keeps the library's math.randomseed.
#define WG_RANDOMSEED_KEY "wargame.randomseed"

/// Pushes the library's math.randomseed (nil if the state has no math library).
static inline int wg_rawgetrandomseed(lua_State *L) {
    return wg_rawgetfield(L, LUA_REGISTRYINDEX, WG_RANDOMSEED_KEY);
}

/// math.randomseed(seed) with the library's function (wg_rawgetrandomseed), protected and
/// under the memory limit, as LuaState.protectedCall would call it but without a message
/// handler: the engine reseeds every turn, and the library function fails only when a hook
/// stops it (an interrupt, a limit). Returns LUA_OK, or the status with the message on top.
static inline int wg_reseed(lua_State *L, long long seed) {
    if (wg_rawgetrandomseed(L) != LUA_TFUNCTION) { lua_pop(L, 1); return LUA_OK; }
    lua_pushinteger(L, (lua_Integer)seed);
    int saved = wg_swift_suspend(L);
    int status = lua_pcall(L, 1, 0, 0);
    wg_swift_resume(L, saved);
    return status;
}

/// Pushes package.loaded (the registry's LUA_LOADED_TABLE), raw; returns its type.
static inline int wg_rawgetloaded(lua_State *L) {
    return wg_rawgetfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
}

// ---------------------------------------------------------------------------------------
// The trampoline: the lua_CFunction of every Swift function is this C function. The Swift
// body (a plain C function pointer) returns its result count, or -1/-2 with the message on
// the stack; the raise then happens here, in a C frame, after every Swift frame has
// returned, so no Swift reference or `defer` can be skipped whatever the optimiser inlines.

/// What a Swift body returns: n >= 0 results; -1 error message on top, to get the caller's
/// position in front; -2 error message already positioned.
typedef int (*wg_body)(lua_State *L);

/// Calls `body` with the memory limit suspended (an allocation refused inside Swift would
/// raise through Swift frames), then returns its results or raises its error.
static inline int wg_trampoline_call(lua_State *L, wg_body body) {
    wg_swift_enter(L);
    int n = body(L);
    wg_swift_leave(L);
    if (n >= 0) return n;
    return wg_raise(L, n == -1);
}

/// The Swift body of every boxed Swift function (LuaFunction.swift, @_cdecl).
extern int wg_invoke_boxed(lua_State *L);

static int wg_trampoline(lua_State *L) { return wg_trampoline_call(L, wg_invoke_boxed); }
/// The trampoline as a lua_CFunction value for Swift to push (upvalue 1: the box).
static inline lua_CFunction wg_trampoline_fn(void) { return wg_trampoline; }

#include "coroutines.h"

/// luaL_openlibs as a lua_CFunction, so that it runs protected; the coroutine library gets
/// the functions of coroutines.h.
static int wg_openlibs(lua_State *L) {
    luaL_openlibs(L);
    wg_install_coroutines(L);
    // The engine reseeds math.random at each turn with this function, kept as the library
    // made it: a script that replaces math.randomseed changes nothing of what is seeded,
    // and the engine does not look it up through two tables each turn (issue 14's profile).
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, LUA_MATHLIBNAME);
    lua_getfield(L, -1, "randomseed");
    lua_setfield(L, LUA_REGISTRYINDEX, WG_RANDOMSEED_KEY);
    lua_pop(L, 2);
    return 0;
}
static inline lua_CFunction wg_openlibs_fn(void) { return wg_openlibs; }

#include "sandbox.h"
#endif
