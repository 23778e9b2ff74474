import CLua

/// Engine values as Lua tables (snake_case fields, as docs/lua-api.md shows them). Tables that
/// people print get a `summary` field and a metatable whose `__tostring` returns it.
enum LuaTables {
    static let printable = "wargame.printable"

    static func push(_ v: TurnReport, _ a: LuaArgs) { push(v, a.L) }
    static func push(_ v: Balance, _ a: LuaArgs) { push(v, a.L) }
    static func push(_ v: Damage, _ a: LuaArgs) { push(v, a.L) }
    static func push(_ v: [Event], _ a: LuaArgs) {
        LuaStack(a.L).push(array(v.map(eventValue)))
        for i in v.indices { printableField(a.L, element: i + 1) }
    }

    static func push(_ v: TurnReport, _ L: OpaquePointer) {
        var t: [String: LuaValue] = [
            "turn": .integer(Int64(v.turn)), "rung": .integer(Int64(v.rung)), "previous_rung": .integer(Int64(v.previousRung)),
            "rung_name": .string(v.rungName),
            "moves": .table(Dictionary(v.moves.map { (.string($0.side), .string($0.move.description)) }, uniquingKeysWith: { a, _ in a })),
            "p_win": array(v.pWin.map { .number($0) }),
            "positions": array(v.positions.map { .number($0) }),
            "damage_pct": .table(Dictionary(v.damagePct.map { (.string($0.key), .number($0.value)) }, uniquingKeysWith: { a, _ in a })),
            "events": array(v.events.map { .string($0.description) }),
            "summary": .string(v.summary),
        ]
        if let e = v.ending {
            t["ended"] = .string(e.reason.rawValue)
            t["why"] = .string(e.why)
        }
        pushPrintable(L, t)
    }

    static func push(_ v: Balance, _ L: OpaquePointer) {
        func side(_ s: SidePower) -> LuaValue {
            .table([.string("leader"): .string(s.leader), .string("power"): .number(s.power),
                    .string("members"): array(s.members.map { .string($0) })])
        }
        let allies = (v.a.contributions + v.b.contributions).filter { $0.state != v.a.leader && $0.state != v.b.leader }
        pushPrintable(L, [
            "ratio": .number(v.ratio), "a": .number(v.a.power), "b": .number(v.b.power), "p_win": .number(v.pWin),
            "decisiveness": .number(v.decisiveness), "side_a": side(v.a), "side_b": side(v.b),
            "allies": array(allies.map { c in
                var t: [LuaValue: LuaValue] = [.string("state"): .string(c.state), .string("weight"): .number(c.weight),
                                               .string("cinc"): .number(c.cinc), .string("power"): .number(c.power)]
                if let al = c.alliance { t[.string("alliance")] = .string(al) }
                t[.string("side")] = .string(v.a.contributions.contains(c) ? v.a.leader : v.b.leader)
                return .table(t)
            }),
            // Every contribution, leaders included, for tables of the balance (the REPL's :mode).
            "contributions": array((v.a.contributions.map { (v.a.leader, $0) } + v.b.contributions.map { (v.b.leader, $0) }).map { side, c in
                LuaTables.table([(.string("side"), .string(side)), (.string("state"), .string(c.state)), (.string("cinc"), .number(c.cinc)),
                                 (.string("weight"), .number(c.weight)), (.string("power"), .number(c.power)),
                                 (.string("alliance"), c.alliance.map { .string($0) } ?? .nil)])
            }),
            "summary": .string(v.summary),
        ])
    }

    static func push(_ v: Damage, _ L: OpaquePointer) {
        pushPrintable(L, [
            "gdp_loss": .number(v.gdpLoss), "gdp_loss_pct": .number(v.gdpLossPct), "blocked": .number(v.blocked),
            "leaked": .number(v.leaked), "unreplaced": .number(v.unreplaced), "commission": .number(v.commission),
            "by_sanctioner": table(v.bySanctioner.map {
                (.string($0.state), .table([.string("cost"): .number($0.cost), .string("cost_pct"): $0.costPct.map { .number($0) } ?? .nil]))
            }),
            "by_member": table(v.byMember.map {
                (.string($0.state), .table([.string("commission"): .number($0.commissionIncome),
                                            .string("secondary_cost"): .number($0.secondaryCost),
                                            .string("status"): .string("\($0.status)")]))
            }),
            "summary": .string(v.summary),
        ])
    }

    /// Field by field rather than through a `LuaValue` dictionary: a policy gets one every
    /// turn, and building the dictionary was most of the policy call (issue 14's profile).
    /// The keys are C literals passed straight to Lua, whose string cache knows them by
    /// address: no Swift string is made or converted per field; and the table is new, so
    /// its fields are set without the raw set's key juggling (`wg_setfreshfield`).
    ///
    /// `strings`: where a Monte Carlo run keeps the view's strings on the stack (the side's
    /// name and leader, the ladder's rung names), pushed from there rather than made again.
    static func push(_ v: SideView, _ L: OpaquePointer, strings: ViewStrings? = nil) {
        let stack = LuaStack(L)
        guard lua_checkstack(L, 6) != 0 else { lua_pushnil(L); return }
        lua_createtable(L, 0, 11)
        if let strings { lua_pushvalue(L, strings.side) } else { stack.pushString(v.side) }
        wg_setfreshfield(L, -2, "side")
        if let strings { lua_pushvalue(L, strings.leader) } else { stack.pushString(v.leader) }
        wg_setfreshfield(L, -2, "leader")
        lua_pushinteger(L, Int64(v.turn)); wg_setfreshfield(L, -2, "turn")
        lua_pushinteger(L, Int64(v.rung)); wg_setfreshfield(L, -2, "rung")
        if let strings, v.rung >= 0, v.rung < strings.rungCount {
            lua_pushvalue(L, strings.rungNames + Int32(v.rung))
        } else {
            stack.pushString(v.rungName)
        }
        wg_setfreshfield(L, -2, "rung_name")
        lua_pushnumber(L, v.pWin); wg_setfreshfield(L, -2, "p_win")
        lua_pushnumber(L, v.ratio.isFinite ? v.ratio : 1e300); wg_setfreshfield(L, -2, "ratio")
        lua_pushnumber(L, v.position); wg_setfreshfield(L, -2, "position")
        lua_pushnumber(L, v.damagePct); wg_setfreshfield(L, -2, "damage_pct")
        lua_pushboolean(L, v.nuclear ? 1 : 0); wg_setfreshfield(L, -2, "nuclear")
        lua_createtable(L, Int32(clamping: v.recentEvents.count), 0)
        var i: Int64 = 0
        for e in v.recentEvents {
            // `e.description`, made by Lua from its parts.
            var kind = e.kind.rawValue, text = e.text
            kind.withUTF8 { k in
                text.withUTF8 { t in
                    wg_pushevent(L, Int64(e.turn), UnsafeRawPointer(k.baseAddress)?.assumingMemoryBound(to: CChar.self), k.count,
                                 UnsafeRawPointer(t.baseAddress)?.assumingMemoryBound(to: CChar.self), t.count)
                }
            }
            i += 1
            lua_rawseti(L, -2, i)
        }
        wg_setfreshfield(L, -2, "events")
    }

    static func push(_ e: Event, _ L: OpaquePointer) {
        pushPrintable(L, ["turn": .integer(Int64(e.turn)), "kind": .string(e.kind.rawValue), "text": .string(e.text),
                          "summary": .string(e.story)])
    }

    static func eventValue(_ e: Event) -> LuaValue {
        .table([.string("turn"): .integer(Int64(e.turn)), .string("kind"): .string(e.kind.rawValue),
                .string("text"): .string(e.text), .string("summary"): .string(e.story)])
    }

    /// A table from pairs; a repeated key keeps its first value (no trap on odd input).
    static func table(_ pairs: [(LuaValue, LuaValue)]) -> LuaValue {
        .table(Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
    }

    static func array(_ values: [LuaValue]) -> LuaValue {
        .table(Dictionary(uniqueKeysWithValues: values.enumerated().map { (.integer(Int64($0.offset + 1)), $0.element) }))
    }

    static func pushPrintable(_ L: OpaquePointer, _ fields: [String: LuaValue]) {
        LuaStack(L).push(.table(Dictionary(uniqueKeysWithValues: fields.map { (.string($0.key), $0.value) })))
        setPrintable(L, -1)
    }

    /// Gives element `i` of the array on top the printable metatable.
    static func printableField(_ L: OpaquePointer, element i: Int) {
        lua_rawgeti(L, -1, Int64(i))
        setPrintable(L, -1)
        lua_settop(L, -2)
    }

    static func setPrintable(_ L: OpaquePointer, _ index: Int32) {
        let idx = lua_absindex(L, index)
        if wg_rawgetmetatable(L, printable) == LUA_TTABLE { lua_setmetatable(L, idx) } else { lua_settop(L, -2) }
    }

    /// The shared metatable: `tostring(t)` is `t.summary`. Scripts get "wargame.printable"
    /// from `getmetatable` (see `LuaStack.pushObjectMetatable`), so none can change it.
    static func installPrintable(in state: LuaState) {
        guard state.pushMetatable(printable, extra: [LuaFunction("__tostring") { a in
            guard a.type(1) == LUA_TTABLE, wg_rawgetfield(a.L, 1, "summary") == LUA_TSTRING else {
                a.push("table"); return 1
            }
            return 1
        }]) else { lua_settop(state.L, -2); return }
        // Plain tables: no __gc or __name of the object metatables is wanted here.
        lua_pushnil(state.L); wg_rawsetfield(state.L, -2, "__gc")
        lua_settop(state.L, -2)
    }
}
