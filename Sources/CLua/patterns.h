// The sandbox's pattern matching: string.find, match, gmatch and gsub with Lua 5.4's pattern
// language (manual §6.4.1), written for this project, with a step budget.
//
// Lua's matcher backtracks in C, out of the count hook's sight: `("a"):rep(60000):find(".-b")`
// runs for seconds in one instruction. This one counts its steps (a try of a pattern item, a
// character a repetition or `%b` scans, a start of an unanchored search, bytes compared) and
// every WG_PATTERN_CHECK steps checks the limits as the hook does (wg_raise_if_due), so a
// costly match ends with the usual "time limit exceeded" (or "interrupted!") and an ordinary
// one keeps working (about 1.5 times the stock library's time, measured in a release build).
// Results and error messages are those of Lua 5.4's string library
// (Tests/Lua/SandboxPatternTests.swift compares them).
#ifndef WARGAME_CLUA_PATTERNS_H
#define WARGAME_CLUA_PATTERNS_H
#include <ctype.h>
#include <string.h>

/// Steps between two checks of the limits: about 0.1 ms of matching.
#define WG_PATTERN_CHECK 16384
/// Captures a pattern may open, and nested matcher calls (Lua's LUA_MAXCAPTURES, MAXCCALLS).
#define WG_PM_CAPTURES 32
#define WG_PM_DEPTH 200

/// Length marks of a capture that is still open, or that records a position (`()`).
#define WG_CAP_OPEN (-1)
#define WG_CAP_POSITION (-2)

typedef struct wg_pm {
    lua_State *L;
    const char *s0, *s_end;   // the subject
    const char *p_end;        // end of the pattern
    int depth;                // nested matcher calls left
    int ncap;                 // captures opened so far
    unsigned long steps, next_check;
    struct { const char *at; ptrdiff_t len; } cap[WG_PM_CAPTURES];
} wg_pm;

/// Counts `k` steps; checks the limits when a check is due (raises when one has passed).
static inline void wg_pm_step(wg_pm *m, unsigned long k) {
    m->steps += k;
    if (m->steps >= m->next_check) {
        m->next_check = m->steps + WG_PATTERN_CHECK;
        wg_raise_if_due(m->L);
    }
}

static void wg_pm_init(wg_pm *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    m->L = L;
    m->s0 = s;
    m->s_end = s + ls;
    m->p_end = p + lp;
    m->steps = 0;
    m->next_check = WG_PATTERN_CHECK;
}

/// Before each try from a new start: no captures, full depth (the step count goes on).
static inline void wg_pm_reset(wg_pm *m) {
    m->ncap = 0;
    m->depth = WG_PM_DEPTH;
}

/// Does byte `c` belong to class letter `letter` (`%a`, `%D`, ...)? Any other letter stands
/// for itself (`%.` is a dot).
static int wg_pm_class(int c, int letter) {
    int in;
    switch (tolower(letter)) {
        case 'a': in = isalpha(c); break;
        case 'c': in = iscntrl(c); break;
        case 'd': in = isdigit(c); break;
        case 'g': in = isgraph(c); break;
        case 'l': in = islower(c); break;
        case 'p': in = ispunct(c); break;
        case 's': in = isspace(c); break;
        case 'u': in = isupper(c); break;
        case 'w': in = isalnum(c); break;
        case 'x': in = isxdigit(c); break;
        case 'z': in = c == 0; break;  // deprecated in Lua 5.2, still in 5.4
        default: return letter == c;
    }
    if (isupper(letter)) return !in;  // upper-case letters are the complements
    return in != 0;
}

/// Does `c` belong to the set whose `[` is at `open` and whose `]` is at `close`?
static int wg_pm_set(int c, const char *open, const char *close) {
    const char *q = open + 1;
    int negated = 0;
    if (*q == '^') { negated = 1; q++; }
    for (; q < close; q++) {
        if (*q == '%') {
            q++;
            if (wg_pm_class(c, (unsigned char)*q)) return !negated;
        } else if (q[1] == '-' && q + 2 < close) {
            // a range; a '-' first or last in the set is itself
            if ((unsigned char)q[0] <= c && c <= (unsigned char)q[2]) return !negated;
            q += 2;
        } else if ((unsigned char)*q == c) {
            return !negated;
        }
    }
    return negated;
}

/// Where the single character class starting at `p` ends (past `]` for a set); raises for
/// a malformed one.
static const char *wg_pm_class_end(wg_pm *m, const char *p) {
    char first = *p++;
    if (first == '%') {
        if (p == m->p_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (first != '[') return p;
    if (*p == '^') p++;
    // The first member is taken whatever it is, so `[]]` and `[^]]` hold a ']'.
    for (;;) {
        if (p == m->p_end) luaL_error(m->L, "malformed pattern (missing ']')");
        char c = *p++;
        if (c == '%' && p < m->p_end) p++;
        if (*p == ']') return p + 1;
    }
}

/// Does the subject character at `s` match the class [p, ep)? Never past the subject's end.
static int wg_pm_single(wg_pm *m, const char *s, const char *p, const char *ep) {
    if (s >= m->s_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
        case '.': return 1;
        case '%': return wg_pm_class(c, (unsigned char)p[1]);
        case '[': return wg_pm_set(c, p, ep - 1);
        default: return (unsigned char)*p == c;
    }
}

static const char *wg_pm_match(wg_pm *m, const char *s, const char *p);

/// `%bxy` at `s`: the shortest balanced run from an x to its y; NULL when there is none.
static const char *wg_pm_balance(wg_pm *m, const char *s, const char *p) {
    if (p + 1 >= m->p_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->s_end || *s != p[0]) return NULL;
    char open = p[0], close = p[1];
    int level = 1;
    const char *q = s + 1;
    for (; q < m->s_end; q++) {
        if (*q == close) {
            if (--level == 0) { wg_pm_step(m, (unsigned long)(q - s) / 4 + 1); return q + 1; }
        } else if (*q == open) {
            level++;
        }
    }
    wg_pm_step(m, (unsigned long)(q - s) / 4 + 1);
    return NULL;
}

/// `%1`..`%9` at `s`: the text of a closed capture again.
static const char *wg_pm_backref(wg_pm *m, const char *s, int digit) {
    int i = digit - '1';
    if (i < 0 || i >= m->ncap || m->cap[i].len == WG_CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", i + 1);
    ptrdiff_t len = m->cap[i].len;
    if (len < 0) return NULL;  // a position capture has no text: it matches nothing
    wg_pm_step(m, (unsigned long)len / 16);
    if (m->s_end - s >= len && memcmp(m->cap[i].at, s, (size_t)len) == 0) return s + len;
    return NULL;
}

/// Greedy `*` (from `s`) and `+` (from the character after its first): the longest run of
/// the class, then shorter ones, each followed by the rest of the pattern.
static const char *wg_pm_greedy(wg_pm *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t run = 0;
    while (wg_pm_single(m, s + run, p, ep)) { run++; wg_pm_step(m, 1); }
    for (; run >= 0; run--) {
        wg_pm_step(m, 1);
        const char *end = wg_pm_match(m, s + run, ep + 1);
        if (end != NULL) return end;
    }
    return NULL;
}

/// Lazy `-`: the rest of the pattern from each length of the run, shortest first.
static const char *wg_pm_lazy(wg_pm *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        wg_pm_step(m, 1);
        const char *end = wg_pm_match(m, s, ep + 1);
        if (end != NULL) return end;
        if (!wg_pm_single(m, s, p, ep)) return NULL;
        s++;
    }
}

/// `(` or `()` at `s`, then the rest of the pattern from `p`.
static const char *wg_pm_open(wg_pm *m, const char *s, const char *p, ptrdiff_t kind) {
    if (m->ncap >= WG_PM_CAPTURES) luaL_error(m->L, "too many captures");
    m->cap[m->ncap].at = s;
    m->cap[m->ncap].len = kind;
    m->ncap++;
    const char *end = wg_pm_match(m, s, p);
    if (end == NULL) m->ncap--;
    return end;
}

/// `)` at `s`: closes the innermost open capture, then the rest of the pattern from `p`.
static const char *wg_pm_close(wg_pm *m, const char *s, const char *p) {
    int i = m->ncap - 1;
    while (i >= 0 && m->cap[i].len != WG_CAP_OPEN) i--;
    if (i < 0) luaL_error(m->L, "invalid pattern capture");
    m->cap[i].len = s - m->cap[i].at;
    const char *end = wg_pm_match(m, s, p);
    if (end == NULL) m->cap[i].len = WG_CAP_OPEN;
    return end;
}

/// Matches the pattern from `p` at subject position `s`: the end of the match, or NULL.
/// Items that cannot backtrack advance in the loop; the others recurse for the rest.
static const char *wg_pm_match(wg_pm *m, const char *s, const char *p) {
    if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
    while (s != NULL && p != m->p_end) {
        wg_pm_step(m, 1);
        if (*p == '(') {
            s = p[1] == ')' ? wg_pm_open(m, s, p + 2, WG_CAP_POSITION) : wg_pm_open(m, s, p + 1, WG_CAP_OPEN);
            break;
        }
        if (*p == ')') { s = wg_pm_close(m, s, p + 1); break; }
        if (*p == '$' && p + 1 == m->p_end) { if (s != m->s_end) s = NULL; break; }
        if (*p == '%' && p[1] == 'b') {
            s = wg_pm_balance(m, s, p + 2);
            p += 4;
            continue;
        }
        if (*p == '%' && p[1] == 'f') {
            p += 2;
            if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
            const char *ep = wg_pm_class_end(m, p);
            int before = s == m->s0 ? 0 : (unsigned char)s[-1];
            int here = s < m->s_end ? (unsigned char)*s : 0;  // the end reads as '\0'
            if (wg_pm_set(before, p, ep - 1) || !wg_pm_set(here, p, ep - 1)) s = NULL;
            p = ep;
            continue;
        }
        if (*p == '%' && isdigit((unsigned char)p[1])) {
            s = wg_pm_backref(m, s, (unsigned char)p[1]);
            p += 2;
            continue;
        }
        // A single character class, maybe repeated.
        const char *ep = wg_pm_class_end(m, p);
        char rep = ep < m->p_end ? *ep : 0;
        if (!wg_pm_single(m, s, p, ep)) {
            if (rep == '*' || rep == '?' || rep == '-') { p = ep + 1; continue; }  // zero of it
            s = NULL;
            break;
        }
        if (rep == '?') {
            const char *end = wg_pm_match(m, s + 1, ep + 1);
            if (end != NULL) { s = end; break; }
            p = ep + 1;
            continue;
        }
        if (rep == '+') { s = wg_pm_greedy(m, s + 1, p, ep); break; }
        if (rep == '*') { s = wg_pm_greedy(m, s, p, ep); break; }
        if (rep == '-') { s = wg_pm_lazy(m, s, p, ep); break; }
        s++;
        p = ep;
    }
    m->depth++;
    return s;
}

/// Pushes capture `i` of the match [s, e) (the whole match when the pattern has none and i is
/// 0): its text, or its position for `()`. Returns 1.
static int wg_pm_push_capture(wg_pm *m, int i, const char *s, const char *e) {
    if (i >= m->ncap) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));
        return 1;
    }
    ptrdiff_t len = m->cap[i].len;
    if (len == WG_CAP_OPEN) luaL_error(m->L, "unfinished capture");
    if (len == WG_CAP_POSITION) lua_pushinteger(m->L, (lua_Integer)(m->cap[i].at - m->s0) + 1);
    else lua_pushlstring(m->L, m->cap[i].at, (size_t)len);
    return 1;
}

/// Pushes every capture (or the whole match [s, e) when there are none and s is given).
static int wg_pm_push_captures(wg_pm *m, const char *s, const char *e) {
    int n = (m->ncap == 0 && s != NULL) ? 1 : m->ncap;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++) wg_pm_push_capture(m, i, s, e);
    return n;
}

/// A start position argument (1-based, negative from the end) as an offset; may exceed ls.
static size_t wg_pm_start(lua_State *L, int arg, size_t ls) {
    lua_Integer i = luaL_optinteger(L, arg, 1);
    if (i > 0) return (size_t)i - 1;
    if (i == 0 || (lua_Unsigned)-(lua_Unsigned)i > ls) return 0;
    return ls - (size_t)-(lua_Unsigned)i;
}

/// Does the pattern hold none of the characters that make it one (find searches it plainly)?
static int wg_pm_is_plain(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++)
        if (memchr("^$*+?.([%-", p[i], 10) != NULL && p[i] != 0) return 0;
    return 1;
}

/// A plain search, counted: each place the first byte occurs costs a comparison.
static const char *wg_pm_plain(wg_pm *m, const char *s, size_t ls, const char *p, size_t lp) {
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    const char *last = s + (ls - lp);
    while (s <= last) {
        const char *at = memchr(s, p[0], (size_t)(last - s) + 1);
        if (at == NULL) return NULL;
        wg_pm_step(m, 1 + lp / 16);
        if (memcmp(at + 1, p + 1, lp - 1) == 0) return at;
        s = at + 1;
    }
    return NULL;
}

/// string.find (find = 1) and string.match (find = 0).
static int wg_pm_find(lua_State *L, int find) {
    size_t ls = 0, lp = 0;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = wg_pm_start(L, 3, ls);
    if (init > ls) { luaL_pushfail(L); return 1; }
    wg_pm m;
    if (find && (lua_toboolean(L, 4) || wg_pm_is_plain(p, lp))) {
        wg_pm_init(&m, L, s, ls, p, lp);
        const char *at = wg_pm_plain(&m, s + init, ls - init, p, lp);
        if (at != NULL) {
            lua_pushinteger(L, (lua_Integer)(at - s) + 1);
            lua_pushinteger(L, (lua_Integer)(at - s) + (lua_Integer)lp);
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    int anchored = lp > 0 && p[0] == '^';
    if (anchored) { p++; lp--; }
    wg_pm_init(&m, L, s, ls, p, lp);
    for (const char *start = s + init;; start++) {
        wg_pm_reset(&m);
        const char *end = wg_pm_match(&m, start, p);
        if (end != NULL) {
            if (!find) return wg_pm_push_captures(&m, start, end);
            lua_pushinteger(L, (lua_Integer)(start - s) + 1);
            lua_pushinteger(L, (lua_Integer)(end - s));
            return wg_pm_push_captures(&m, NULL, NULL) + 2;
        }
        if (anchored || start >= m.s_end) break;
    }
    luaL_pushfail(L);
    return 1;
}

/// gmatch's iterator state (upvalue 3; upvalues 1 and 2 keep the subject and pattern alive).
typedef struct wg_pm_iter {
    size_t next;      // offset where the next search starts
    ptrdiff_t last;   // end offset of the last match, -1 before the first (an empty match
                      // there would repeat it)
} wg_pm_iter;

static int wg_pm_gmatch_next(lua_State *L) {
    wg_raise_if_due(L);
    size_t ls = 0, lp = 0;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    wg_pm_iter *it = (wg_pm_iter *)lua_touserdata(L, lua_upvalueindex(3));
    wg_pm m;
    wg_pm_init(&m, L, s, ls, p, lp);
    for (size_t at = it->next; at <= ls; at++) {
        wg_pm_reset(&m);
        const char *end = wg_pm_match(&m, s + at, p);
        if (end != NULL && end - s != it->last) {
            it->next = (size_t)(end - s);
            it->last = end - s;
            return wg_pm_push_captures(&m, s + at, end);
        }
    }
    return 0;
}

/// string.gmatch: `^` is an ordinary character here, as in Lua.
static int wg_pm_gmatch(lua_State *L) {
    size_t ls = 0;
    luaL_checklstring(L, 1, &ls);
    luaL_checklstring(L, 2, NULL);
    size_t init = wg_pm_start(L, 3, ls);
    lua_settop(L, 2);
    wg_pm_iter *it = (wg_pm_iter *)lua_newuserdatauv(L, sizeof(wg_pm_iter), 0);
    it->next = init > ls ? ls + 1 : init;
    it->last = -1;
    lua_pushcclosure(L, wg_pm_gmatch_next, 3);
    return 1;
}

/// Appends gsub's string replacement (argument 3) for the match [s, e): `%0` the match,
/// `%1`..`%9` captures, `%%` a percent sign. The copying counts too: `%0` repeated in the
/// replacement makes the result grow as the subject's length times the replacement's.
static void wg_pm_add_string(wg_pm *m, luaL_Buffer *b, const char *s, const char *e) {
    size_t before = luaL_bufflen(b);
    size_t lr = 0;
    const char *r = lua_tolstring(m->L, 3, &lr);
    const char *r_end = r + lr;
    while (r < r_end) {
        const char *pct = memchr(r, '%', (size_t)(r_end - r));
        if (pct == NULL) { luaL_addlstring(b, r, (size_t)(r_end - r)); break; }
        luaL_addlstring(b, r, (size_t)(pct - r));
        char c = pct + 1 < r_end ? pct[1] : 0;
        if (c == '%') {
            luaL_addchar(b, '%');
        } else if (c == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit((unsigned char)c)) {
            wg_pm_push_capture(m, c - '1', s, e);
            luaL_tolstring(m->L, -1, NULL);  // a position becomes its digits
            lua_remove(m->L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(m->L, "invalid use of '%c' in replacement string", '%');
        }
        r = pct + 2;
    }
    wg_pm_step(m, 1 + (luaL_bufflen(b) - before) / 64);
}

/// Appends the replacement of the match [s, e) by a table or function (argument 3); false
/// or nil keeps the match. Returns whether the text changed.
static int wg_pm_add_value(wg_pm *m, luaL_Buffer *b, const char *s, const char *e, int type) {
    lua_State *L = m->L;
    if (type == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = wg_pm_push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (type == LUA_TTABLE) {
        wg_pm_push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        wg_pm_add_string(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1)) return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

/// string.gsub.
static int wg_pm_gsub(lua_State *L) {
    size_t ls = 0, lp = 0;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int type = lua_type(L, 3);
    lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION || type == LUA_TTABLE,
                     3, "string/function/table");
    int anchored = lp > 0 && p[0] == '^';
    if (anchored) { p++; lp--; }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    wg_pm m;
    wg_pm_init(&m, L, s, ls, p, lp);
    const char *at = s, *last = NULL;
    lua_Integer count = 0;
    int changed = 0;
    while (count < max) {
        wg_pm_reset(&m);
        const char *end = wg_pm_match(&m, at, p);
        if (end != NULL && end != last) {
            count++;
            changed |= wg_pm_add_value(&m, &b, at, end, type);
            at = last = end;
        } else if (at < m.s_end) {
            luaL_addchar(&b, *at++);
        } else {
            break;
        }
        if (anchored) break;
    }
    if (changed) {
        luaL_addlstring(&b, at, (size_t)(m.s_end - at));
        luaL_pushresult(&b);
    } else {
        lua_pushvalue(L, 1);
    }
    lua_pushinteger(L, count);
    return 2;
}
#endif
