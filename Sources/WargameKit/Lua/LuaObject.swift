import CLua

/// Swift objects owned by Lua: a full userdata holds one +1 reference, released by `__gc`.
///
/// Each kind of object has a metatable registered under its name (as `luaL_newmetatable`
/// does), so `object(_:_:as:)` can tell a scenario from any other userdata.
extension LuaState {
    /// Creates (once) the metatable `name` in the registry, with `__gc`, `__name` and the
    /// given methods as `__index`, and leaves it on the stack. Returns true if it was new.
    @discardableResult
    public func pushMetatable(_ name: String, methods: [LuaFunction] = [], extra: [LuaFunction] = []) -> Bool {
        guard LuaStack(L).pushObjectMetatable(name) else { return false }
        if !methods.isEmpty {
            pushLibrary(methods)
            wg_rawsetfield(L, -2, "__index")
        }
        for f in extra {  // metamethods such as __tostring, or an __index function
            push(f)
            wg_rawsetfield(L, -2, f.name)
        }
        return true
    }

    /// Pushes `object` as a full userdata with metatable `name` (which must exist).
    public func pushObject(_ object: AnyObject, metatable name: String) {
        LuaStack(L).pushObject(object, metatable: name)
    }
}

/// The block of an object userdata: a tag naming its kind, then the retained object.
/// Only C code can make a full userdata, so no script can forge a tag; checking it is a
/// load and a compare, which keeps engine accessors about as cheap as Lua calls.
struct LuaObjectBlock {
    var tag: UInt64
    var object: UnsafeMutableRawPointer?
}

extension LuaStack {
    /// Pushes the metatable `name` from the registry, creating it (with `__name`, the
    /// `__gc` that releases the object, and `__metatable`) if it is missing; true if it was
    /// created. Works on any thread of the state, as coroutines require.
    ///
    /// `__metatable` (the name) is what `getmetatable` gives scripts: a metatable they could
    /// reach, they could change for everyone, and a `__gc` put there runs where no limit can
    /// stop it (Lua runs finalizers with hooks off).
    @discardableResult
    public func pushObjectMetatable(_ name: String) -> Bool {
        if wg_rawgetmetatable(L, name) == LUA_TTABLE { return false }
        lua_settop(L, -2)
        lua_createtable(L, 0, 5)
        pushString(name)
        wg_rawsetfield(L, -2, "__name")
        pushString(name)
        wg_rawsetfield(L, -2, "__metatable")
        // The collector gets the kind's tag as an upvalue: a script that fetches this
        // __gc and calls it on another userdata (io.stdout) finds it does nothing.
        lua_pushinteger(L, Int64(bitPattern: LuaStack.tag(for: name)))
        lua_pushcclosure(L, luaObjectGC, 1)
        wg_rawsetfield(L, -2, "__gc")
        lua_pushvalue(L, -1)
        wg_rawsetfield(L, LUA_REGISTRYINDEX, name)
        return true
    }

    /// The tag for objects of metatable `name` (FNV-1a of the name).
    public static func tag(for name: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    public func pushObject(_ object: AnyObject, metatable name: String) {
        let slot = lua_newuserdatauv(L, MemoryLayout<LuaObjectBlock>.size, 1)!
        slot.storeBytes(of: LuaObjectBlock(tag: LuaStack.tag(for: name), object: Unmanaged.passRetained(object).toOpaque()),
                        as: LuaObjectBlock.self)
        _ = wg_rawgetmetatable(L, name)
        lua_setmetatable(L, -2)
    }

    /// The object at `index` if it is a userdata made by `pushObject` with tag `tag`.
    /// The caller guarantees that objects of this tag are of type `T`.
    @inline(__always)
    public func object<T: AnyObject>(at index: Int32, tag: UInt64, as type: T.Type = T.self) -> T? {
        guard lua_type(L, index) == LUA_TUSERDATA, lua_rawlen(L, index) == MemoryLayout<LuaObjectBlock>.size,
              let slot = lua_touserdata(L, index) else { return nil }
        let block = slot.load(as: LuaObjectBlock.self)
        guard block.tag == tag, let raw = block.object else { return nil }
        return Unmanaged<T>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The object at `index` if it is a userdata with metatable `name` and of type `T`.
    public func object<T: AnyObject>(at index: Int32, metatable name: String, as type: T.Type = T.self) -> T? {
        object(at: index, tag: LuaStack.tag(for: name), as: T.self)
    }
}

extension LuaArgs {
    /// Argument `i` as an object of metatable `name`; a Lua-style error otherwise
    /// (`bad argument #1 to 'step' (scenario expected, got table)`).
    public func object<T: AnyObject>(_ i: Int32, metatable name: String, expected: String, as type: T.Type = T.self) throws -> T {
        guard let o = stack.object(at: i, metatable: name, as: T.self) else { throw typeError(i, expected) }
        return o
    }
}

/// `__gc` of every Swift-object userdata: drops the reference and clears the slot, so a
/// resurrected userdata (finalizers can resurrect) finds nil rather than a freed object.
func luaObjectGC(_ L: OpaquePointer?) -> Int32 {
    guard let L, lua_type(L, 1) == LUA_TUSERDATA, lua_rawlen(L, 1) == MemoryLayout<LuaObjectBlock>.size,
          let slot = lua_touserdata(L, 1) else { return 0 }
    var block = slot.load(as: LuaObjectBlock.self)
    guard block.tag == UInt64(bitPattern: lua_tointegerx(L, lua_upvalueindex(1), nil)) else { return 0 }
    if let raw = block.object {
        Unmanaged<AnyObject>.fromOpaque(raw).release()
        block.object = nil
        slot.storeBytes(of: block, as: LuaObjectBlock.self)
    }
    return 0
}
