import Testing
@testable import WargameKit

/// The Lua 5.4.4 bugs of docs/lua-bugs.md that scripts can reach, each run with the example
/// of Lua's bug list: none may crash the process (a crash here ends the whole test run).
@Suite struct LuaBugsTests {
    /// Closes, from each coroutine's __close handler, the coroutine made before it, `depth`
    /// deep; `deep` nested pcalls before each close use all the C stack a level may take.
    static func closeChain(depth: Int, deep: Int = 0) -> String {
        """
        local first
        local function nest(k, f)
          if k == 0 then return f() end
          local ok, a, b = pcall(nest, k - 1, f)
          if not ok then error(a, 0) end
          return a, b
        end
        local coro = false
        for i = 1, \(depth) do
          local previous = coro
          coro = coroutine.create(function()
            local cc <close> = setmetatable({}, { __close = function()
              if previous then
                local ok, err = nest(\(deep), function() return coroutine.close(previous) end)
                if not ok and first == nil then first = err end
              end
            end })
            coroutine.yield()
          end)
          coroutine.resume(coro)
        end
        local ok = coroutine.close(coro)
        return ok, first
        """
    }

    /// lua.org/bugs.html#5.4.4-9: 20,000 coroutines closing each other from __close
    /// handlers overflowed the C stack (SIGSEGV in liblua). coroutine.close now refuses to
    /// nest more than 8 closings, in every state.
    @Test func deepNestingOfCoroutineCloseIsRefusedNotACrash() throws {
        for sandboxed in [true, false] {
            let lua = sandboxed ? try Sandbox.makeState() : try LuaState()
            let r = try lua.run(Self.closeChain(depth: 20_000), name: "=chain")
            #expect(r.count == 2)
            #expect(r[1].asString?.contains("coroutine.close nested more than 8 deep") == true, "\(r)")
            #expect(try lua.run("return 1 + 1") == [.integer(2)])
        }
        // Every level at its deepest (each __close handler 190 C calls down): still no crash.
        let lua = try Sandbox.makeState()
        let r = try lua.run(Self.closeChain(depth: 200, deep: 190), name: "=deep")
        #expect(r[1].asString?.contains("nested more than 8 deep") == true, "\(r)")
        // Closing a coroutine from a __close handler, a few levels deep, still works.
        #expect(try lua.run(Self.closeChain(depth: 5), name: "=short") == [.boolean(true), .nil])
    }

    /// The other 5.4.4 bugs a script can reach with the allow-list: Debian's liblua5.4 carries
    /// the fixes of #5.4.4-2 and #5.4.4-4 (CVE-2022-28805, CVE-2022-33099); the others give
    /// wrong results, not crashes, or are refused (generational GC, binary chunks).
    @Test func otherReachableBugsDoNotCrash() throws {
        let lua = try Sandbox.makeState()
        let r = try Sandbox.run("""
            -- #5.4.4-2: _ENV <const> (a heap overflow while compiling, unpatched)
            local ok1 = pcall(load("local _ENV <const> = 45; AA = 10"))
            -- #5.4.4-4: the C stack overflows while an error is handled
            local function loop() assert(pcall(loop)) end
            local ok2, e2 = xpcall(loop, loop)
            -- #5.4.4-7: generational mode is refused in the sandbox
            local ok3, e3 = pcall(collectgarbage, "generational")
            -- #5.4.4-11: no binary chunk loads in the sandbox
            local f4, e4 = load("\\27Lua\\84\\0\\25\\147\\13\\10\\26\\10")
            return ok1, ok2, e2, ok3, e3, f4, e4
            """, name: "=bugs", in: lua)
        #expect(r[0] == .boolean(false))
        #expect(r[1] == .boolean(false))
        #expect(r[3] == .boolean(false))
        #expect(r[4] == .string("bad argument #1 to 'collectgarbage' (option 'generational' is not allowed in the sandbox)"))
        #expect(r[5] == .nil)
        #expect(r[6].asString?.contains("attempt to load a binary chunk") == true)
        #expect(try Sandbox.run("return 1 + 1", in: lua) == [.integer(2)])
    }
}
