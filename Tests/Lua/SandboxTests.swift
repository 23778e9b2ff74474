import Foundation
import Testing
@testable import WargameKit

/// The sandbox of untrusted scripts: what they can reach, and the limits that stop them.
@Suite struct SandboxTests {
    /// A scenario that never ends by itself, with Lua policies (illustrative numbers).
    static let endless = """
        s = wg.scenario{ name = "endless", seed = 5, rung = 2, turns = 1000000,
                         doctrine = { ceasefire_rung = -1, capitulation_odds = 0, breakpoint = 0 } }
        s:side("East", {"RUS", "BLR"})
        s:side("West", {"USA", "UKG"})
        """

    func error(_ body: () throws -> Void) -> LuaError? {
        do { try body(); return nil } catch let e as LuaError { return e } catch { return .runtime(message: "\(error)", traceback: "") }
    }

    @Test func globalsAreExactlyTheAllowList() throws {
        let lua = try Sandbox.makeState()
        let r = try Sandbox.run("""
            local names = {}
            for k, v in pairs(_G) do
                if type(v) == "table" and k ~= "_G" and k ~= "wg" then
                    for f in pairs(v) do names[#names + 1] = k .. "." .. f end
                else
                    names[#names + 1] = k
                end
            end
            table.sort(names)
            return table.concat(names, " ")
            """, in: lua)
        var expected = ["_G", "wg"]
        for (lib, names) in Sandbox.allowList {
            expected += names.map { lib == "_G" ? $0 : "\(lib).\($0)" }
        }
        #expect(r == [.string(expected.sorted().joined(separator: " "))])
    }

    @Test func filesProcessesCModulesAndDumpAreOutOfReach() throws {
        let lua = try Sandbox.makeState()
        let r = try Sandbox.run("""
            return io, package, debug, dofile, loadfile, string.dump, ("").dump, os.execute, os.exit,
                   os.getenv, os.remove, os.rename, os.tmpname, getmetatable("").__index == string,
                   require("wargame") == wg, select(2, pcall(require, "io")), select(2, pcall(require, "os"))
            """, name: "=sb", in: lua)
        #expect(Array(r.prefix(13)) == Array(repeating: .nil, count: 13))
        #expect(r[13] == .boolean(true))
        #expect(r[14] == .boolean(true))
        #expect(r[15] == .string("module 'io' is not available in the sandbox (only 'wargame')"))
        #expect(r[16] == .string("module 'os' is not available in the sandbox (only 'wargame')"))
    }

    @Test func loadTakesTextOnlyAndGivesTheSandboxEnvironment() throws {
        let lua = try Sandbox.makeState()
        let r = try Sandbox.run("""
            local f1, e1 = load("\\27Lua\\84\\0")
            local f2, e2 = load("\\27Lua\\84\\0", "bin", "b")
            return f1, e1, f2, e2, load("return io == nil and wg ~= nil")(), load("return x", "n", "t", { x = 7 })(),
                   select(2, pcall(function() return load(42) end))
            """, name: "=sb", in: lua)
        #expect(r[0] == .nil)
        #expect(r[1] == .string("attempt to load a binary chunk (mode is 't')"))
        #expect(r[2] == .nil)
        #expect(r[3] == .string("attempt to load a binary chunk (mode is 't')"))
        #expect(r[4] == .boolean(true))
        #expect(r[5] == .integer(7))
        #expect(r[6] == .string("sb:4: bad argument #1 to 'load' (string or function expected, got number)"))
        // The host loads text only too: a binary chunk given as source is refused.
        #expect(throws: LuaError.self) { try Sandbox.run("\u{1B}Lua", in: lua) }
    }

    @Test func wgReachesNoFile() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lua = try Sandbox.makeState()
        let p = dir.path
        let r = try Sandbox.run("""
            \(Self.endless)
            local out = {}
            for _, f in ipairs{
                function() return wg.capabilities("\(p)/nmc.csv") end,
                function() return wg.load("\(p)/x.wgs") end,
                function() return s:save("\(p)/x.wgs") end,
                function() return s:report("\(p)/x.html") end,
                function() return s:trade("\(p)/t.csv") end,
                function() return s:economy("\(p)/e.csv") end,
                function() return s:sanction("\(p)/s.csv") end,
                function() return s:alignment("\(p)/a.csv") end,
                -- a missing script: the answer must not tell which files exist
                function() return wg.montecarlo{ script = "\(p)/none.lua" } end,
            } do
                local ok, e = pcall(f)
                out[#out + 1] = tostring(ok) .. " " .. e
            end
            return table.concat(out, "\\n"), wg.capabilities().RUS ~= nil
            """, name: "=sb", in: lua)
        let lines = r[0].asString?.split(separator: "\n").map(String.init) ?? []
        let names = ["capabilities", "load", "save", "report", "trade", "economy", "sanction", "alignment", "montecarlo"]
        #expect(lines.count == names.count)
        for (line, name) in zip(lines, names) {
            #expect(line.hasPrefix("false sb:") && line.hasSuffix(": '\(name)' reads or writes files, which the sandbox does not allow"), "\(line)")
        }
        #expect(r[1] == .boolean(true))
        #expect(try FileManager.default.contentsOfDirectory(atPath: p).isEmpty)
    }

    /// A file-touching function refuses before it looks at the file system: the same
    /// message whether the path exists or not (wg.montecarlo once said "cannot open" for a
    /// missing script and refused an existing one, telling a script which files exist).
    @Test func refusalsDoNotRevealWhetherAPathExists() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let existing = dir.appendingPathComponent("there.lua").path
        try "return wg.scenario{}".write(toFile: existing, atomically: true, encoding: .utf8)
        let missing = dir.appendingPathComponent("absent.lua").path
        let lua = try Sandbox.makeState()
        try Sandbox.run(Self.endless, in: lua)
        let calls = ["wg.montecarlo{ script = P, runs = 1 }", "wg.capabilities(P)", "wg.load(P)", "s:save(P)",
                     "s:report(P)", "s:trade(P)", "s:economy(P)", "s:sanction(P)", "s:alignment(P)"]
        for call in calls {
            var messages: [String] = []
            for path in [existing, missing] {
                let r = try Sandbox.run("local P = '\(path)' return select(2, pcall(function() return \(call) end))",
                                        name: "=sb", in: lua)
                messages.append(r.first?.asString ?? "")
            }
            #expect(messages[0] == messages[1], "\(call): \(messages)")
            #expect(messages[0].hasSuffix("reads or writes files, which the sandbox does not allow"), "\(call): \(messages[0])")
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "return wg.scenario{}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["there.lua"])
    }

    /// The metatables the host makes are hidden (`__metatable`): a script cannot give them
    /// a `__gc`, which would run where no limit stops it, nor change them for other objects.
    @Test func hostMetatablesAreProtected() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 1))
        let r = try Sandbox.run(Self.endless + """
            s:step()
            local objects = { s, s:balance("USA", "RUS"), s:damage("RUS"), s:step(), s:log()[1], wg.capabilities() }
            local seen = {}
            for i, o in ipairs(objects) do seen[i] = type(getmetatable(o)) .. ":" .. tostring(getmetatable(o)) end
            local ok, e = pcall(setmetatable, s:balance("USA", "RUS"), {})
            return table.concat(seen, " "), ok, e
            """, name: "=mt", in: lua)
        #expect(r[0] == .string("string:scenario string:wargame.printable string:wargame.printable string:wargame.printable "
                                + "string:wargame.printable string:wg.capabilities"))
        #expect(r[1] == .boolean(false))
        #expect(r[2] == .string("cannot change a protected metatable"))
        // The attack of the report: a finalizer on the shared metatable, then a collection.
        let start = Date()
        let e = error { try Sandbox.run(Self.endless + """
            getmetatable(s:balance("USA", "RUS")).__gc = function() while true do end end
            for i = 1, 10 do s:balance("USA", "RUS") end
            collectgarbage()
            """, name: "=gc", in: lua) }
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(e?.message.contains("attempt to index a string value") == true, "\(String(describing: e))")
        #expect(try Sandbox.run("collectgarbage() collectgarbage() return 1 + 1", in: lua) == [.integer(2)])
    }

    /// The string metatable is per state; a script sees a copy of it, so changing what it
    /// gets changes nothing, and nothing it does to strings hangs a collection.
    @Test func stringMetatableIsACopy() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 1))
        let r = try Sandbox.run("""
            local mt = getmetatable("")
            local before = mt.__index == string
            mt.__index = { upper = function() return "hijacked" end }
            mt.__gc = function() while true do end end
            collectgarbage()
            string.shout = function(s) return s:upper() .. "!" end
            return before, ("abc"):upper(), ("hey"):shout(), ("(("):rep(3):find("%b()")
            """, name: "=str", in: lua)
        #expect(r == [.boolean(true), .string("ABC"), .string("HEY!"), .nil])
    }

    @Test func runawayLoopStopsWithinASecondAndTheStateGoesOn() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 1))
        let start = Date()
        let e = error { try Sandbox.run("while true do end", name: "=loop", in: lua) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(e == .limit("loop:1: time limit exceeded"))
        #expect(elapsed < 1.5)
        #expect(try Sandbox.run("return 1 + 1", in: lua) == [.integer(2)])
        // pcall inside the script does not buy more time.
        #expect(error { try Sandbox.run("while true do pcall(function() while true do end end) end", name: "=p", in: lua) }?.message.contains("time limit exceeded") == true)
    }

    @Test func defaultLimitsStopALoopWithinASecond() throws {
        let lua = try Sandbox.makeState()
        let start = Date()
        let e = error { try Sandbox.run("local x = 0 while true do x = x + 1 end", name: "=loop", in: lua) }
        #expect(Date().timeIntervalSince(start) < 1.5)
        guard case .limit = e else { Issue.record("expected a limit error, got \(String(describing: e))"); return }
    }

    @Test func instructionBudget() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: 1_000_000, seconds: nil))
        #expect(error { try Sandbox.run("for i = 1, 1e9 do end", name: "=b", in: lua) } == .limit("b:1: instruction budget exceeded"))
        #expect(try Sandbox.run("local n = 0 for i = 1, 1000 do n = n + i end return n", in: lua) == [.integer(500500)])
    }

    @Test func coroutinesAreLimitedToo() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 0.3))
        try Sandbox.run("co = coroutine.wrap(function() while true do end end)", in: lua)
        #expect(error { try Sandbox.run("co()", name: "=co", in: lua) }?.message.contains("time limit exceeded") == true)
    }

    @Test func memoryBombsEndInNotEnoughMemory() throws {
        let lua = try Sandbox.makeState(memory: 16 << 20)
        #expect(error { try Sandbox.run("return string.rep('x', 1 << 25)", in: lua) } == .memory("not enough memory"))
        #expect(error { try Sandbox.run("local t = {} for i = 1, 1e9 do t[i] = {i} end", in: lua) } == .memory("not enough memory"))
        #expect(error { try Sandbox.run("local s = 'x' while true do s = s .. s end", in: lua) } == .memory("not enough memory"))
        #expect(try Sandbox.run("return select(2, pcall(string.rep, 'x', 1 << 25))", in: lua) == [.string("not enough memory")])
        // Still usable, and the garbage is gone.
        #expect(try Sandbox.run("collectgarbage() return #string.rep('x', 1000), #wg.ladder()", in: lua) == [.integer(1000), .integer(10)])
        #expect(lua.memoryUsed < 4 << 20)
    }

    @Test func aRunawayPolicyIsStoppedAndTheTurnDidNotHappen() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 1))
        try Sandbox.run(Self.endless + """
            s:policy("West", function(v) return "hold" end)
            s:step(2)
            s:policy("East", function(v) if v.turn >= 3 then while true do end end return "hold" end)
            """, in: lua)
        let start = Date()
        let e = error { try Sandbox.run("s:step(5)", name: "=step", in: lua) }
        #expect(Date().timeIntervalSince(start) < 2)
        guard case .limit(let m) = e else { Issue.record("expected a limit error, got \(String(describing: e))"); return }
        #expect(m.hasPrefix("step:1: policy for East failed at turn 3: "))
        #expect(m.hasSuffix("time limit exceeded"))
        #expect(try Sandbox.run("return s.turn", in: lua) == [.integer(2)])
    }

    @Test func aPolicyThatEatsMemoryIsStopped() throws {
        let lua = try Sandbox.makeState(memory: 16 << 20)
        try Sandbox.run(Self.endless + """
            s:policy("East", function(v) local t = {} while true do t[#t + 1] = {} end end)
            """, in: lua)
        let e = error { try Sandbox.run("s:step()", name: "=step", in: lua) }
        #expect(e?.message.hasPrefix("step:1: policy for East failed at turn 1: ") == true)
        #expect(e?.message.hasSuffix("not enough memory") == true)
        #expect(try Sandbox.run("collectgarbage() return s.turn", in: lua) == [.integer(0)])
    }

    @Test func runFileLoadsTextWithTheSandbox() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ex.lua").path
        try "local a = ...\nreturn a * 2, io == nil".write(toFile: file, atomically: true, encoding: .utf8)
        let lua = try Sandbox.makeState()
        #expect(try Sandbox.runFile(file, in: lua, args: [.integer(21)]) == [.integer(42), .boolean(true)])
        let bin = dir.appendingPathComponent("bin.lua").path
        try Data([0x1B, 0x4C, 0x75, 0x61, 0x54, 0x00]).write(to: URL(fileURLWithPath: bin))
        #expect(error { try Sandbox.runFile(bin, in: lua) }?.message.contains("attempt to load a binary chunk") == true)
    }

    /// A sandboxed state is freed when dropped (a strong capture once made a cycle).
    @Test func sandboxedStateIsReleased() throws {
        weak var weakState: LuaState?
        do {
            let state = try Sandbox.makeState()
            try Sandbox.run("local s = wg.scenario{ seed = 1 }", in: state)
            weakState = state
        }
        #expect(weakState == nil)
    }
}
