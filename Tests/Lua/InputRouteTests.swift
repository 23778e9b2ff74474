import Foundation
import Testing
@testable import WargameKit

/// Every input route goes through the scenario's one validation: what a Lua table is
/// refused for, a CSV file is refused for too, and the file's refusal names it.
@Suite struct InputRouteTests {
    static func refusal(_ call: String) throws -> String {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("local s = wg.scenario{} local ok, e = pcall(function() \(call) end) return tostring(ok), tostring(e)")
        return r.count == 2 && r[0] == .string("false") ? (r[1].asString ?? "") : "accepted"
    }

    @Test func unknownStatesAreRefusedByTableAndFileAlike() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flows = dir.appendingPathComponent("flows.csv").path
        let gdp = dir.appendingPathComponent("gdp.csv").path
        try "exporter,importer,value\nUSA,RUS,5\nXXX,RUS,5\n".write(toFile: flows, atomically: true, encoding: .utf8)
        try "state,gdp\nRUS,1780\nXXX,5\n".write(toFile: gdp, atomically: true, encoding: .utf8)

        #expect(try Self.refusal("s:trade{ from = 'XXX', to = 'RUS', value = 5 }").hasSuffix("unknown state code 'XXX'"))
        #expect(try Self.refusal("s:trade('\(flows)')") == "\(flows): trade flow XXX→RUS: unknown state code 'XXX'")
        #expect(try Self.refusal("s:economy{ XXX = { gdp = 5 } }").hasSuffix("unknown state code 'XXX'"))
        #expect(try Self.refusal("s:economy('\(gdp)')") == "\(gdp): unknown state code 'XXX'")
    }
}

/// `wg.options`: a script's variant arguments, from Monte Carlo tables or the command line.
@Suite struct ScriptOptionsTests {
    @Test func tablesMergeAndKeyValueStringsAreTyped() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local o = wg.options({ a = 1, name = "x" }, "china=true", "open=false", "turns=20", "v=0.25",
                                 "label=Baltic crisis", "not an option", 7, "=1")
            local keys = 0 for _ in pairs(o) do keys = keys + 1 end
            return o.a, o.name, o.china, o.open, math.type(o.turns), o.turns, o.v, o.label, keys
            """)
        #expect(r == [.integer(1), .string("x"), .boolean(true), .boolean(false), .string("integer"), .integer(20),
                      .number(0.25), .string("Baltic crisis"), .integer(7)])
    }
}

/// An ally bound by several treaties answers once per war, under its strongest covering
/// commitment (it once answered twice in one turn, with different answers).
@Suite struct InvocationTests {
    @Test func anAllyBoundTwiceAnswersOnce() throws {
        for seed in 1...20 {
            let lua = try LuaState()
            WargameModule.install(in: lua)
            let r = try lua.run("""
                local s = wg.scenario{ seed = \(seed), rung = 4 }
                s:side("NATO", { "USA" }); s:side("Russia", { "RUS" })
                s:alliance{ name = "Union State", members = { "RUS", "BLR" }, format = "multilateral", reliability = 0.5 }
                s:alliance{ name = "CSTO", members = { "RUS", "BLR", "KZK" }, reliability = 0.3 }
                s:policy("NATO", function(v) if v.turn == 1 then return { rung = 5 } end end)
                s:step(1)
                local answers, union = 0, 0
                for _, e in ipairs(s:log()) do
                  if e.kind == "alliance" then
                    for _ in e.text:gmatch("BLR %a+") do answers = answers + 1 end
                    if e.text:find("^Union State") then union = union + 1 end
                  end
                end
                return answers, union
                """)
            // BLR answers once, under the more reliable Union State; KZK under the CSTO.
            #expect(r == [.integer(1), .integer(1)], "seed \(seed)")
        }
    }
}
