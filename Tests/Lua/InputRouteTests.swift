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
