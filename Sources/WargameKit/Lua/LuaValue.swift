import CLua
import Foundation

/// A Lua value copied into Swift. Functions, userdata and threads are opaque here and
/// carry only their type name.
public enum LuaValue: Hashable, Sendable, CustomStringConvertible {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case table([LuaValue: LuaValue])
    case opaque(String)

    public var description: String {
        switch self {
        case .nil: return "nil"
        case .boolean(let b): return String(b)
        case .integer(let i): return String(i)
        case .number(let d): return LuaValue.format(d)
        case .string(let s): return s
        case .table(let t): return "table(\(t.count))"
        case .opaque(let t): return t
        }
    }

    /// The value's type as Lua's `type` names it, for messages ("table expected, got nil").
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .table: return "table"
        case .opaque(let t): return t
        }
    }

    /// Lua's "%.14g" rendering of a float, so Swift shows numbers as `print` does.
    static func format(_ d: Double) -> String {
        if d.isNaN { return d.sign == .minus ? "-nan" : "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        var s = String(format: "%.14g", d)
        if d == d.rounded(), !s.contains("e"), !s.contains(".") { s += ".0" }
        return s
    }

    /// Whether `rawset` accepts this as a key: not nil, not NaN, and a value Swift can
    /// push back (functions and userdata come over as `.opaque`, which cannot be).
    var isValidKey: Bool {
        switch self {
        case .nil, .opaque: return false
        case .number(let d): return !d.isNaN
        default: return true
        }
    }

    public var asDouble: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
    public var asString: String? { if case .string(let s) = self { return s } else { return nil } }
    public var asTable: [LuaValue: LuaValue]? { if case .table(let t) = self { return t } else { return nil } }
    public subscript(key: String) -> LuaValue { asTable?[.string(key)] ?? .nil }
    public subscript(index: Int) -> LuaValue { asTable?[.integer(Int64(index))] ?? .nil }
}

extension LuaState {
    /// Pushes a Swift value. Tables are built recursively.
    public func push(_ value: LuaValue) { LuaStack(L).push(value) }

    /// Copies the value at `index` into Swift; nested tables to `depth` levels, cycles cut.
    public func value(at index: Int32, depth: Int = 16) -> LuaValue { LuaStack(L).value(at: index, depth: depth) }
}

/// Non-raising stack access shared by the state and the bindings. Uses only calls that
/// cannot raise a Lua error (raw access, `to*`), as the bridge rules require.
public struct LuaStack {
    public let L: OpaquePointer
    public init(_ L: OpaquePointer) { self.L = L }

    public var top: Int32 { lua_gettop(L) }

    public func push(_ value: LuaValue) {
        switch value {
        case .nil, .opaque: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(s)
        case .table(let t):
            // Room for the table, a key and a value at every level (Lua guarantees 20 slots
            // only); past the C stack's room the table is pushed as nil, not overflowed.
            guard lua_checkstack(L, 4) != 0 else { lua_pushnil(L); return }
            lua_createtable(L, 0, Int32(clamping: t.count))
            for (k, v) in t where k.isValidKey {
                push(k); push(v); lua_rawset(L, -3)
            }
        }
    }

    public func pushString(_ s: String) {
        var s = s
        // A raw pointer cast, not `withMemoryRebound`: that one looked up generic metadata
        // on every call, a cost a policy's view paid per field (issue 14's profile).
        s.withUTF8 { _ = lua_pushlstring(L, UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: CChar.self), $0.count) }
    }

    /// The string at `index` (strings only, no number coercion), bytes decoded as UTF-8.
    public func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var len = 0
        guard let p = lua_tolstring(L, index, &len) else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: len) {
            String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
        }
    }

    public func typeName(at index: Int32) -> String {
        String(cString: lua_typename(L, lua_type(L, index)))
    }

    public func value(at index: Int32, depth: Int = 16) -> LuaValue {
        var budget = CopyBudget.unlimited
        var seen = Set<UnsafeRawPointer>()
        // The walk of ``boundedValue(at:depth:entries:bytes:)`` with a budget that never
        // runs out, so it cannot throw.
        return (try? copyValue(at: lua_absindex(L, index), depth: depth, budget: &budget, seen: &seen)) ?? .nil
    }
}
