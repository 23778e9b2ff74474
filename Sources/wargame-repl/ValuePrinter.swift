import CLua
import WargameKit

/// How the REPL shows the values an expression returns: strings as they are, as `lua -i`
/// does, and tables readably (nested, keys sorted, depth and width limited, cycles marked)
/// instead of `table: 0x…`. A value with its own `tostring` (a report, a scenario) shows
/// that text. The printer is Lua, compiled once when the REPL starts, so it captures the
/// standard functions before a session can replace them, runs under the session's limits
/// (the sandbox's included) and reads tables with `next` and `rawget` only: no
/// metamethod runs but a value's own `__tostring`, under `pcall`.
enum ValuePrinter {
    static let registryKey = "wargame.repl.show"

    /// Limits: nesting shown, entries per table, keys read per table, entries shown and keys
    /// read overall (so that a huge or wide value prints in bounded time, also in the sandbox).
    static let source = """
        local next, type, tostring, pcall, select, getmetatable, rawlen, rawget =
          next, type, tostring, pcall, select, getmetatable, rawlen, rawget
        local format, find, gsub, sub, concat, sort, unpack, mtype =
          string.format, string.find, string.gsub, string.sub, table.concat, table.sort, table.unpack, math.type
        local MAXDEPTH, MAXITEMS, MAXKEYS, BUDGET, READS, WIDTH = 4, 40, 5000, 1500, 20000, 78
        local keywords = {}
        for w in ("and break do else elseif end false for function goto if in local nil not or repeat return then true until while"):gmatch("%a+") do
          keywords[w] = true
        end
        local budget, reads  -- entries shown and keys read, over the whole value
        local function quote(s)
          if #s > 300 then s = sub(s, 1, 300) .. "..." end
          return (gsub(format("%q", s), "\\\\\\n", "\\\\n"))
        end
        local function own(v)  -- the text of a value with its own tostring, else nil
          if getmetatable(v) == nil then return nil end
          local ok, s = pcall(tostring, v)
          if ok and type(s) == "string" and not find(s, "^table: ") then return s end
          return nil
        end
        local rank = { number = 1, boolean = 2, string = 3 }
        local function before(a, b)
          local ta, tb = type(a), type(b)
          if ta ~= tb then return rank[ta] < rank[tb] end
          if ta == "boolean" then return (not a) and b end
          return a < b
        end
        local render
        local function key(k, indent, depth, path)
          if type(k) == "string" and find(k, "^[%a_][%w_]*$") and not keywords[k] then return k end
          return "[" .. render(k, indent, depth, path) .. "]"
        end
        function render(v, indent, depth, path)
          local t = type(v)
          if t == "string" then return quote(v) end
          if t ~= "table" then
            if t == "userdata" then return own(v) or tostring(v) end
            return tostring(v)
          end
          local text = own(v)
          if text then return (gsub(text, "\\n", "\\n" .. indent)) end
          if path[v] then return "<cycle>" end
          if depth >= MAXDEPTH then return "{...}" end
          local n = rawlen(v)
          local keys, others, count, more = {}, {}, 0, false
          local k = next(v)
          while k ~= nil do
            count = count + 1
            if count > MAXKEYS or reads <= 0 then more = count > MAXKEYS and "keys" or "reads" break end
            reads = reads - 1
            local tk = type(k)
            if tk == "number" and mtype(k) == "integer" and k >= 1 and k <= n then
              -- the array part, shown in order without keys
            elseif rank[tk] then keys[#keys + 1] = k
            else others[#others + 1] = k end
            k = next(v, k)
          end
          sort(keys, before)
          for i = 1, #others do keys[#keys + 1] = others[i] end
          path[v] = true
          local inner = indent .. "  "
          local items, shown = {}, 0
          for i = 1, n do
            if shown >= MAXITEMS or budget <= 0 then break end
            shown, budget = shown + 1, budget - 1
            items[#items + 1] = render(rawget(v, i), inner, depth + 1, path)
          end
          for i = 1, #keys do
            if shown >= MAXITEMS or budget <= 0 then break end
            shown, budget = shown + 1, budget - 1
            local kk = keys[i]
            items[#items + 1] = key(kk, inner, depth + 1, path) .. " = " .. render(rawget(v, kk), inner, depth + 1, path)
          end
          path[v] = nil
          local total = count > n and count or n
          if more == "keys" then
            items[#items + 1] = format("... (at least %d entries in all)", n > count and n or count)
          elseif more then
            items[#items + 1] = "... (not shown: the printer's limit on entries read)"
          elseif total > shown then
            items[#items + 1] = format("... (%d more)", total - shown)
          end
          if #items == 0 then return "{}" end
          local line = "{ " .. concat(items, ", ") .. " }"
          if #line + #indent <= WIDTH and not find(line, "\\n") then return line end
          return "{\\n" .. inner .. concat(items, ",\\n" .. inner) .. "\\n" .. indent .. "}"
        end
        return function(...)
          local n = select("#", ...)
          local out = { ... }
          for i = 1, n do
            local v = out[i]
            budget, reads = BUDGET, READS
            if type(v) ~= "string" then out[i] = render(v, "", 0, {}) end
          end
          return unpack(out, 1, n)
        end
        """

    /// Compiles the printer and keeps it in the registry; false if that failed (the REPL
    /// then prints values with `print` alone).
    @discardableResult
    static func install(in state: LuaState) -> Bool {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        do {
            try state.load(source, name: "=(printer)", mode: "t")
            try state.pcall(nargs: 0, nresults: 1)
        } catch {
            return false
        }
        guard lua_type(L, -1) == LUA_TFUNCTION else { return false }
        wg_rawsetfield(L, LUA_REGISTRYINDEX, registryKey)
        return true
    }

    /// Replaces the `n` values on top of the stack by their printed forms (strings), in
    /// place; leaves them as they are when there is no printer or it fails.
    static func format(_ state: LuaState, count n: Int32) {
        let L = state.L
        let base = lua_gettop(L) - n
        guard wg_rawgetfield(L, LUA_REGISTRYINDEX, registryKey) == LUA_TFUNCTION else { lua_settop(L, -2); return }
        for i in 1...n { lua_pushvalue(L, base + i) }
        do {
            try state.pcall(nargs: n, nresults: n)
        } catch {
            lua_settop(L, base + n)
            return
        }
        for i in 0..<n { lua_copy(L, base + n + 1 + i, base + 1 + i) }
        lua_settop(L, base + n)
    }

    /// `_` = the value at `index`: the last value the REPL printed (raw set on the globals).
    static func setLast(_ state: LuaState, from index: Int32) {
        let L = state.L
        let v = lua_absindex(L, index)
        lua_pushglobaltable(L)
        lua_pushstring(L, "_")
        lua_pushvalue(L, v)
        lua_rawset(L, -3)
        lua_settop(L, -2)
    }
}
