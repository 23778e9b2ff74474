import Foundation
import Testing
@testable import WargameKit

/// Interrupts and limits reach the coroutine that is running. Hooks belong to a Lua thread:
/// one set on the main thread never fired while a coroutine looped, and Ctrl-C could not stop
/// `coroutine.wrap(function() while true do end end)()`.
///
/// The loops here end by themselves after about 10 s (3e9 iterations) instead of running
/// forever, so that a regression fails the test rather than hanging the run.
@Suite struct CoroutineLimitsTests {
    static let longLoop = "for i = 1, 3e9 do end"

    /// Runs `chunk` in `lua` while another thread calls `LuaState.interrupt` every 50 ms (as
    /// the REPL's SIGINT handler does, once per Ctrl-C) from the moment the chunk calls
    /// `started()` until it returns; the error and the seconds from the first interrupt.
    func interrupting(_ lua: LuaState, _ chunk: String) -> (LuaError?, Double) {
        let done = Flag()
        let started = Flag()
        let firstInterrupt = Stamp()
        lua.push(LuaFunction("started") { _ in started.value = true; return 0 })
        lua.setGlobal("started")
        nonisolated(unsafe) let L = lua.L  // what the REPL's signal handler holds
        let thread = Thread {
            while !started.value && !done.value { usleep(5_000) }  // until the chunk runs
            firstInterrupt.set()
            while !done.value {
                LuaState.interrupt(L)
                usleep(50_000)
            }
        }
        thread.start()
        var caught: LuaError?
        do { try lua.run(chunk, name: "=co") } catch { caught = error }
        done.value = true
        return (caught, Date().timeIntervalSince(firstInterrupt.date ?? Date()))
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var v = false
        var value: Bool {
            get { lock.lock(); defer { lock.unlock() }; return v }
            set { lock.lock(); v = newValue; lock.unlock() }
        }
    }
    final class Stamp: @unchecked Sendable {
        private let lock = NSLock()
        private var d: Date?
        func set() { lock.lock(); d = Date(); lock.unlock() }
        var date: Date? { lock.lock(); defer { lock.unlock() }; return d }
    }

    @Test func interruptStopsALoopInsideACoroutine() throws {
        let lua = try LuaState()
        try lua.run("co = coroutine.wrap(function() \(Self.longLoop) end)")
        let (error, seconds) = interrupting(lua, "started() co()")
        guard case .interrupted = error else { Issue.record("expected an interruption, got \(String(describing: error))"); return }
        #expect(seconds < 3)
        #expect(try lua.run("return 1 + 1") == [.integer(2)])
    }

    /// main → A → B, B looping: the interrupt stops B, and A, which catches B's error with
    /// pcall or gets it from coroutine.resume, stops at its next instruction.
    @Test func interruptReachesEveryCoroutineOfTheChain() throws {
        let lua = try LuaState()
        for catching in ["pcall(inner)", "coroutine.resume(coroutine.create(inner))"] {
            let chunk = """
                started()
                local function inner() \(Self.longLoop) end
                coroutine.wrap(function()
                    for j = 1, 3 do \(catching) end
                end)()
                """
            let (error, seconds) = interrupting(lua, chunk)
            guard case .interrupted = error else { Issue.record("\(catching): got \(String(describing: error))"); continue }
            #expect(seconds < 3, "\(catching)")
        }
    }

    /// A coroutine made before the state had limits (no hook to inherit) is limited when
    /// it runs under them.
    @Test func timeLimitReachesACoroutineMadeBeforeTheLimits() throws {
        let lua = try LuaState()
        try lua.run("co = coroutine.wrap(function() \(Self.longLoop) end)")
        lua.limits = .init(instructions: nil, seconds: 0.5)
        let start = Date()
        var caught: LuaError?
        do { try lua.run("co()", name: "=co") } catch { caught = error }
        #expect(caught?.message.contains("time limit exceeded") == true, "\(String(describing: caught))")
        #expect(Date().timeIntervalSince(start) < 3)
    }

    /// In the sandbox: a loop in a coroutine, a loop in a __close handler of a coroutine
    /// being closed, and a resumer that swallows the error with coroutine.resume.
    @Test func sandboxTimeLimitInsideCoroutines() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 0.5))
        let chunks = [
            "coroutine.wrap(function() while true do end end)()",
            """
            local co = coroutine.create(function()
                local x <close> = setmetatable({}, { __close = function() while true do end end })
                coroutine.yield()
            end)
            coroutine.resume(co)
            coroutine.close(co)
            """,
            "while true do coroutine.resume(coroutine.create(function() while true do end end)) end",
        ]
        for chunk in chunks {
            let start = Date()
            var caught: LuaError?
            do { try Sandbox.run(chunk, name: "=co", in: lua) } catch { caught = error }
            #expect(caught?.message.contains("time limit exceeded") == true, "\(chunk): \(String(describing: caught))")
            #expect(Date().timeIntervalSince(start) < 3, "\(chunk)")
        }
        #expect(try Sandbox.run("return coroutine.wrap(function() return 6 * 7 end)()", in: lua) == [.integer(42)])
    }

    /// The replaced coroutine functions behave as Lua's own: the expected values are what
    /// liblua5.4's own coroutine library returned for this chunk (run from C).
    @Test func coroutineFunctionsKeepLuasBehaviour() throws {
        let lua = try LuaState()
        let r = try lua.run("""
            local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b); return c * 2 end)
            local r1 = { coroutine.resume(co, 1, 2) }
            local r2 = { coroutine.resume(co, 10) }
            local r3 = { coroutine.resume(co) }
            local w = coroutine.wrap(function() error("boom") end)
            local _, e4 = pcall(w)
            local _, e5 = pcall(coroutine.close, coroutine.running())
            local _, e6 = pcall(coroutine.wrap, 1)
            local closed = {}
            local c7 = coroutine.create(function()
                local x <close> = setmetatable({}, { __close = function() closed[#closed + 1] = "x" end })
                coroutine.yield()
            end)
            coroutine.resume(c7)
            local ok7 = coroutine.close(c7)
            local c8 = coroutine.create(function() error({ code = 8 }) end)
            coroutine.resume(c8)
            local ok8, e8 = coroutine.close(c8)
            local w9 = coroutine.wrap(function() error("direct") end)
            local ok9, e9 = pcall(function() w9() end)
            local _, e10 = pcall(function() coroutine.close(42) end)
            local _, e11 = pcall(function() coroutine.resume(42) end)
            return r1[1], r1[2], r2[1], r2[2], r3[1], r3[2], e4, e5, e6, ok7, closed[1], coroutine.status(c7), ok8, e8.code,
                   e9, e10, e11
            """, name: "@co.lua")
        #expect(r == [.boolean(true), .integer(3), .boolean(true), .integer(20), .boolean(false),
                      .string("cannot resume dead coroutine"), .string("co.lua:5: boom"),
                      .string("cannot close a running coroutine"),
                      .string("bad argument #1 to 'coroutine.wrap' (function expected, got number)"),
                      .boolean(true), .string("x"), .string("dead"), .boolean(false), .integer(8),
                      .string("co.lua:20: co.lua:19: direct"),
                      .string("co.lua:21: bad argument #1 to 'close' (thread expected, got number)"),
                      .string("co.lua:22: bad argument #1 to 'resume' (thread expected, got number)")])
    }
}
