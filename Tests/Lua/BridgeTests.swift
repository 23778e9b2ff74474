import CLua
import Testing
@testable import WargameKit

/// The bridge rules of DESIGN.md, proved by running Lua: Swift throws, one trampoline
/// raises, nothing leaks, `defer` runs, coroutines get their own state.
@Suite struct BridgeTests {
    final class Counter: @unchecked Sendable {
        var value = 0
    }
    /// Counts live instances so a leak shows as a non-zero count.
    final class Tracked {
        let live: Counter
        init(_ live: Counter) { self.live = live; live.value += 1 }
        deinit { live.value -= 1 }
    }
    struct Boom: Error, CustomStringConvertible { var description: String { "boom from Swift" } }

    @Test func thrownSwiftErrorIsCatchableLuaError() throws {
        let lua = try LuaState()
        lua.push(LuaFunction("fail") { _ in throw Boom() })
        lua.setGlobal("fail")
        let r = try lua.run("local ok, msg = pcall(function() fail() end); return ok, msg", name: "=t")
        #expect(r == [.boolean(false), .string("t:1: boom from Swift")])
    }

    @Test func argumentErrorsReadLikeLuas() throws {
        let lua = try LuaState()
        lua.pushLibrary([
            LuaFunction("name") { a in a.push(try a.string(1)); return 1 },
            LuaFunction("side", method: true) { a in a.push(try a.string(2)); return 1 },
        ])
        lua.setGlobal("t")
        let r = try lua.run("""
            local o = setmetatable({}, {__index = t})
            local _, e1 = pcall(function() return t.name() end)
            local _, e2 = pcall(function() return o:side(nil) end)
            local _, e3 = pcall(function() return t.name({}) end)
            return e1, e2, e3
            """, name: "=x")
        #expect(r == [
            .string("x:2: bad argument #1 to 'name' (string expected, got no value)"),
            .string("x:3: bad argument #1 to 'side' (string expected, got nil)"),
            .string("x:4: bad argument #1 to 'name' (string expected, got table)"),
        ])
    }

    @Test func deferRunsAndNothingLeaksOver10000FailingCalls() throws {
        let lua = try LuaState()
        let live = Counter(), defers = Counter()
        lua.push(LuaFunction("fail") { _ in
            let t = Tracked(live)
            defer { defers.value += 1; _ = t }
            throw Boom()
        })
        lua.setGlobal("fail")
        try lua.run("collectgarbage(); collectgarbage()")
        let before = lua.memoryUsed
        let r = try lua.run("""
            local n = 0
            for i = 1, 10000 do if not pcall(fail) then n = n + 1 end end
            collectgarbage(); collectgarbage()
            return n
            """)
        #expect(r == [.integer(10000)])
        #expect(defers.value == 10000)
        #expect(live.value == 0)
        // Lua's own heap is flat too (a few KiB of slack for interned strings).
        #expect(lua.memoryUsed - before < 16 * 1024)
    }

    @Test func callbacksWorkInsideCoroutines() throws {
        let lua = try LuaState()
        lua.push(LuaFunction("twice") { a in a.push(try a.number(1) * 2); return 1 })
        lua.setGlobal("twice")
        let r = try lua.run("""
            local co = coroutine.wrap(function(x)
                local y = coroutine.yield(twice(x))
                return twice(y)
            end)
            local first = co(21)
            return first, co(5), select(2, pcall(coroutine.wrap(function() return twice("z") end)))
            """, name: "=co")
        #expect(r[0] == .number(42))
        #expect(r[1] == .number(10))
        #expect(r[2] == .string("co:6: bad argument #1 to 'twice' (number expected, got string)"))
    }

    @Test func syntaxAndIncompleteAreTold() throws {
        let lua = try LuaState()
        #expect(throws: LuaError.incomplete("in:1: unexpected symbol near <eof>")) { try lua.run("x = 1 +", name: "=in") }
        #expect(throws: LuaError.incomplete("in:1: 'end' expected near <eof>")) { try lua.run("if x then", name: "=in") }
        #expect(throws: LuaError.syntax("in:1: unexpected symbol near ')'")) { try lua.run("x = )", name: "=in") }
    }

    @Test func runtimeErrorCarriesTraceback() throws {
        let lua = try LuaState()
        do {
            try lua.run("local function f() error('bad') end\nf()", name: "@s.lua")
            Issue.record("no error")
        } catch {
            #expect(error.message == "s.lua:1: bad")
            #expect(error.traceback?.contains("s.lua:2: in main chunk") == true)
        }
        // The state is still usable.
        #expect(try lua.run("return 1 + 1") == [.integer(2)])
    }

    @Test func interruptionStopsRunningLua() throws {
        let lua = try LuaState()
        let calls = Counter()
        // A Swift function that asks for interruption, as the SIGINT handler does.
        lua.push(LuaFunction("poke") { a in
            calls.value += 1
            if calls.value == 100 { LuaState.interrupt(a.L) }
            return 0
        })
        lua.setGlobal("poke")
        do {
            try lua.run("while true do poke() end")
            Issue.record("not interrupted")
        } catch {
            guard case .interrupted = error else { Issue.record("wrong error \(error)"); return }
        }
        // The next chunk runs normally: the interruption was consumed.
        #expect(try lua.run("for i = 1, 1000 do poke() end return 7") == [.integer(7)])
    }

    @Test func valuesConvertBothWays() throws {
        let lua = try LuaState()
        let t: LuaValue = .table([.string("a"): .integer(1), .integer(1): .number(2.5),
                                  .string("s"): .string("x\u{0}y"), .string("b"): .boolean(true),
                                  .string("nested"): .table([.integer(1): .string("n")])])
        lua.push(t)
        lua.setGlobal("t")
        let r = try lua.run("return t.a, t[1], #t.s, t.b, t.nested[1], t, print")
        #expect(Array(r[0..<5]) == [.integer(1), .number(2.5), .integer(3), .boolean(true), .string("n")])
        #expect(r[5] == t)
        #expect(r[6] == .opaque("function"))
    }

    @Test func memoryLimitStopsABombAndTheStateSurvives() throws {
        let lua = try LuaState(memoryLimit: 8 << 20)
        #expect(throws: LuaError.memory("not enough memory")) { try lua.run("local s = string.rep('x', 1 << 30)") }
        #expect(throws: LuaError.self) { try lua.run("local t = {} for i = 1, 1e9 do t[i] = i end") }
        #expect(try lua.run("return #string.rep('y', 1000)") == [.integer(1000)])
    }

    @Test func wgModuleIsTheRequiredOne() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("return wg.version, require('wargame') == wg, type(wg)")
        #expect(r == [.string(Wargame.version), .boolean(true), .string("table")])
    }

    @Test func standardLibrariesArePresentAndUnchanged() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local names = {}
            for _, n in ipairs{"io","os","debug","package","utf8","coroutine","string","table","math"} do
              names[#names+1] = type(_G[n])
            end
            return table.concat(names, ","), type(string.dump), type(dofile), type(load), _VERSION
            """)
        #expect(r == [.string(Array(repeating: "table", count: 9).joined(separator: ",")),
                      .string("function"), .string("function"), .string("function"), .string("Lua 5.4")])
    }
}
