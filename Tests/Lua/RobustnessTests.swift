import Foundation
import CLua
import Testing
@testable import WargameKit

/// Inputs and call patterns that once crashed, hung or misled (found in review); each is
/// run for real here and must end as an ordinary Lua error or the right result.
@Suite struct RobustnessTests {
    static func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    static let two = """
        s = wg.scenario{ name = "x", seed = 1 }
        s:side("West", {"USA"}); s:side("East", {"RUS"})
        """

    @Test func policiesMayReadTheScenarioButNotChangeIt() throws {
        let lua = try Self.lua()
        let r = try lua.run(Self.two + """
            local seen
            s:policy("RUS", function(v) seen = tostring(s) .. " " .. s:balance("RUS", "USA").ratio .. " " .. s:fork().turn; return "hold" end)
            s:step()
            s:policy("RUS", function() s:undo() return "hold" end)
            local ok, e = pcall(s.step, s)
            return seen ~= nil, ok, e, s.turn
            """, name: "=t")
        #expect(r[0] == .boolean(true))
        #expect(r[1] == .boolean(false))
        #expect(r[2].asString?.contains("cannot be changed while it steps") == true, "\(r[2])")
        #expect(r[3] == .integer(1))
    }

    @Test func hooksSeeTheNewTurnAndAFailedHookUndoesExactlyItsTurn() throws {
        let lua = try Self.lua()
        let r = try lua.run(Self.two + """
            local seen
            s:on("turn", function(r) seen = r.turn == s.turn and r.rung == s.rung end)
            s:step()
            local once = true
            s:on("turn", function(r) if once then once = false; s:step(); error("hook failed") end end)
            local ok = pcall(s.step, s)
            return seen, ok, s.turn
            """)
        #expect(r == [.boolean(true), .boolean(false), .integer(1)])
    }

    @Test func onePolicyPerSideWhicheverKeyNamedIt() throws {
        var outcomes = Set<LuaValue>()
        for _ in 0..<6 {
            let lua = try Self.lua()
            outcomes.insert(try lua.run(Self.two + """
                s:policy("West", function() return "escalate" end)
                s:policy("USA", function() return "hold" end)   -- the same side: replaces
                return s:step().moves.West
                """)[0])
        }
        #expect(outcomes == [.string("hold")])
    }

    @Test func deepTablesDoNotOverflowTheStack() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local t = 1
            for i = 1, 60 do t = { t } end
            return coroutine.wrap(function(t)
                local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10
                return pcall(wg.ladder, t)
            end)(t)
            """)
        #expect(r.first == .boolean(false))
    }

    @Test func argumentsThatCannotCrossStatesAreDropped() throws {
        let lua = try Self.lua()
        let script = Programs.root.appendingPathComponent("Scripts/scenarios/default.lua").path
        let r = try lua.run("""
            return pcall(wg.montecarlo, { script = "\(script)", args = { [print] = 1, turns = 2 }, runs = 1, threads = 1 })
            """)
        #expect(r.first == .boolean(true))
    }

    @Test func anObjectFinalizerIgnoresOtherUserdata() throws {
        let lua = try Self.lua()
        // The metatables are hidden from getmetatable; the debug library (outside the
        // sandbox) still reaches them.
        let r = try lua.run("""
            local gc = debug.getmetatable(debug.getmetatable(wg.capabilities()).__capabilities).__gc
            gc(io.stdout)
            return io.stdout:write("") == io.stdout
            """)
        #expect(r == [.boolean(true)])
    }

    /// What one wg call copies into Swift is bounded and refused before the copy, in
    /// every state: a table of 1,000 references to one 20 MB string was 20 GB of Swift
    /// strings (an abort, "failed to allocate", at 5.9 GB), a scenario with 20 MB names 2.5 GB.
    @Test func oversizedInputsAreRefusedBeforeSwiftCopiesThem() throws {
        for sandboxed in [true, false] {
            // The input bounds are under test, not the clock: a generous time limit keeps a
            // loaded machine (20 MB strings in a debug build) from failing it.
            let lua = sandboxed ? try Sandbox.makeState(limits: .init(instructions: nil, seconds: 30)) : try Self.lua()
            func message(_ code: String) throws -> String {
                try lua.run("return select(2, pcall(function() \(code) end))", name: "=in").first?.asString ?? "(no error)"
            }
            let big = "local S = ('x'):rep(2e7) "
            #expect(try message(big + "local t = {} for i = 1, 1000 do t[i] = S end wg.ladder(t)")
                    == "in:1: bad argument #1 to 'ladder' (table too large: its strings take more than 4 MiB)")
            #expect(try message(big + "wg.scenario{ name = S }")
                    == "in:1: bad argument #1 to 'scenario' (table too large: its strings take more than 4 MiB)")
            let long = "local N = ('n'):rep(300) "
            #expect(try message(long + "wg.scenario{ name = N }")
                    == "in:1: bad argument #1 to 'scenario' (field 'name' longer than 256 bytes)")
            #expect(try message(long + "local t = {} for i = 1, 1001 do t[i] = 'r' .. i end wg.ladder(t)")
                    == "in:1: bad argument #1 to 'ladder' (more than 1000 rungs)")
            #expect(try message(long + "wg.scenario{ ladder = { 'a', N } }")
                    == "in:1: bad argument #1 to 'scenario' (field 'ladder': rung 2: name longer than 256 bytes)")
            #expect(try message("wg.ladder{ { name = 'a', description = ('d'):rep(5000) } }")
                    == "in:1: bad argument #1 to 'ladder' (rung 1: description longer than 4096 bytes)")
            #expect(try message("local t = {} for i = 1, 100001 do t[i] = i end wg.ladder(t)")
                    == "in:1: bad argument #1 to 'ladder' (table too large: more than 100000 entries)")
            let s = "local s = wg.scenario{ seed = 1 } s:side('West', {'USA'}) s:side('East', {'RUS'}) "
            #expect(try message(s + long + "s:side(N, {'UKG'})") == "in:1: bad argument #1 to 'side' (name longer than 256 bytes)")
            #expect(try message(s + long + "s:side('X', {N})")
                    == "in:1: bad argument #2 to 'side' (state codes (names of at most 256 bytes) expected)")
            #expect(try message(s + long + "s:balance(N, 'USA')") == "in:1: bad argument #1 to 'balance' (name longer than 256 bytes)")
            #expect(try message(s + long + "s:alliance{ name = N, members = {'USA', 'UKG'} }")
                    == "in:1: bad argument #1 to 'alliance' (field 'name' longer than 256 bytes)")
            #expect(try message(s + long + "s:sanction{ target = 'RUS', by = {'USA', N} }")
                    == "in:1: bad argument #1 to 'sanction' (field 'by' must be an array of state codes (names of at most 256 bytes))")
            #expect(try message(s + "s:policy('West', function() local t = {} for i = 1, 2e5 do t[i] = i end return t end) s:step()")
                    .hasSuffix("returned a table too large: more than 100000 entries"))
            #expect(try message(s + "s:step() return 1") == "(no error)")
        }
        // With a memory limit, a table must also fit what the limit leaves.
        let small = try Sandbox.makeState(memory: 16 << 20)
        let r = try small.run("""
            local S3 = ('z'):rep(3.9e6)  -- under 4 MiB, but more than the limit leaves once the state holds 13 MB
            local fill = {} for i = 1, 9 do fill[i] = ('x'):rep(1e6) .. i end
            return select(2, pcall(wg.ladder, { S3 }))
            """, name: "=in")
        #expect(r.first?.asString?.contains("table too large: its strings take more than the") == true, "\(r)")
    }

    @Test func sandboxRefusesFinalizersAndRunawayPatterns() throws {
        let state = try Sandbox.makeState()
        let r = try Sandbox.run("""
            local _, gc = pcall(setmetatable, {}, { __gc = function() while true do end end })
            local trimmed = ("  padded  "):match("^%s*(.-)%s*$")
            return gc, trimmed, setmetatable({}, { __index = { x = 1 } }).x
            """, in: state)
        #expect(r[0].asString?.contains("__gc is not allowed") == true)
        #expect(r[1] == .string("padded"))
        #expect(r[2] == .integer(1))
        // A runaway pattern stops at the time limit (a pcall cannot keep the chunk going).
        var caught: LuaError?
        do {
            try Sandbox.run("""
                local _, pattern = pcall(string.find, string.rep("a", 3000), string.rep("a*", 8) .. "b")
                return pattern
                """, in: state)
        } catch { caught = error }
        #expect(caught?.message.contains("time limit exceeded") == true, "\(String(describing: caught))")
    }

    /// A save edited and re-signed (valid header and checksum) is still checked.
    @Test func resignedSaveFilesAreCheckedForConsistency() throws {
        let lua = try Self.lua()
        try lua.run(Self.two + "s:step(2)")
        guard let h = LuaStack(lua.L).object(at: { lua_getglobal_raw(lua, "s") }(), tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
            Issue.record("no scenario"); return
        }
        let good = try SaveFile.encode(h.history)
        let newline = good.firstIndex(of: 0x0A)!
        let json = try JSONSerialization.jsonObject(with: good[(newline + 1)...]) as! [String: Any]
        func resigned(_ edit: (inout [String: Any]) -> Void) throws -> Data {
            var j = json
            edit(&j)
            let payload = try JSONSerialization.data(withJSONObject: j)
            var d = Data("\(SaveFile.magic) \(SaveFile.version) \(payload.count) \(String(SaveFile.fnv1a(payload), radix: 16))\n".utf8)
            d.append(payload)
            return d
        }
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("generator state", { j in var c = j["current"] as! [String: Any]; c["streams"] = ["generators": [["state": [1]]]]; j["current"] = c }),
            ("log lengths", { j in j["logLengths"] = [Int]() }),
            ("no members", { j in
                var c = j["current"] as! [String: Any]
                var sides = c["sides"] as! [[String: Any]]
                sides[0]["members"] = [String]()
                c["sides"] = sides
                j["current"] = c }),
        ]
        for (what, edit) in cases {
            #expect(throws: SaveFile.Error.self, "\(what)") { try SaveFile.decode(try resigned(edit), file: "x.wgs") }
        }
        _ = try SaveFile.decode(try resigned { _ in }, file: "x.wgs")  // the unedited one loads
    }
}

/// Pushes global `name` (raw) and returns its stack index.
private func lua_getglobal_raw(_ lua: LuaState, _ name: String) -> Int32 {
    lua_pushglobaltable(lua.L)
    LuaStack(lua.L).pushString(name)
    lua_rawget(lua.L, -2)
    return lua_gettop(lua.L)
}
