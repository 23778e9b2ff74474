import CLua

/// The body of a Swift function that Lua calls: it reads its arguments through `LuaArgs`,
/// pushes its results and returns how many. It never raises a Lua error; it throws.
public typealias LuaFunctionBody = (LuaArgs) throws -> Int32

/// A named Swift function for a binding table, like an entry of a `luaL_Reg` array.
public struct LuaFunction {
    public let name: String
    /// Methods are called as `obj:name(...)`: argument numbers in messages skip `self`,
    /// as Lua's own argument errors do.
    public let isMethod: Bool
    public let body: LuaFunctionBody

    public init(_ name: String, method: Bool = false, _ body: @escaping LuaFunctionBody) {
        self.name = name
        self.isMethod = method
        self.body = body
    }
}

/// Holds a Swift closure for Lua. The state that pushed it keeps it alive for as long as
/// the state lives, and Lua reaches it through a light-userdata upvalue (the fast path
/// measured: about 25 ns a call against 40 through a full userdata; docs/architecture.md).
final class LuaFunctionBox {
    let function: LuaFunction
    let body: LuaFunctionBody
    init(_ function: LuaFunction) {
        self.function = function
        self.body = function.body
    }
}

/// The Swift half of the trampoline (`wg_trampoline` in Sources/CLua/shim.h, the
/// lua_CFunction Lua holds): every Swift value lives and dies in here, and an error comes
/// back as -1/-2 with its message on the stack. The C frame raises it after this function
/// has returned, so the raise skips no Swift frame by construction.
@_cdecl("wg_invoke_boxed")
func invokeBoxed(_ L: OpaquePointer?) -> Int32 {
    let L = L!
    let raw = lua_touserdata(L, lua_upvalueindex(1))!
    let box = Unmanaged<LuaFunctionBox>.fromOpaque(raw).takeUnretainedValue()
    do {
        return try box.body(LuaArgs(L, raw))
    } catch let error as LuaCallError {
        LuaStack(L).pushString(error.message)
        return error.addsPosition ? -1 : -2
    } catch let error as FieldError {
        LuaStack(L).pushString(LuaArgs(L, raw).error(box.function.isMethod ? 2 : 1, error.message).message)
        return -1
    } catch let error as LuaError {
        // A nested Lua call failed: its message already names its position.
        LuaStack(L).pushString(error.message)
        return -2
    } catch {
        LuaStack(L).pushString(String(describing: error))
        return -1
    }
}

/// The arguments of one call from Lua, with checks that throw Lua-style argument errors
/// (`bad argument #1 to 'side' (string expected, got nil)`) instead of raising.
public struct LuaArgs {
    public let L: OpaquePointer
    /// The function's box, unretained: the state keeps it alive during the call. Reading
    /// the name only when an error is built keeps the fast path free of reference counting.
    let box: UnsafeMutableRawPointer
    public var function: LuaFunction { Unmanaged<LuaFunctionBox>.fromOpaque(box).takeUnretainedValue().function }
    public var stack: LuaStack { LuaStack(L) }

    init(_ L: OpaquePointer, _ box: UnsafeMutableRawPointer) {
        self.L = L
        self.box = box
    }

    /// Number of arguments, `self` included for methods.
    public var count: Int32 { lua_gettop(L) }

    /// The argument number Lua would show for stack index `i`.
    public func shown(_ i: Int32) -> Int { Int(function.isMethod ? i - 1 : i) }

    public func error(_ i: Int32, _ extra: String) -> LuaCallError {
        if function.isMethod && i == 1 {
            return LuaCallError("calling '\(function.name)' on bad self (\(extra))")
        }
        return .badArgument(shown(i), function.name, extra)
    }

    public func typeError(_ i: Int32, _ expected: String) -> LuaCallError {
        let got = lua_type(L, i) == LUA_TNONE ? "no value" : stack.typeName(at: i)
        return error(i, "\(expected) expected, got \(got)")
    }

    public func isNoneOrNil(_ i: Int32) -> Bool { lua_type(L, i) <= 0 }
    public func type(_ i: Int32) -> Int32 { lua_type(L, i) }

    /// A string of at most `max` bytes (measured before it is copied; ``InputLimits``).
    public func string(_ i: Int32, max: Int = InputLimits.text) throws -> String {
        guard lua_type(L, i) == LUA_TSTRING else { throw typeError(i, "string") }
        guard lua_rawlen(L, i) <= max else { throw error(i, "string longer than \(max) bytes") }
        return stack.string(at: i) ?? ""
    }
    public func optString(_ i: Int32) throws -> String? { isNoneOrNil(i) ? nil : try string(i) }

    /// A name or state code: a string of at most ``InputLimits/name`` bytes.
    public func name(_ i: Int32) throws -> String {
        guard lua_type(L, i) == LUA_TSTRING else { throw typeError(i, "string") }
        guard lua_rawlen(L, i) <= InputLimits.name else { throw error(i, "name longer than \(InputLimits.name) bytes") }
        return stack.string(at: i) ?? ""
    }

    /// A finite number; NaN and infinities are refused, so no engine code sees them.
    public func number(_ i: Int32) throws -> Double {
        guard lua_type(L, i) == LUA_TNUMBER else { throw typeError(i, "number") }
        let d = lua_tonumberx(L, i, nil)
        guard d.isFinite else { throw error(i, "finite number expected, got \(LuaValue.format(d))") }
        return d
    }
    public func optNumber(_ i: Int32) throws -> Double? { isNoneOrNil(i) ? nil : try number(i) }

    /// An integer within `range`; a float with an exact integer value is accepted, as Lua does.
    public func integer(_ i: Int32, in range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64 {
        guard lua_type(L, i) == LUA_TNUMBER else { throw typeError(i, "number") }
        var ok: Int32 = 0
        let v = lua_tointegerx(L, i, &ok)
        guard ok != 0 else { throw error(i, "number has no integer representation") }
        guard range.contains(v) else { throw error(i, "out of range \(range.lowerBound)..\(range.upperBound)") }
        return v
    }
    public func optInteger(_ i: Int32, in range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64? {
        isNoneOrNil(i) ? nil : try integer(i, in: range)
    }

    public func boolean(_ i: Int32) -> Bool { lua_toboolean(L, i) != 0 }

    /// A table copied into Swift, within ``InputLimits`` (refused before it is copied).
    public func table(_ i: Int32, depth: Int = 16) throws -> LuaValue {
        guard lua_type(L, i) == LUA_TTABLE else { throw typeError(i, "table") }
        return try bounded(i, depth: depth)
    }

    /// Any value copied into Swift, within ``InputLimits``.
    public func bounded(_ i: Int32, depth: Int = 16) throws -> LuaValue {
        do {
            return try stack.boundedValue(at: i, depth: depth)
        } catch {
            throw self.error(i, error.message)
        }
    }

    public func checkType(_ i: Int32, _ t: Int32, _ name: String) throws {
        guard lua_type(L, i) == t else { throw typeError(i, name) }
    }

    public func push(_ v: LuaValue) { stack.push(v) }
    public func push(_ s: String) { stack.pushString(s) }
    public func push(_ d: Double) { lua_pushnumber(L, d) }
    public func push(_ i: Int) { lua_pushinteger(L, Int64(i)) }
    public func push(_ b: Bool) { lua_pushboolean(L, b ? 1 : 0) }
    public func pushNil() { lua_pushnil(L) }
}
