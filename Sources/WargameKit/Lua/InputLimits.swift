import CLua

/// Bounds on what one `wg` call copies from Lua into Swift, in every state.
///
/// What Swift holds is not counted by the state's allocator, and Swift code called from Lua
/// is exempt from the memory limit (a failed allocation cannot be raised through Swift
/// frames). So an input is measured on the Lua stack and refused before it is copied: a
/// table of 1,000 references to one 20 MB string was 20 GB of Swift strings (an abort at
/// 5.9 GB). Each bound is far above what a scenario needs.
public enum InputLimits {
    /// A name: of a scenario, side, alliance, sanction package, alignment, rung or event;
    /// a state code; a sector.
    public static let name = 256
    /// Other strings given as arguments (file paths, a rung's description).
    public static let text = 4096
    /// Entries of one argument table, nested tables included.
    public static let tableEntries = 100_000
    /// String bytes (keys and values) of one argument table, nested tables included. A table
    /// must also fit what the state's memory limit leaves.
    public static let tableBytes = 4 << 20
    /// Rungs of an escalation ladder (`wg.scenario{ladder=}`, `wg.ladder(t)`).
    public static let rungs = ScenarioLimits.maxRungs
}

/// Why a Lua value was not copied into Swift (see ``LuaStack/boundedValue(at:depth:entries:bytes:)``).
public enum CopyLimitError: Error, Equatable {
    case entries(Int)
    case bytes(Int)
    /// The strings would take more than the state's memory limit leaves (bytes).
    case memory(Int)

    /// The reason, for an argument error (`bad argument #1 to 'ladder' (table too large: ...)`).
    public var message: String {
        switch self {
        case .entries(let n): return "table too large: more than \(n) entries"
        case .bytes(let n): return "table too large: its strings take more than \(LuaStack.size(n))"
        case .memory(let n): return "table too large: its strings take more than the \(LuaStack.size(n)) the memory limit leaves"
        }
    }
}

extension LuaStack {
    /// Copies the value at `index` like ``value(at:depth:)``, but throws before copying more
    /// than `entries` table entries or `bytes` of strings in all (lengths are read on the Lua
    /// stack, before any string is copied). With a memory limit, `bytes` is at most what the
    /// limit leaves: the copy is counted against it.
    public func boundedValue(at index: Int32, depth: Int = 16, entries: Int = InputLimits.tableEntries,
                             bytes: Int = InputLimits.tableBytes) throws(CopyLimitError) -> LuaValue {
        let left = LuaStack.memoryLeft(L) ?? bytes
        var budget = CopyBudget(entries: entries, bytes: min(bytes, left), limited: left < bytes)
        var seen = Set<UnsafeRawPointer>()
        return try copyValue(at: lua_absindex(L, index), depth: depth, budget: &budget, seen: &seen)
    }

    /// What a copy may still take; ``unlimited`` never runs out (``value(at:depth:)``).
    struct CopyBudget {
        var entries: Int
        var bytes: Int
        let maxEntries: Int
        let maxBytes: Int
        let byMemory: Bool  // the memory limit, not `bytes`, set maxBytes
        init(entries: Int, bytes: Int, limited: Bool) {
            self.entries = entries; self.bytes = bytes; maxEntries = entries; maxBytes = bytes; byMemory = limited
        }
        var exceeded: CopyLimitError { byMemory ? .memory(maxBytes) : .bytes(maxBytes) }
        static var unlimited: CopyBudget { CopyBudget(entries: .max, bytes: .max, limited: false) }
    }

    /// The one walk that copies a Lua value into Swift: tables to `depth`, cycles and
    /// deeper tables as opaque, counting entries and string bytes against `budget`.
    func copyValue(at index: Int32, depth: Int, budget: inout CopyBudget,
                   seen: inout Set<UnsafeRawPointer>) throws(CopyLimitError) -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(lua_tointegerx(L, index, nil)) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            let length = Int(lua_rawlen(L, index))
            guard length <= budget.bytes else { throw budget.exceeded }
            budget.bytes -= length
            return .string(string(at: index) ?? "")
        case LUA_TTABLE:
            guard depth > 0, lua_checkstack(L, 4) != 0, let p = lua_topointer(L, index), seen.insert(p).inserted else {
                return .opaque("table")
            }
            defer { seen.remove(p) }
            var out: [LuaValue: LuaValue] = [:]
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                budget.entries -= 1
                guard budget.entries >= 0 else { lua_settop(L, -3); throw .entries(budget.maxEntries) }
                do {
                    let k = try copyValue(at: lua_absindex(L, -2), depth: depth - 1, budget: &budget, seen: &seen)
                    let v = try copyValue(at: lua_absindex(L, -1), depth: depth - 1, budget: &budget, seen: &seen)
                    if k != .nil { out[k] = v }
                } catch {
                    lua_settop(L, -3)  // the key and value of this traversal
                    throw error
                }
                lua_settop(L, -2)
            }
            return .table(out)
        default:
            return .opaque(typeName(at: index))
        }
    }

    /// Bytes the state's memory limit still allows, nil without a limit.
    static func memoryLeft(_ L: OpaquePointer) -> Int? {
        guard let st = wg_alloc_state_of(L)?.pointee, st.limit != 0 else { return nil }
        return st.limit > st.used ? Int(st.limit - st.used) : 0
    }

    /// "4 MiB", "300 KiB", "12 bytes".
    static func size(_ n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}
