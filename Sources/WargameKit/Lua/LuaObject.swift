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
        if luaL_getmetatable(L, name) == LUA_TTABLE { return false }
        lua_settop(L, -2)
        lua_createtable(L, 0, 4)
        LuaStack(L).pushString(name)
        lua_setfield(L, -2, "__name")
        lua_pushcclosure(L, luaObjectGC, 0)
        lua_setfield(L, -2, "__gc")
        if !methods.isEmpty {
            pushLibrary(methods)
            lua_setfield(L, -2, "__index")
        }
        for f in extra {  // metamethods such as __tostring, or an __index function
            push(f)
            lua_setfield(L, -2, f.name)
        }
        lua_pushvalue(L, -1)
        lua_setfield(L, LUA_REGISTRYINDEX, name)
        return true
    }

    /// Pushes `object` as a full userdata with metatable `name` (which must exist).
    public func pushObject(_ object: AnyObject, metatable name: String) {
        LuaStack(L).pushObject(object, metatable: name)
    }
}

extension LuaStack {
    public func pushObject(_ object: AnyObject, metatable name: String) {
        let slot = lua_newuserdatauv(L, MemoryLayout<UnsafeMutableRawPointer>.size, 1)!
        slot.storeBytes(of: Unmanaged.passRetained(object).toOpaque(), as: UnsafeMutableRawPointer.self)
        _ = luaL_getmetatable(L, name)
        lua_setmetatable(L, -2)
    }

    /// The object at `index` if it is a userdata with metatable `name` and of type `T`.
    public func object<T: AnyObject>(at index: Int32, metatable name: String, as type: T.Type = T.self) -> T? {
        guard let slot = luaL_testudata(L, index, name) else { return nil }
        guard let raw = slot.load(as: UnsafeMutableRawPointer?.self) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue() as? T
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
    guard let L, let slot = lua_touserdata(L, 1) else { return 0 }
    if let raw = slot.load(as: UnsafeMutableRawPointer?.self) {
        Unmanaged<AnyObject>.fromOpaque(raw).release()
        slot.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
    }
    return 0
}
