// coroutine.resume, coroutine.wrap and coroutine.close for every state (included by shim.h).
//
// They behave as Lua 5.4.4's own (lcorolib.c, same messages) and add two things:
// - around every switch to a coroutine, the limits hook and the interrupt follow the
//   running thread (wg_enter_thread / wg_leave_thread in shim.h): hooks are per thread,
//   so Ctrl-C or a time limit set on the main thread never stopped a loop in a coroutine;
// - coroutine.close refuses to nest more than WG_MAX_CLOSE_NESTING closings: closing a
//   coroutine from the __close handler of a coroutine being closed, 20,000 deep, overflows
//   the C stack in Lua 5.4.4 (https://www.lua.org/bugs.html#5.4.4-9; docs/lua-bugs.md).
// C frames: raising here is what the standard library does.
#ifndef WARGAME_CLUA_COROUTINES_H
#define WARGAME_CLUA_COROUTINES_H

/// Closings of coroutines that may run one inside another (through __close handlers, or a
/// wrapped coroutine's error). Each level may hold up to Lua's 200 nested C calls; 40
/// levels of that still fit an 8 MiB stack (measured), 8 leave a wide margin.
static const int WG_MAX_CLOSE_NESTING = 8;

static lua_State *wg_getco(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "thread");  // Lua 5.4.4 says "thread"
    return co;
}

/// lcorolib's auxresume, with the running thread tracked across lua_resume.
static int wg_auxresume(lua_State *L, lua_State *co, int narg) {
    int status, nres;
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    lua_xmove(L, co, narg);
    lua_State *previous = wg_enter_thread(L, co);
    status = lua_resume(co, L, narg, &nres);
    wg_leave_thread(L, previous);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            lua_pushliteral(L, "too many results to resume");
            return -1;
        }
        lua_xmove(co, L, nres);
        return nres;
    }
    lua_xmove(co, L, 1);  // the error object
    return -1;
}

/// lua_resetthread (runs the pending __close handlers of `co`) on behalf of L, counted
/// in the nesting of closings and with the running thread tracked.
static int wg_resetthread(lua_State *L, lua_State *co) {
    wg_limits *lim = wg_limits_of(L);
    if (lim) lim->closing++;
    lua_State *previous = wg_enter_thread(L, co);
    int status = lua_resetthread(co);
    wg_leave_thread(L, previous);
    if (lim) lim->closing--;
    return status;
}

static int wg_coresume(lua_State *L) {
    lua_State *co = wg_getco(L);
    int r = wg_auxresume(L, co, lua_gettop(L) - 1);
    if (r < 0) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -(r + 1));
    return r + 1;
}

static int wg_auxwrap(lua_State *L) {
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = wg_auxresume(L, co, lua_gettop(L));
    if (r < 0) {
        int status = lua_status(co);
        if (status != LUA_OK && status != LUA_YIELD) {  // an error in the coroutine
            status = wg_resetthread(L, co);  // close its to-be-closed variables
            lua_xmove(co, L, 1);
        }
        if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    return r;
}

static int wg_cowrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *NL = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, NL, 1);
    lua_pushcclosure(L, wg_auxwrap, 1);
    return 1;
}

enum { WG_COS_RUN, WG_COS_DEAD, WG_COS_YIELD, WG_COS_NORM };
static const char *const wg_costatname[] = {"running", "dead", "suspended", "normal"};

static int wg_costatus(lua_State *L, lua_State *co) {
    if (L == co) return WG_COS_RUN;
    switch (lua_status(co)) {
        case LUA_YIELD: return WG_COS_YIELD;
        case LUA_OK: {
            lua_Debug ar;
            if (lua_getstack(co, 0, &ar)) return WG_COS_NORM;
            return lua_gettop(co) == 0 ? WG_COS_DEAD : WG_COS_YIELD;
        }
        default: return WG_COS_DEAD;
    }
}

static int wg_coclose(lua_State *L) {
    lua_State *co = wg_getco(L);
    int status = wg_costatus(L, co);
    if (status != WG_COS_DEAD && status != WG_COS_YIELD)
        return luaL_error(L, "cannot close a %s coroutine", wg_costatname[status]);
    wg_limits *lim = wg_limits_of(L);
    if (lim && lim->closing >= WG_MAX_CLOSE_NESTING)
        return luaL_error(L, "coroutine.close nested more than %d deep (closing a coroutine from a __close "
                             "handler; deeper nesting crashes Lua 5.4.4)", WG_MAX_CLOSE_NESTING);
    status = wg_resetthread(L, co);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_xmove(co, L, 1);
    return 2;
}

/// Puts these functions into the coroutine library (the table `require` and the global
/// `coroutine` share). Called from wg_openlibs, protected.
static void wg_install_coroutines(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, -1, LUA_COLIBNAME) == LUA_TTABLE) {
        lua_pushcfunction(L, wg_coresume);
        lua_setfield(L, -2, "resume");
        lua_pushcfunction(L, wg_cowrap);
        lua_setfield(L, -2, "wrap");
        lua_pushcfunction(L, wg_coclose);
        lua_setfield(L, -2, "close");
    }
    lua_pop(L, 2);
}
#endif
