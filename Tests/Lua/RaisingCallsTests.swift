import CLua
import Testing
@testable import WargameKit

/// Swift reaches Lua tables only by raw access (issue 17): a metamethod a script puts on the
/// registry, on package.loaded or on the global table never runs from Swift, so it cannot
/// raise through Swift frames, and the memory limit survives whatever a script does.
@Suite struct RaisingCallsTests {
    /// Calls, each under pcall, that make Swift look up or set registry entries: the last
    /// scenario, the lazily made metatables (capabilities, printable results), a fork.
    /// Each result is "name=true" or "name=false:message".
    static let calls = """
        local results = {}
        local function try(name, f, ...)
          local ok, err = pcall(f, ...)
          results[#results + 1] = name .. "=" .. tostring(ok) .. (ok and "" or ":" .. tostring(err))
          return err
        end
        try("last", wg.last)
        try("capabilities", wg.capabilities)
        try("lanchester", wg.lanchester, { a = 1000, b = 800, alpha = 0.01, beta = 0.012, t = 10 })
        try("ladder", wg.ladder)
        local s = try("scenario", wg.scenario, { name = "raw", seed = 7 })
        try("side", s.side, s, "West", { "USA", "UKG" })
        try("side", s.side, s, "East", { "RUS" })
        try("step", s.step, s, 2)
        try("balance", s.balance, s, "RUS", "USA")
        try("damage", s.damage, s, "RUS")
        try("log", s.log, s)
        local f = try("fork", s.fork, s)
        try("fork:step", f.step, f)
        try("undo", s.undo, s)
        try("last", wg.last)
        """

    static func expectAllSucceeded(_ list: String) {
        let failed = list.split(separator: " ").filter { !$0.contains("=true") }
        #expect(failed.isEmpty, "\(failed)")
        #expect(list.split(separator: " ").count == 15, "\(list)")
    }

    /// The case: with an erroring __index/__newindex on the registry (and the keys
    /// Swift looks up removed, so that a non-raw access would reach them), `pcall(wg.last)`
    /// jumped through Swift frames and left the memory limit off for good. Now no metamethod
    /// runs, every call succeeds, and a 64 MiB string fails under a 16 MiB limit, in the
    /// same chunk and in the next.
    @Test func registryMetatableNeverRunsFromSwiftAndTheMemoryLimitHolds() throws {
        let lua = try LuaState(memoryLimit: 16 << 20)
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local reg = debug.getregistry()
            reg["wargame.printable"] = nil
            local hits = 0
            local function boom() hits = hits + 1; error("registry metamethod ran", 0) end
            debug.setmetatable(reg, { __index = boom, __newindex = boom })
            \(Self.calls)
            debug.setmetatable(reg, nil)
            local big, err = pcall(string.rep, "x", 64 << 20)
            if big then err = "allocated " .. #err .. " bytes" end
            return hits, table.concat(results, " "), big, err
            """, name: "=registry")
        #expect(r.count == 4)
        #expect(r[0] == .integer(0))
        Self.expectAllSucceeded(r[1].asString ?? "")
        #expect(r[2] == .boolean(false))
        #expect(r[3].asString?.contains("not enough memory") == true, "\(r)")
        #expect(throws: LuaError.memory("not enough memory")) { try lua.run("local s = string.rep('x', 64 << 20)") }
        #expect(try lua.run("return #string.rep('y', 1000)") == [.integer(1000)])
    }

    /// The report, end to end: `wargame-repl --memory-limit 16`, a registry metatable
    /// whose metamethods error, `pcall(wg.last)`, and then, in the same chunk (where the
    /// skipped exit used to leave the limit off), a 64 MiB string must still fail.
    @Test func theReplKeepsItsMemoryLimitAfterARegistryMetatable() throws {
        let boom = "function() error('registry metamethod ran') end"
        let r = try Programs.repl(["--memory-limit", "16", "-i"], input: """
            debug.setmetatable(debug.getregistry(), { __index = \(boom), __newindex = \(boom) })
            print('scenario', (pcall(wg.scenario, { name = 'x' })))
            print('last', pcall(wg.last)); debug.setmetatable(debug.getregistry(), nil); x = string.rep('x', 64 << 20)
            print('alive', x == nil)

            """)
        #expect(r.stdout.contains("last\ttrue\tscenario 'x'"), "\(r.stdout)")
        #expect(r.stdout.contains("scenario\ttrue"), "\(r.stdout)")
        #expect(r.stderr.contains("not enough memory"), "\(r.stderr)")
        #expect(r.stdout.contains("alive\ttrue"), "\(r.stdout)")
        #expect(!r.stdout.contains("registry metamethod ran") && !r.stderr.contains("registry metamethod ran"))
    }

    /// package.loaded with erroring metamethods and no `math` in it: the reseeding of
    /// `math.random` at each step reads it raw, finds nothing and goes on.
    @Test func packageLoadedMetatableNeverRunsFromSwift() throws {
        let lua = try LuaState(memoryLimit: 16 << 20)
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local loaded = package.loaded
            rawset(loaded, "math", nil)
            local hits = 0
            local function boom() hits = hits + 1; error("package.loaded metamethod ran", 0) end
            setmetatable(loaded, { __index = boom, __newindex = boom })
            \(Self.calls)
            setmetatable(loaded, nil)
            return hits, table.concat(results, " ")
            """, name: "=loaded")
        #expect(r.count == 2)
        #expect(r[0] == .integer(0))
        Self.expectAllSucceeded(r[1].asString ?? "")
        #expect(throws: LuaError.memory("not enough memory")) { try lua.run("local s = string.rep('x', 64 << 20)") }
    }

    /// The global table with erroring metamethods: the wg calls and the host's reads and
    /// writes of globals (what the REPL's meta-commands use) run none of them.
    @Test func globalTableMetatableNeverRunsFromSwift() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            counter = { n = 0 }
            local counter = counter
            local function boom() counter.n = counter.n + 1; error("_G metamethod ran", 0) end
            setmetatable(_G, { __index = boom, __newindex = boom })
            \(Self.calls)
            return counter.n, table.concat(results, " ")
            """, name: "=globals")
        #expect(r.count == 2)
        #expect(r[0] == .integer(0))
        Self.expectAllSucceeded(r[1].asString ?? "")
        #expect(lua.global("absent") == .nil)
        lua.push(.integer(42))
        lua.setGlobal("fresh")
        #expect(try lua.run("return rawget(_G, 'fresh'), counter.n") == [.integer(42), .integer(0)])
    }

    /// The exemption from the memory limit that covers Swift code is reset whenever a chunk's
    /// limits are armed: a count left raised (as a raise that jumped over the trampoline's
    /// exit left it) no longer switches the limit off.
    @Test func armingTheLimitsResetsTheMemoryExemption() throws {
        let lua = try LuaState(memoryLimit: 16 << 20)
        for _ in 0..<3 { wg_swift_enter(lua.L) }  // three exits skipped
        #expect(throws: LuaError.memory("not enough memory")) { try lua.run("local s = string.rep('x', 64 << 20)") }
        // The host is exempt again after the chunk, and the next chunk is limited again.
        #expect(wg_alloc_state_of(lua.L).pointee.swift == 1)
        #expect(throws: LuaError.memory("not enough memory")) { try lua.run("local s = string.rep('x', 64 << 20)") }
        #expect(try lua.run("return #string.rep('y', 1000)") == [.integer(1000)])
    }

    /// The raise happens in the shim's C trampoline, after the Swift body has returned: a
    /// body that throws has run its `defer` and released its objects before the error is
    /// raised (1,000 calls).
    @Test func aThrowingBodyRunsItsDeferAndReleasesBeforeTheRaise() throws {
        final class Count { var deferred = 0, alive = 0 }
        final class Tracked {
            let count: Count
            init(_ count: Count) { self.count = count; count.alive += 1 }
            deinit { count.alive -= 1 }
        }
        let count = Count()
        let lua = try LuaState()
        lua.push(LuaFunction("fails") { _ in
            let tracked = Tracked(count)
            defer { count.deferred += 1; withExtendedLifetime(tracked) {} }
            throw LuaCallError("fails on purpose")
        })
        #expect(lua_tocfunction(lua.L, -1) != nil)
        lua.setGlobal("fails")
        let r = try lua.run("""
            local last
            for i = 1, 1000 do
              local ok, err = pcall(fails)
              if ok then return "succeeded" end
              last = err
            end
            return last
            """, name: "=calls")
        #expect(r == [.string("fails on purpose")])
        #expect(count.deferred == 1000)
        #expect(count.alive == 0)
        // From a Lua function the message gets the caller's position, as luaL_error's does.
        #expect(throws: LuaError.self) { try lua.run("fails()", name: "=pos") }
        do { try lua.run("fails()", name: "=pos") } catch { #expect(error.message.hasPrefix("pos:1: fails on purpose"), "\(error)") }
    }
}
