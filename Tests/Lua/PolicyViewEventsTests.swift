import Testing
@testable import WargameKit

/// A policy's `view.events` are the log lines of the turn before, as `s:log()` prints
/// them (`turn N [kind] text`): the view writes them as bytes (issue 14), not through
/// `Event.description`, so this holds them to it.
@Suite struct PolicyViewEventsTests {
    @Test func viewEventsAreTheLastTurnsLogLines() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local s = dofile('\(Programs.defaultScenario)')
            seen = {}
            s:policy("NATO", function(view)
              seen[view.turn] = view.events
              return view.rung < 2 and { rung = 2 } or "hold"
            end)
            s:step(8)
            local lines = {}
            for _, e in ipairs(s:log()) do lines[#lines + 1] = e end
            return seen, lines
            """)
        let seen = r[0].asTable ?? [:]
        let log = (r[1].asTable ?? [:]).sorted { ($0.key.asDouble ?? 0) < ($1.key.asDouble ?? 0) }.map(\.value)
        // The log's events as Swift has them, by turn.
        let lua2 = try LuaState()
        WargameModule.install(in: lua2)
        var checked = 0
        for turn in 2...8 {
            let view = (seen[.integer(Int64(turn))]?.asTable ?? [:]).sorted { ($0.key.asDouble ?? 0) < ($1.key.asDouble ?? 0) }.map { $0.value.asString ?? "" }
            let expected = log.filter { ($0["turn"].asDouble ?? -1) == Double(turn - 1) }
                .map { "turn \(Int($0["turn"].asDouble ?? 0)) [\($0["kind"].asString ?? "")] \($0["text"].asString ?? "")" }
            #expect(view == expected, "turn \(turn)")
            #expect(!view.isEmpty)
            checked += view.count
        }
        #expect(checked >= 7)
    }
}
