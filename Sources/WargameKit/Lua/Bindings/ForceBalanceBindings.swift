import CLua

/// `wg.capabilities` and `wg.lanchester`: convert arguments, call the engine, convert back.
enum ForceBalanceBindings {
    /// Computed rather than stored: `LuaFunction` holds a closure and is not `Sendable`.
    static var functions: [LuaFunction] {
        [LuaFunction("capabilities", capabilities), LuaFunction("lanchester", lanchester)]
    }

    /// Registry name of the metatable of the userdata that carries a `Capabilities`.
    static let boxMetatable = "wargame.capabilities"
    /// Field of a capabilities table's metatable holding that userdata.
    static let metaKey = "__capabilities"

    /// Keeps the engine value behind a table returned to Lua, so a scenario gets exactly
    /// what was loaded (CINC included) rather than a re-parse of a table a script may edit.
    final class CapabilitiesBox {
        let value: Capabilities
        init(_ value: Capabilities) { self.value = value }
    }

    // MARK: wg.capabilities([path [, year]])

    static func capabilities(_ args: LuaArgs) throws -> Int32 {
        let caps: Capabilities
        do {
            let year = try args.optInteger(2, in: -1_000_000...1_000_000).map { Int($0) }
            if args.isNoneOrNil(1) {
                caps = try Bundled.capabilities(year: year)  // parsed on first use, once per process
            } else {
                let path = try args.string(1)
                try args.refuseFileAccessInSandbox()
                caps = try Capabilities.load(path: path, year: year)
            }
        } catch let e as DataFileError {
            // The message already names file and line; the caller's position would only confuse.
            throw LuaCallError(e.description, addsPosition: false)
        }
        push(caps, on: args.L)
        return 1
    }

    /// Pushes `caps` as a table keyed by stateabb, with a metatable carrying the Swift value.
    static func push(_ caps: Capabilities, on L: OpaquePointer) {
        var table: [LuaValue: LuaValue] = [:]
        for s in caps.states {
            var t: [LuaValue: LuaValue] = [
                .string("stateabb"): .string(s.stateabb), .string("ccode"): .integer(Int64(s.ccode)),
                .string("year"): .integer(Int64(s.year)),
            ]
            let fields = StateCapabilities.componentNames + ["cinc"]
            for (name, v) in zip(fields, s.components + [s.cinc]) { if let v { t[.string(name)] = .number(v) } }
            table[.string(s.stateabb)] = .table(t)
        }
        let stack = LuaStack(L)
        stack.push(.table(table))
        lua_createtable(L, 0, 3)
        stack.pushString("wg.capabilities")
        wg_rawsetfield(L, -2, "__name")  // fresh table, no metamethods
        stack.pushString("wg.capabilities")
        wg_rawsetfield(L, -2, "__metatable")  // hidden from scripts (see pushObjectMetatable)
        stack.pushObjectMetatable(boxMetatable)
        lua_settop(L, -2)
        stack.pushObject(CapabilitiesBox(caps), metatable: boxMetatable)
        wg_rawsetfield(L, -2, metaKey)
        lua_setmetatable(L, -2)
    }

    /// Argument `index` as capabilities: a table from `wg.capabilities` (its Swift value), or
    /// a hand-made table of states with component fields (CINC recomputed). Errors read
    /// `bad argument #n to 'f' (...)`.
    static func capabilities(_ args: LuaArgs, _ index: Int32) throws -> Capabilities {
        guard args.type(index) == LUA_TTABLE else { throw args.typeError(index, "capabilities table") }
        do {
            return try capabilities(args.L, at: index)
        } catch {
            throw args.error(index, error.message)
        }
    }

    /// The value at stack `index` as capabilities; the error's message is the bare reason
    /// (e.g. `RUS.milex: number expected, got string`), for callers that read a table field.
    static func capabilities(_ L: OpaquePointer, at index: Int32) throws(LuaCallError) -> Capabilities {
        guard lua_type(L, index) == LUA_TTABLE else {
            throw LuaCallError("capabilities table expected, got \(LuaStack(L).typeName(at: index))")
        }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        if lua_getmetatable(L, index) != 0 {
            LuaStack(L).pushString(metaKey)
            lua_rawget(L, -2)
            if let box = LuaStack(L).object(at: -1, metatable: boxMetatable, as: CapabilitiesBox.self) {
                return box.value
            }
        }
        let value: LuaValue
        do {
            value = try LuaStack(L).boundedValue(at: index, depth: 3)
        } catch {
            throw LuaCallError(error.message)
        }
        return try handMade(value)
    }

    /// `{ RUS = { milex=..., milper=..., ... }, ... }` or `{ { stateabb="RUS", ... }, ... }`.
    /// A component that is nil or -9 (COW's code) is missing. States keyed by name come in
    /// name order (a Lua table has none), array entries first in array order.
    static func handMade(_ value: LuaValue) throws(LuaCallError) -> Capabilities {
        let entries = value.asTable ?? [:]
        let array = entries.compactMap { k, v -> (Int64, LuaValue)? in
            if case .integer(let i) = k { return (i, v) } else { return nil }
        }.sorted { $0.0 < $1.0 }
        let keyed = entries.compactMap { k, v -> (String, LuaValue)? in k.asString.map { ($0, v) } }.sorted { $0.0 < $1.0 }
        guard array.count + keyed.count == entries.count else { throw LuaCallError("state keys must be stateabb strings or array indices") }
        guard !entries.isEmpty else { throw LuaCallError("no states") }

        var states: [StateCapabilities] = []
        var seen = Set<String>()
        for (key, v) in array.map({ (Optional<String>.none, $0.1) }) + keyed.map({ (Optional($0.0), $0.1) }) {
            let label = key ?? "state"
            guard let t = v.asTable else { throw LuaCallError("\(label): table expected, got \(v.typeName)") }
            if let key, key.utf8.count > InputLimits.name { throw LuaCallError("state keys must be stateabb strings of at most \(InputLimits.name) bytes") }
            let abb: String
            switch v["stateabb"] {
            case .string(let s) where s.utf8.count > InputLimits.name:
                throw LuaCallError("\(label).stateabb: longer than \(InputLimits.name) bytes")
            case .string(let s): abb = s
            case .nil where key != nil: abb = key ?? ""
            case let other: throw LuaCallError("\(label).stateabb: string expected, got \(other.typeName)")
            }
            if let key, key != abb { throw LuaCallError("\(key).stateabb: '\(abb)' differs from its key") }
            guard seen.insert(abb).inserted else { throw LuaCallError("\(abb): state given twice") }
            func integer(_ f: String) throws(LuaCallError) -> Int? {
                switch t[.string(f)] ?? .nil {
                case .nil: return nil
                case .integer(let i) where abs(i) <= 1_000_000_000: return Int(i)
                case .number(let d) where d == d.rounded() && abs(d) <= 1e9: return Int(d)
                case let other: throw LuaCallError("\(abb).\(f): integer expected, got \(describe(other))")
                }
            }
            var comps: [Double?] = []
            for f in StateCapabilities.componentNames {
                let x = t[.string(f)] ?? .nil
                if x == .nil { comps.append(nil); continue }
                guard let d = x.asDouble else { throw LuaCallError("\(abb).\(f): number expected, got \(x.typeName)") }
                if d == NMCFile.missing { comps.append(nil); continue }
                guard d.isFinite, d >= 0 else { throw LuaCallError("\(abb).\(f): non-negative number expected, got \(LuaValue.format(d))") }
                comps.append(d)
            }
            states.append(StateCapabilities(stateabb: abb, ccode: try integer("ccode") ?? 0, year: try integer("year") ?? 0,
                                            milex: comps[0], milper: comps[1], irst: comps[2],
                                            pec: comps[3], tpop: comps[4], upop: comps[5]))
        }
        // The system's year: the latest a state names; states that name none take it.
        let year = states.map(\.year).max() ?? 0
        for i in states.indices where states[i].year == 0 { states[i].year = year }
        return Capabilities(year: year, states: states)
    }


    private static func describe(_ v: LuaValue) -> String {
        switch v {
        case .integer, .number: return LuaValue.format(v.asDouble ?? .nan)
        default: return v.typeName
        }
    }

    // MARK: wg.lanchester{ a=, b=, alpha=, beta=, law=, dt=, t=, ra=, rb= }

    static func lanchester(_ args: LuaArgs) throws -> Int32 {
        let spec = try args.table(1)
        func number(_ field: String, default d: Double? = nil) throws -> Double {
            let v = spec[field]
            if v == .nil, let d { return d }
            guard let x = v.asDouble else { throw args.error(1, "field '\(field)': number expected, got \(v.typeName)") }
            guard x.isFinite else { throw args.error(1, "field '\(field)': finite number expected, got \(LuaValue.format(x))") }
            return x
        }
        let law: LanchesterLaw
        switch spec["law"] {
        case .nil: law = .square
        case .string(let s):
            guard let l = LanchesterLaw(rawValue: s) else {
                if s.utf8.count > InputLimits.name { throw args.error(1, "field 'law': invalid option (square or linear)") }
                throw args.error(1, "field 'law': invalid option '\(s)' (square or linear)")
            }
            law = l
        case let v: throw args.error(1, "field 'law': string expected, got \(v.typeName)")
        }
        let t = try number("t")
        let r: LanchesterResult
        do {
            r = try Lanchester.run(a: try number("a"), b: try number("b"), alpha: try number("alpha"), beta: try number("beta"),
                                   law: law, reinforcementA: try number("ra", default: 0), reinforcementB: try number("rb", default: 0),
                                   dt: try number("dt", default: min(0.01, t)), t: t)
        } catch let e as ForceBalanceError {
            throw args.error(1, e.description)
        }
        var out: [LuaValue: LuaValue] = [.string("a"): .number(r.a), .string("b"): .number(r.b), .string("t"): .number(r.t)]
        if let w = r.winner { out[.string("winner")] = .string(w.rawValue) }
        args.push(.table(out))
        return 1
    }
}
