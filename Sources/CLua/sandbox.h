// Sandbox helpers (included by shim.h). C frames: raising here is what the standard
// library does.
//
// The count hook sees Lua instructions only. A library function is one instruction however
// long it runs in C, so the sandbox gives the costly ones a guard (wg_sandbox_guard): it
// raises a limit that is due (a loop of costly calls stops at the deadline, not at the next
// hook), refuses arguments whose cost has no bound the limits could enforce
// (string.rep("", math.maxinteger), table.move over 1e15 slots), and then runs the library
// function in its own frame, so that argument errors read exactly as Lua's (`bad argument #2
// to 'rep'`, positioned at the caller). Pattern functions are replaced by the sandbox's own
// matcher (patterns.h), which checks the limits every few thousand steps.
#ifndef WARGAME_CLUA_SANDBOX_H
#define WARGAME_CLUA_SANDBOX_H
#include <ctype.h>
#include <stdio.h>
#include "patterns.h"

/// Bounds of one guarded call. Each is far above what an exercise needs and keeps one
/// call well under the 1 s limit (measured on this project's 2-core machine, release build):
/// - a string.rep result, when the state has no memory limit: 256 MiB;
static const double WG_MAX_STRING = 256.0 * 1024 * 1024;
/// - elements one table.move, or one insert/remove/concat through a `__len`, may cover:
///   4M nil moves take about 0.1 s;
static const lua_Integer WG_MAX_ELEMENTS = (lua_Integer)1 << 22;
/// - a chunk given to load (1 MiB compiles in about 0.1 s; 16 MiB took 1.2 s);
static const size_t WG_MAX_CHUNK = 1 << 20;
/// - what one print or warn writes (a terminal can take seconds to show megabytes);
static const size_t WG_MAX_OUTPUT = 1 << 20;
/// - a format for os.date or string.pack/unpack/packsize (each directive costs a call);
static const size_t WG_MAX_FORMAT = 4096;

/// What a guard checks, besides the limits (upvalue 2 of wg_sandbox_guard).
static const int WG_GUARD_CHECK = 0;         // only the limits
static const int WG_GUARD_REP = 1;           // string.rep: size of the result
static const int WG_GUARD_MOVE = 2;          // table.move: elements moved
static const int WG_GUARD_INSERT = 3;        // table.insert: elements shifted (through __len)
static const int WG_GUARD_REMOVE = 4;        // table.remove: elements shifted (through __len)
static const int WG_GUARD_CONCAT = 5;        // table.concat: elements joined
static const int WG_GUARD_SORT = 6;          // table.sort: the limits checked at each comparison
static const int WG_GUARD_FIND = 7;          // string.find: the sandbox's matcher (patterns.h)
static const int WG_GUARD_MATCH = 8;         // string.match: likewise
static const int WG_GUARD_GMATCH = 9;        // string.gmatch: likewise
static const int WG_GUARD_GSUB = 10;         // string.gsub: likewise
static const int WG_GUARD_COLLECT = 11;      // collectgarbage: no change of collector mode or tuning
static const int WG_GUARD_WARN = 12;         // warn: length of the message
static const int WG_GUARD_SETMETATABLE = 13; // setmetatable: no __gc
static const int WG_GUARD_FORMAT = 14;       // os.date, string.pack/unpack/packsize: format length

// ---------------------------------------------------------------------------------------
// The other guards.

/// A length through `__len` (which can claim any size of an empty table), or -1 without one.
static lua_Integer wg_meta_length(lua_State *L, int index) {
    if (lua_type(L, index) != LUA_TTABLE || luaL_getmetafield(L, index, "__len") == LUA_TNIL) return -1;
    lua_pop(L, 1);
    return luaL_len(L, index);
}

/// Refuses a loop of `count` element steps past WG_MAX_ELEMENTS.
static void wg_guard_count(lua_State *L, lua_Integer first, lua_Integer last, int arg, const char *what) {
    if (last >= first && (lua_Unsigned)last - (lua_Unsigned)first >= (lua_Unsigned)WG_MAX_ELEMENTS) {
        char buf[120];
        snprintf(buf, sizeof buf, "too many elements to %s for the sandbox (at most %lld)", what, (long long)WG_MAX_ELEMENTS);
        luaL_argerror(L, arg, buf);
    }
}

static lua_Integer wg_opt_integer(lua_State *L, int index, lua_Integer def, int *ok) {
    if (lua_isnoneornil(L, index)) { *ok = 1; return def; }
    return lua_tointegerx(L, index, ok);
}

/// table.sort's comparator in the sandbox: the user's (upvalue 1) or `<`, after a check of
/// the limits, so that a sort of a large table stops at the deadline.
static int wg_sort_less(lua_State *L) {
    wg_raise_if_due(L);
    if (lua_type(L, lua_upvalueindex(1)) == LUA_TNIL) {
        lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
        return 1;
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

/// Argument checks of guard `kind`; pushes results and returns their count when the guard
/// answers itself, else -1 (the library function runs).
static int wg_guard_arguments(lua_State *L, int kind) {
    int ok = 0;
    switch (kind) {
        case WG_GUARD_REP: {
            size_t l = 0, lsep = 0;
            int t1 = lua_type(L, 1), t3 = lua_type(L, 3);
            lua_Integer n = lua_tointegerx(L, 2, &ok);
            if ((t1 != LUA_TSTRING && t1 != LUA_TNUMBER) || !ok || n <= 0) return -1;
            if (t3 == LUA_TSTRING || t3 == LUA_TNUMBER) lua_tolstring(L, 3, &lsep);
            else if (t3 > LUA_TNIL) return -1;
            lua_tolstring(L, 1, &l);
            // The library loops n times even when nothing is copied: "" is the answer.
            if (l + lsep == 0) { lua_pushliteral(L, ""); return 1; }
            // With a memory limit the result's allocation, made before the copying loop,
            // fails first ("not enough memory"); without one, this bound stands in for it.
            if (wg_alloc_state_of(L)->limit == 0 && (double)(l + lsep) * (double)n > WG_MAX_STRING)
                luaL_argerror(L, 2, "resulting string too large for the sandbox (at most 256 MiB)");
            return -1;
        }
        case WG_GUARD_MOVE: {
            int ok2 = 0;
            lua_Integer f = lua_tointegerx(L, 2, &ok), e = lua_tointegerx(L, 3, &ok2);
            if (ok && ok2) wg_guard_count(L, f, e, 3, "move");
            return -1;
        }
        case WG_GUARD_INSERT: {
            if (lua_gettop(L) != 3) return -1;  // an append shifts nothing
            lua_Integer pos = lua_tointegerx(L, 2, &ok);
            lua_Integer n = ok ? wg_meta_length(L, 1) : -1;
            if (n >= 0) wg_guard_count(L, pos, n, 1, "shift");
            return -1;
        }
        case WG_GUARD_REMOVE: {
            if (lua_isnoneornil(L, 2)) return -1;  // the last element: nothing to shift
            lua_Integer pos = lua_tointegerx(L, 2, &ok);
            lua_Integer n = ok ? wg_meta_length(L, 1) : -1;
            if (n >= 0) wg_guard_count(L, pos, n, 1, "shift");
            return -1;
        }
        case WG_GUARD_CONCAT: {
            lua_Integer i = wg_opt_integer(L, 3, 1, &ok);
            if (!ok) return -1;
            lua_Integer j = lua_isnoneornil(L, 4) ? wg_meta_length(L, 1) : lua_tointegerx(L, 4, &ok);
            if (ok && j >= 0) wg_guard_count(L, i, j, lua_isnoneornil(L, 4) ? 1 : 4, "concatenate");
            return -1;
        }
        case WG_GUARD_SORT: {
            int t2 = lua_type(L, 2);
            if (t2 == LUA_TNONE || t2 == LUA_TNIL || t2 == LUA_TFUNCTION) {
                lua_settop(L, 2);
                lua_pushvalue(L, 2);
                lua_pushcclosure(L, wg_sort_less, 1);
                lua_replace(L, 2);
            }
            return -1;
        }
        // Pattern functions: the sandbox's own, which check the limits as they match.
        case WG_GUARD_FIND: return wg_pm_find(L, 1);
        case WG_GUARD_MATCH: return wg_pm_find(L, 0);
        case WG_GUARD_GMATCH: return wg_pm_gmatch(L);
        case WG_GUARD_GSUB: return wg_pm_gsub(L);
        case WG_GUARD_COLLECT: {
            static const char *const refused[] = {"generational", "incremental", "setpause", "setstepmul", NULL};
            const char *option = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : NULL;
            for (int i = 0; option != NULL && refused[i] != NULL; i++)
                if (strcmp(option, refused[i]) == 0)
                    luaL_argerror(L, 1, lua_pushfstring(L, "option '%s' is not allowed in the sandbox", option));
            return -1;
        }
        case WG_GUARD_WARN: {
            size_t total = 0;
            for (int i = 1; i <= lua_gettop(L); i++)
                if (lua_type(L, i) == LUA_TSTRING) total += lua_rawlen(L, i);
            if (total > WG_MAX_OUTPUT) luaL_argerror(L, 1, "message too long for the sandbox (at most 1 MiB)");
            return -1;
        }
        case WG_GUARD_SETMETATABLE: {
            if (lua_type(L, 2) == LUA_TTABLE) {
                lua_pushliteral(L, "__gc");
                int gc = lua_rawget(L, 2);
                lua_pop(L, 1);
                if (gc != LUA_TNIL) luaL_error(L, "__gc is not allowed in the sandbox (finalizers run without limits)");
            }
            return -1;
        }
        case WG_GUARD_FORMAT: {
            if (lua_type(L, 1) == LUA_TSTRING && lua_rawlen(L, 1) > WG_MAX_FORMAT)
                luaL_argerror(L, 1, "format too long for the sandbox (at most 4096 bytes)");
            return -1;
        }
        default:
            return -1;
    }
}

/// A guarded library function: upvalue 1 is the library's C function, upvalue 2 the guard
/// kind. The library function runs in this frame (none of those guarded reads upvalues), so
/// its errors name the function as called and the caller's line.
static int wg_sandbox_guard(lua_State *L) {
    wg_raise_if_due(L);
    lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
    if (f == NULL) return luaL_error(L, "sandbox guard without a function");
    int n = wg_guard_arguments(L, (int)lua_tointeger(L, lua_upvalueindex(2)));
    return n >= 0 ? n : f(L);
}
static inline lua_CFunction wg_sandbox_guard_fn(void) { return wg_sandbox_guard; }

/// The sandbox's `print`: base print with the limits checked and at most WG_MAX_OUTPUT
/// bytes a call, converted first (a `__tostring` that fails prints nothing).
static int wg_sandbox_print(lua_State *L) {
    wg_raise_if_due(L);
    int n = lua_gettop(L);
    luaL_checkstack(L, n, "too many arguments to print");
    size_t total = 0;
    for (int i = 1; i <= n; i++) {
        size_t l = 0;
        luaL_tolstring(L, i, &l);
        total += l + 1;
    }
    if (total > WG_MAX_OUTPUT)
        return luaL_error(L, "print: output too large for the sandbox (%I bytes; at most 1 MiB a call)", (lua_Integer)total);
    for (int i = 1; i <= n; i++) {
        size_t l = 0;
        const char *s = lua_tolstring(L, n + i, &l);
        if (i > 1) lua_writestring("\t", 1);
        lua_writestring(s, l);
    }
    lua_writeline();
    return 0;
}
static inline lua_CFunction wg_sandbox_print_fn(void) { return wg_sandbox_print; }

// ---------------------------------------------------------------------------------------
// load and require.

/// The reader load gets for a reader function in the sandbox: upvalue 1 the function,
/// upvalue 2 the bytes read so far; refuses past WG_MAX_CHUNK (load then returns fail).
static int wg_sandbox_reader(lua_State *L) {
    wg_raise_if_due(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_call(L, 0, 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
        lua_Integer total = lua_tointeger(L, lua_upvalueindex(2)) + (lua_Integer)lua_rawlen(L, -1);
        if (total > (lua_Integer)WG_MAX_CHUNK) return luaL_error(L, "chunk too large for the sandbox (at most 1 MiB)");
        lua_pushinteger(L, total);
        lua_replace(L, lua_upvalueindex(2));
    }
    return 1;
}

/// The sandbox's `load`: upvalue 1 is the real `load`; the mode is always "t", so binary
/// chunks (which can break the VM) are refused. An env given as 4th argument is passed on;
/// without one the chunk gets the (sandboxed) global table, as `load` does. A chunk of
/// more than WG_MAX_CHUNK bytes is refused as a compile error is (fail and a message):
/// compiling runs in C, out of the hook's sight.
static int wg_sandbox_load(lua_State *L) {
    wg_raise_if_due(L);
    int n = lua_gettop(L) >= 4 ? 4 : 3;
    int t = lua_type(L, 1);
    if (t != LUA_TSTRING && t != LUA_TFUNCTION) return luaL_typeerror(L, 1, "string or function");
    if (lua_type(L, 2) > LUA_TNIL && lua_type(L, 2) != LUA_TSTRING) return luaL_typeerror(L, 2, "string");
    if (lua_type(L, 3) > LUA_TNIL && lua_type(L, 3) != LUA_TSTRING) return luaL_typeerror(L, 3, "string");
    if (t == LUA_TSTRING && lua_rawlen(L, 1) > WG_MAX_CHUNK) {
        luaL_pushfail(L);
        lua_pushliteral(L, "chunk too large for the sandbox (at most 1 MiB)");
        return 2;
    }
    lua_settop(L, n);  /* extra arguments dropped, missing ones nil */
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    if (t == LUA_TFUNCTION) {
        lua_pushinteger(L, 0);
        lua_pushcclosure(L, wg_sandbox_reader, 2);
    }
    lua_pushvalue(L, 2);
    lua_pushliteral(L, "t");
    if (n == 4) lua_pushvalue(L, 4);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L) - n;
}
static inline lua_CFunction wg_sandbox_load_fn(void) { return wg_sandbox_load; }

/// The sandbox's `require`: upvalue 1 is `wg`, returned for "wargame"; nothing else loads.
static int wg_sandbox_require(lua_State *L) {
    size_t len = 0;
    const char *name = luaL_checklstring(L, 1, &len);
    if (len == 7 && memcmp(name, "wargame", 7) == 0) {
        lua_pushvalue(L, lua_upvalueindex(1));
        return 1;
    }
    return luaL_error(L, "module '%s' is not available in the sandbox (only 'wargame')", name);
}
static inline lua_CFunction wg_sandbox_require_fn(void) { return wg_sandbox_require; }
#endif
