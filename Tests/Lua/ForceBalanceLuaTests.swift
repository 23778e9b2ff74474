import Foundation
import Testing
@testable import WargameKit

@Suite struct ForceBalanceLuaTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/nmc").path

    func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    /// The message of the error raised by `code`, called from a Lua function in chunk "x".
    func errorMessage(_ lua: LuaState, _ code: String) throws -> LuaValue {
        try lua.run("return select(2, pcall(function() \(code) end))", name: "=x").first ?? .nil
    }

    @Test func bundledCapabilitiesByStateabb() throws {
        let lua = try lua()
        let caps = try Capabilities.bundled()
        let r = try lua.run("""
            local caps = wg.capabilities()
            local n = 0
            for k, v in pairs(caps) do n = n + 1; assert(v.stateabb == k) end
            return n, caps.RUS.ccode, caps.RUS.cinc, caps.CUB.milex, caps.USA.milper, caps.RUS.year, caps.XYZ
            """)
        #expect(r == [.integer(195), .integer(365), .number(caps["RUS"]!.cinc!), .nil, .number(1381), .integer(2016), .nil])
    }

    @Test func fileAndYear() throws {
        let lua = try lua()
        let path = Self.fixtures + "/crlf-bom-quoted.csv"
        let r = try lua.run("""
            local a, b = wg.capabilities(...)
            local c = wg.capabilities(..., 2015)
            return a.USA.year, a['C"N'].milex, a.BHM.upop, c.USA.year, c.USA.cinc, c.BHM
            """.replacingOccurrences(of: "...", with: "'\(path)'"))
        #expect(r == [.integer(2016), .nil, .number(0), .integer(2015), .number(1), .nil])
    }

    @Test(arguments: [
        ("text-in-number.csv", "text-in-number.csv:3: milex: 'abc' is not a number"),
        ("empty.csv", "empty.csv:1: file is empty"),
        ("binary.csv", "binary.csv:2: NUL byte: not a text file"),
        ("enormous-line.csv", "enormous-line.csv:3: line longer than 65536 bytes"),
    ])
    func malformedCSVReportsFileAndLine(file: String, expected: String) throws {
        let lua = try lua()
        let path = Self.fixtures + "/" + file
        #expect(try errorMessage(lua, "wg.capabilities('\(path)')") == .string(Self.fixtures + "/" + expected))
    }

    @Test func capabilitiesArgumentErrors() throws {
        let lua = try lua()
        let good = Self.fixtures + "/crlf-bom-quoted.csv"
        #expect(try errorMessage(lua, "wg.capabilities(42)")
                == .string("x:1: bad argument #1 to 'capabilities' (string expected, got number)"))
        #expect(try errorMessage(lua, "wg.capabilities('\(good)', 'y')")
                == .string("x:1: bad argument #2 to 'capabilities' (number expected, got string)"))
        #expect(try errorMessage(lua, "wg.capabilities('\(good)', 1990)")
                == .string("\(good): no rows for year 1990 (file has 2015-2016)"))
        #expect(try errorMessage(lua, "wg.capabilities(nil, 1815)") == .string("nmc-1816-2016.csv: no rows for year 1815 (file has 1816-2016)"))
        #expect(try lua.run("return wg.capabilities(nil, 2016).USA.year") == [.integer(2016)])
        #expect(try errorMessage(lua, "wg.capabilities('/nonexistent/x.csv')") == .string("/nonexistent/x.csv: no such file or directory"))
    }

    @Test func capabilitiesReadBackFromTheTable() throws {
        let lua = try lua()
        lua.push(LuaFunction("probe") { args in
            let caps = try ForceBalanceBindings.capabilities(args, 1)
            args.push(caps.year)
            args.push(caps.states.count)
            args.push(caps["RUS"]?.cinc ?? -1)
            args.push(caps.states.first?.stateabb ?? "")
            return 4
        })
        lua.setGlobal("probe")
        let bundled = try Capabilities.bundled()
        // The Swift value behind the table wins over later edits of the table.
        #expect(try lua.run("local c = wg.capabilities(); c.RUS.milex = 0; return probe(c)")
                == [.integer(2016), .integer(195), .number(bundled["RUS"]!.cinc!), .string("USA")])
        // Hand-made: CINC recomputed; -9 and nil missing; keyed states in name order.
        #expect(try lua.run("""
            return probe{ B = { milex = 3, milper = 1, year = 2001 }, A = { milex = 1, milper = 3, pec = -9, cinc = 9 } }
            """) == [.integer(2001), .integer(2), .number(-1), .string("A")])
        #expect(try lua.run("return probe{ { stateabb='RUS', milex=1 }, { stateabb='USA', milex=3 } }")
                == [.integer(0), .integer(2), .number(0.25), .string("RUS")])
        #expect(try errorMessage(lua, "probe(nil)") == .string("x:1: bad argument #1 to 'probe' (capabilities table expected, got nil)"))
        #expect(try errorMessage(lua, "probe{ RUS = { milex = 'lots' } }")
                == .string("x:1: bad argument #1 to 'probe' (RUS.milex: number expected, got string)"))
        #expect(try errorMessage(lua, "probe{ RUS = { milex = -1 } }")
                == .string("x:1: bad argument #1 to 'probe' (RUS.milex: non-negative number expected, got -1.0)"))
        #expect(try errorMessage(lua, "probe{ RUS = { stateabb = 'USA' } }")
                == .string("x:1: bad argument #1 to 'probe' (RUS.stateabb: 'USA' differs from its key)"))
        #expect(try errorMessage(lua, "probe{ 5 }") == .string("x:1: bad argument #1 to 'probe' (state: table expected, got number)"))
        #expect(try errorMessage(lua, "probe{}") == .string("x:1: bad argument #1 to 'probe' (no states)"))
        #expect(try errorMessage(lua, "probe(setmetatable({}, { __index = error }))") == .string("x:1: bad argument #1 to 'probe' (no states)"))
    }

    @Test func capabilitiesInsideACoroutineAndCollected() throws {
        let lua = try lua()
        let r = try lua.run("""
            local f = coroutine.wrap(function() local c = wg.capabilities(); coroutine.yield(c.RUS.ccode); return c.USA.ccode end)
            local a = f(); local b = f()
            collectgarbage(); collectgarbage()
            return a, b, tostring(wg.capabilities()):match('^wg.capabilities') ~= nil
            """)
        #expect(r == [.integer(365), .integer(2), .boolean(true)])
    }

    @Test func lanchesterMatchesEngine() throws {
        let lua = try lua()
        let e = try Lanchester.run(a: 1000, b: 800, alpha: 0.010, beta: 0.012, law: .square, dt: 0.01, t: 50)
        let r = try lua.run("""
            local r = wg.lanchester{ a=1000, b=800, alpha=0.010, beta=0.012, law="square", dt=0.01, t=50 }
            return r.a, r.b, r.t, r.winner
            """)
        #expect(r == [.number(e.a), .number(e.b), .number(50), .nil])
        let w = try lua.run("""
            local r = wg.lanchester{ a=1000, b=800, alpha=0.010, beta=0.012, t=500 }
            return r.winner, r.b, math.abs(r.a - math.sqrt(1000^2 - 1.2 * 800^2)) < 1e-6
            """)
        #expect(w == [.string("a"), .number(0), .boolean(true)])
        let lin = try lua.run("return wg.lanchester{ a=10, b=10, alpha=0, beta=0, law='linear', ra=1, rb=2, t=5, dt=1 }.b")
        #expect(lin == [.number(20)])
    }

    @Test(arguments: [
        ("wg.lanchester()", "bad argument #1 to 'lanchester' (table expected, got no value)"),
        ("wg.lanchester{ b=1, alpha=1, beta=1, t=1 }", "bad argument #1 to 'lanchester' (field 'a': number expected, got nil)"),
        ("wg.lanchester{ a='x', b=1, alpha=1, beta=1, t=1 }", "bad argument #1 to 'lanchester' (field 'a': number expected, got string)"),
        ("wg.lanchester{ a=0/0, b=1, alpha=1, beta=1, t=1 }", "bad argument #1 to 'lanchester' (field 'a': finite number expected, got -nan)"),
        ("wg.lanchester{ a=1, b=1, alpha=1, beta=1, t=1, law='cubic' }",
         "bad argument #1 to 'lanchester' (field 'law': invalid option 'cubic' (square or linear))"),
        ("wg.lanchester{ a=-1, b=1, alpha=1, beta=1, t=1 }", "bad argument #1 to 'lanchester' (a must be a finite number >= 0, got -1.0)"),
        ("wg.lanchester{ a=1, b=1, alpha=1, beta=1, t=1, dt=2 }", "bad argument #1 to 'lanchester' (dt (2.0) must not exceed t (1.0))"),
        ("wg.lanchester{ a=1, b=1, alpha=1, beta=1, t=0 }", "bad argument #1 to 'lanchester' (t must be a finite number > 0, got 0.0)"),
    ])
    func lanchesterArgumentErrors(code: String, expected: String) throws {
        let lua = try lua()
        #expect(try errorMessage(lua, code) == .string("x:1: " + expected))
    }
}
