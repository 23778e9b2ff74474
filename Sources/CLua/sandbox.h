// Sandbox helpers (included by shim.h). C frames: raising here is what the standard
// library does.
//
// The count hook sees Lua instructions only. A library function is one instruction however
// long it runs in C, so the sandbox gives the costly ones a guard (wg_sandbox_guard): it
// raises a limit that is due (a loop of costly calls stops at the deadline, not at the next
// hook), refuses arguments whose cost has no bound the limits could enforce
// (string.rep("", math.maxinteger), table.move over 1e15 slots, a pattern that backtracks
// for hours), and then runs the library function in its own frame, so that argument errors
// read exactly as Lua's (`bad argument #2 to 'rep'`, positioned at the caller).
#ifndef WARGAME_CLUA_SANDBOX_H
#define WARGAME_CLUA_SANDBOX_H
#include <ctype.h>
#include <stdio.h>

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
/// - the worst-case time of one pattern match, as wg_pattern_cost estimates it (in ns;
///   the estimate ran 1 to 3 times the measured time on adversarial patterns).
static const double WG_PATTERN_BUDGET = 3e8;

/// What a guard checks, besides the limits (upvalue 2 of wg_sandbox_guard).
static const int WG_GUARD_CHECK = 0;         // only the limits
static const int WG_GUARD_REP = 1;           // string.rep: size of the result
static const int WG_GUARD_MOVE = 2;          // table.move: elements moved
static const int WG_GUARD_INSERT = 3;        // table.insert: elements shifted (through __len)
static const int WG_GUARD_REMOVE = 4;        // table.remove: elements shifted (through __len)
static const int WG_GUARD_CONCAT = 5;        // table.concat: elements joined
static const int WG_GUARD_SORT = 6;          // table.sort: the limits checked at each comparison
static const int WG_GUARD_FIND = 7;          // string.find: pattern cost
static const int WG_GUARD_MATCH = 8;         // string.match
static const int WG_GUARD_GMATCH = 9;        // string.gmatch
static const int WG_GUARD_GSUB = 10;         // string.gsub
static const int WG_GUARD_COLLECT = 11;      // collectgarbage: no change of collector mode or tuning
static const int WG_GUARD_WARN = 12;         // warn: length of the message
static const int WG_GUARD_SETMETATABLE = 13; // setmetatable: no __gc
static const int WG_GUARD_FORMAT = 14;       // os.date, string.pack/unpack/packsize: format length

// ---------------------------------------------------------------------------------------
// Pattern cost. Lua's matcher backtracks in C: `a*`, `a+`, `a-` try every length of their
// run, `?` both ways, `%b` and back-references scan, and an unanchored search starts at every
// position, so the cost multiplies. wg_pattern_cost bounds it from the pattern and the
// subject: a repetition multiplies the cost of what follows it by (its run + 1) only when
// something after it can fail (else the first try succeeds); runs are the subject's longest
// run of characters in the class (or its length, before refinement).

#define WG_L_ESC '%'
#define WG_SPECIALS "^$*+?.([%-"

/// lstrlib's classEnd; NULL for a malformed pattern (the library function reports it).
static const char *wg_class_end(const char *p, const char *pend) {
    if (p >= pend) return NULL;
    char c = *p++;
    if (c == WG_L_ESC) return p < pend ? p + 1 : NULL;
    if (c == '[') {
        if (p < pend && *p == '^') p++;
        do {
            if (p >= pend) return NULL;
            if (*(p++) == WG_L_ESC && p < pend) p++;
        } while (p >= pend || *p != ']');
        return p + 1;
    }
    return p;
}

/// lstrlib's match_class, matchbracketclass and singlematch.
static int wg_match_class(int c, int cl) {
    int res;
    switch (tolower(cl)) {
        case 'a': res = isalpha(c); break;
        case 'c': res = iscntrl(c); break;
        case 'd': res = isdigit(c); break;
        case 'g': res = isgraph(c); break;
        case 'l': res = islower(c); break;
        case 'p': res = ispunct(c); break;
        case 's': res = isspace(c); break;
        case 'u': res = isupper(c); break;
        case 'w': res = isalnum(c); break;
        case 'x': res = isxdigit(c); break;
        default: return cl == c;
    }
    return isupper(cl) ? !res : res;
}

static int wg_match_bracket(int c, const char *p, const char *ec) {
    int sig = 1;
    if (*(p + 1) == '^') { sig = 0; p++; }
    while (++p < ec) {
        if (*p == WG_L_ESC) {
            p++;
            if (wg_match_class(c, (unsigned char)*p)) return sig;
        } else if (*(p + 1) == '-' && p + 2 < ec) {
            p += 2;
            if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p) return sig;
        } else if ((unsigned char)*p == c) {
            return sig;
        }
    }
    return !sig;
}

static int wg_single_match(int c, const char *p, const char *ep) {
    switch (*p) {
        case '.': return 1;
        case WG_L_ESC: return wg_match_class(c, (unsigned char)p[1]);
        case '[': return wg_match_bracket(c, p, ep - 1);
        default: return (unsigned char)*p == c;
    }
}

typedef struct wg_subject {
    const char *s;
    size_t n;
    size_t scan_budget;  // bytes the refinement may still scan (each scan reads the subject)
} wg_subject;

/// The longest run of subject characters in the class [p, ep), or n when scanning is not
/// allowed (any more).
static double wg_longest_run(wg_subject *sub, const char *p, const char *ep, int refine) {
    if (!refine || *p == '.' || sub->scan_budget < sub->n) return (double)sub->n;
    sub->scan_budget -= sub->n;
    size_t best = 0, run = 0;
    for (size_t i = 0; i < sub->n; i++) {
        if (wg_single_match((unsigned char)sub->s[i], p, ep)) { if (++run > best) best = run; }
        else run = 0;
    }
    return (double)best;
}

/// Positions of the subject where the class [p, ep) matches (where an unanchored search
/// gets past a first item that cannot be empty).
static double wg_count_matching(wg_subject *sub, const char *p, const char *ep) {
    if (*p == '.' || sub->scan_budget < sub->n) return (double)sub->n;
    sub->scan_budget -= sub->n;
    size_t count = 0;
    for (size_t i = 0; i < sub->n; i++) count += wg_single_match((unsigned char)sub->s[i], p, ep) ? 1 : 0;
    return (double)count;
}

/// One pattern item: [p, end) with its kind. Returns 0 for a malformed pattern.
typedef struct wg_item {
    const char *start;
    const char *end;        // just past the item (and its repetition character)
    const char *class_end;  // end of the character class of a single-class item
    char rep;               // '*', '+', '-', '?' or 0
    int kind;               // 0 single class, 1 capture, 2 %b, 3 frontier, 4 end anchor, 5 back-reference
} wg_item;

static int wg_next_item(const char *p, const char *pend, wg_item *it) {
    it->start = p;
    it->rep = 0;
    it->class_end = NULL;
    if (*p == '(') { it->kind = 1; it->end = p + ((p + 1 < pend && p[1] == ')') ? 2 : 1); return 1; }
    if (*p == ')') { it->kind = 1; it->end = p + 1; return 1; }
    if (*p == '$' && p + 1 == pend) { it->kind = 4; it->end = p + 1; return 1; }
    if (*p == WG_L_ESC && p + 1 < pend) {
        if (p[1] == 'b') {
            if (p + 4 > pend) return 0;
            it->kind = 2; it->end = p + 4; return 1;
        }
        if (p[1] == 'f') {
            if (p + 2 >= pend || p[2] != '[') return 0;
            it->end = wg_class_end(p + 2, pend);
            it->kind = 3;
            return it->end != NULL;
        }
        if (isdigit((unsigned char)p[1])) { it->kind = 5; it->end = p + 2; return 1; }
    }
    const char *ep = wg_class_end(p, pend);
    if (ep == NULL) return 0;
    it->kind = 0;
    it->class_end = ep;
    if (ep < pend && (*ep == '*' || *ep == '+' || *ep == '-' || *ep == '?')) {
        it->rep = *ep;
        it->end = ep + 1;
    } else {
        it->end = ep;
    }
    return 1;
}

/// Items of a pattern this analysis follows one by one; a longer pattern is costed as if
/// nothing after a repetition always succeeded (more, never less).
#define WG_MAX_ITEMS 256

/// Nanoseconds, on the machine this was measured on (release build, with a margin): each
/// start of a match (a call into lstrlib's matcher, and for gsub a copy), each step inside it.
static const double WG_NS_PER_START = 40.0;
static const double WG_NS_PER_STEP = 8.0;

/// Worst-case time (ns) to match [p, p + lp) against the subject, every start included
/// unless anchored; -1 for a malformed pattern.
///
/// The matcher (lstrlib's `match`) backtracks: a repetition tries each length of its run
/// (`?` both ways), and for each runs the rest of the pattern. So matching from item i
/// costs a_i + m_i * cost(i + 1), with m_i = (run + 1) for a repetition, 2 for `?`. But when
/// the rest of the pattern after a repetition matches wherever it starts (`.*` and the end,
/// or `.-%s*$` of a trim), the first try succeeds: that repetition multiplies nothing, and
/// reaching it ends the match, so its scan of the run is paid once for the whole search
/// (what it scans, the match consumes). `%b` and back-references scan; runs are the
/// subject's longest run in the class (its length, before refinement).
static double wg_pattern_cost(wg_subject *sub, const char *p, size_t lp, int anchored, int refine) {
    const char *pend = p + lp;
    double n = (double)sub->n;
    wg_item items[WG_MAX_ITEMS];
    int count = 0, overflow = 0;
    for (const char *q = p; q < pend; ) {
        wg_item it;
        if (!wg_next_item(q, pend, &it)) return -1;
        if (count < WG_MAX_ITEMS) items[count++] = it; else overflow = 1;
        q = it.end;
    }
    // always[i]: the pattern from item i on matches at every position; at_end[i]: it matches
    // at the end of the subject. Computed from the right.
    unsigned char always[WG_MAX_ITEMS + 1], at_end[WG_MAX_ITEMS + 1];
    always[count] = !overflow;
    at_end[count] = !overflow;
    for (int i = count - 1; i >= 0; i--) {
        const wg_item *it = &items[i];
        if (it->kind == 1) { always[i] = always[i + 1]; at_end[i] = at_end[i + 1]; }
        else if (it->kind == 4) { always[i] = 0; at_end[i] = at_end[i + 1]; }
        else if (it->kind == 0 && (it->rep == '*' || it->rep == '-')) {
            always[i] = always[i + 1] || (*it->start == '.' && at_end[i + 1]);
            at_end[i] = at_end[i + 1];
        } else if (it->kind == 0 && it->rep == '?') { always[i] = always[i + 1]; at_end[i] = at_end[i + 1]; }
        else { always[i] = 0; at_end[i] = 0; }
    }
    double per_start = 0, product = 1, once = 0;
    for (int i = 0; i < count && per_start < 1e30; i++) {
        const wg_item *it = &items[i];
        double a = 1, m = 1;
        if (it->kind == 2) a = 1 + n / 4;  // %b: a character loop
        else if (it->kind == 5) a = 1 + n / 32;  // a back-reference: memcmp
        else if (it->kind == 0 && it->rep != 0) {
            if (always[i + 1]) once += n;  // first try succeeds
            else if (it->rep == '?') m = 2;
            else { double run = wg_longest_run(sub, it->start, it->class_end, refine); a = run + 1; m = run + 1; }
        }
        per_start += a * product;
        product *= m;
    }
    per_start += product;
    if (anchored) return WG_NS_PER_START + WG_NS_PER_STEP * (per_start + once);
    double starts = n + 1;
    double total = starts * (WG_NS_PER_START + WG_NS_PER_STEP * per_start);
    // A first item that must match one character: the other starts fail at once.
    if (refine && count > 0 && items[0].kind == 0 && (items[0].rep == 0 || items[0].rep == '+')) {
        double matching = wg_count_matching(sub, items[0].start, items[0].class_end);
        double refined = starts * (WG_NS_PER_START + WG_NS_PER_STEP) + matching * WG_NS_PER_STEP * per_start;
        if (refined < total) total = refined;
    }
    return total + WG_NS_PER_STEP * once;
}

/// Worst-case time (ns) of a plain search (lmemfind: memchr for the first byte, memcmp for
/// the rest at each place it occurs).
static double wg_plain_cost(wg_subject *sub, const char *p, size_t lp, int refine) {
    if (lp == 0 || lp > sub->n) return 0;
    double places = (double)(sub->n - lp + 1);
    if (refine && sub->scan_budget >= sub->n) {
        sub->scan_budget -= sub->n;
        size_t found = 0;
        for (size_t i = 0; i + lp <= sub->n; i++) found += sub->s[i] == p[0];
        places = (double)found;
    }
    return (double)sub->n * 0.1 + places * 16.0 * (1.0 + (double)lp / 64.0);
}

static int wg_no_specials(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++)
        if (p[i] != 0 && strchr(WG_SPECIALS, p[i]) != NULL) return 0;
    return 1;
}

/// string.find/match/gmatch/gsub: refuses a match whose worst case exceeds the budget.
static void wg_guard_pattern(lua_State *L, int kind) {
    int t1 = lua_type(L, 1), t2 = lua_type(L, 2);
    if ((t1 != LUA_TSTRING && t1 != LUA_TNUMBER) || (t2 != LUA_TSTRING && t2 != LUA_TNUMBER)) return;
    size_t ls = 0, lp = 0;
    const char *s = lua_tolstring(L, 1, &ls);  // numbers become strings, as luaL_checklstring does
    const char *p = lua_tolstring(L, 2, &lp);
    size_t init = 0;
    if (kind != WG_GUARD_GSUB && !lua_isnoneornil(L, 3)) {
        int ok = 0;
        lua_Integer i = lua_tointegerx(L, 3, &ok);
        if (!ok) return;  // the library function reports it
        if (i > 0) init = (size_t)i - 1;
        else if (i < 0 && (lua_Unsigned)(-(i + 1)) < ls) init = ls - (size_t)(-(i + 1)) - 1;
        if (init > ls) return;  // nothing to search
    }
    wg_subject sub = { s + init, ls - init, 64u << 20 };
    double cost;
    if (kind == WG_GUARD_FIND && (lua_toboolean(L, 4) || wg_no_specials(p, lp))) {
        cost = wg_plain_cost(&sub, p, lp, 0);
        if (cost > WG_PATTERN_BUDGET) cost = wg_plain_cost(&sub, p, lp, 1);
    } else {
        int anchored = kind != WG_GUARD_GMATCH && lp > 0 && p[0] == '^';
        cost = wg_pattern_cost(&sub, p + anchored, lp - anchored, anchored, 0);
        if (cost > WG_PATTERN_BUDGET) cost = wg_pattern_cost(&sub, p + anchored, lp - anchored, anchored, 1);
    }
    if (cost > WG_PATTERN_BUDGET) {
        char buf[160];
        snprintf(buf, sizeof buf, "pattern too costly for the sandbox: up to %.1e s on %zu characters, at most %.1f s",
                 cost * 1e-9, sub.n, WG_PATTERN_BUDGET * 1e-9);
        luaL_argerror(L, 2, buf);
    }
}

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
        case WG_GUARD_FIND: case WG_GUARD_MATCH: case WG_GUARD_GMATCH: case WG_GUARD_GSUB:
            wg_guard_pattern(L, kind);
            return -1;
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
