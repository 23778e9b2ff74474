import Foundation
import CLua
import Testing
@testable import WargameKit

/// What the API accepts saves and loads: the API's changes are checked by the same code
/// that checks a save on load (`Scenario.validate()`), so it refuses, in one line, exactly
/// what loading would refuse.
@Suite struct SaveLoadConsistencyTests {
    static func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        installRoundTrip(in: lua)
        return lua
    }

    /// `roundtrip(s [, n])`: encodes the scenario as a save and decodes it again, in
    /// memory; returns nil, or the reason loading refused it. With `n`, a copy is first
    /// stepped up to n turns by the built-in doctrine (no Lua policy or hook, which random
    /// calls may have made fail), and the turn it reached is returned too. Works in a
    /// sandbox (no file).
    static func installRoundTrip(in lua: LuaState) {
        lua.push(LuaFunction("roundtrip") { a in
            guard let h = a.stack.object(at: 1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
                throw a.typeError(1, "scenario")
            }
            var history = h.history
            if let n = try a.optInteger(2, in: 0...100) { _ = try? history.step(Int(n)) }
            defer { a.push(history.current.turn) }
            do {
                let saved = try SaveFile.encode(history)
                let loaded = try SaveFile.decode(saved, file: "roundtrip.wgs")
                // Compared as saves: a NaN in a damage figure is equal to itself there.
                guard try SaveFile.encode(loaded) == saved else { throw LuaCallError("the loaded scenario differs from the saved one") }
                a.pushNil()
            } catch {
                a.push("\(error)")
            }
            return 2
        })
        lua.setGlobal("roundtrip")
    }

    static let two = """
        s = wg.scenario{ name = "x", seed = 1 }
        s:side("West", {"USA", "UKG"}); s:side("East", {"RUS"})
        s:economy{ RUS = { gdp = 1780 } }
        """

    /// The calls once accepted and then refused by `wg.load`, and their siblings: each is
    /// refused at the call, and the scenario is unchanged and still saves and loads.
    @Test(arguments: [
        ("s:side('West', {'USA', 'USA'})", "side 'West' lists USA twice"),
        ("s:side('A', {'CHN', 'CHN'})", "side 'A' lists CHN twice"),
        ("s:side('East', {'RUS', 'USA'})", "USA is already on side 'West'"),
        ("s:side(string.rep('x', 1001), {'CHN'})", "bad argument #1 to 'side' (name longer than 256 bytes)"),
        ("s:trade{ from = 'CHN', to = 'CHN', value = 1 }", "trade flow from CHN to itself"),
        ("s:alliance{ name = 'dup', members = {'USA', 'USA', 'UKG'} }", "alliance 'dup' lists a member twice"),
        ("s:alliance{ name = string.rep('y', 2000), members = {'USA', 'UKG'} }", "bad argument #1 to 'alliance' (field 'name' longer than 256 bytes)"),
        ("s:sanction{ name = 'p', by = {'USA'}, target = 'RUS', sectors = {string.rep('z', 1001)} }", "bad argument #1 to 'sanction' (field 'sectors' must be an array of state codes (names of at most 256 bytes))"),
        ("wg.scenario{ sanctions = { turn_years = -1 } }", "sanctions.turn_years must be a number in (0, 100], got -1"),
        ("wg.scenario{ doctrine = { stake = 2 } }", "doctrine.stake must be a number in [0, 1], got 2"),
        ("wg.scenario{ doctrine = { ceasefire_turns = 0 } }", "doctrine.ceasefire_turns must be an integer in [1, 1000], got 0"),
        ("wg.scenario{ doctrine = { decisiveness = 0 } }", "doctrine.decisiveness must be a number in (0, 100], got 0"),
        ("wg.scenario{ theatre = { side_commitment = 2 } }", "theatre.side_commitment must be a number in [0, 1], got 2"),
        ("wg.scenario{ doctrine = { rationality = -1 } }", "doctrine.rationality must be a number in [0, 1000], got -1"),
        ("wg.scenario{ ladder = { { name = 'a', risk = 2 }, 'b' } }", "ladder rung 0 (a): risk must be in [0, 1], got 2"),
        ("wg.scenario{ turns = 1000001 }", "bad argument #1 to 'scenario' (field 'turns' must be in 1..1000000)"),
        ("wg.scenario{ name = string.rep('n', 1001) }", "bad argument #1 to 'scenario' (field 'name' longer than 256 bytes)"),
        ("wg.scenario{ ladder = { string.rep('r', 1001) }, rung = 0 }", "bad argument #1 to 'scenario' (field 'ladder': rung 1: name longer than 256 bytes)"),
        ("wg.scenario{ nuclear = { [string.rep('W', 1001)] = 1 } }", "bad argument #1 to 'scenario' (field 'nuclear': keys must be state codes of at most 256 bytes)"),
    ])
    func theAPIRefusesWhatLoadingRefuses(call: String, reason: String) throws {
        let lua = try Self.lua()
        let r = try lua.run(Self.two + "\n" + """
            local before = roundtrip(s)
            local ok, e = pcall(function() \(call) end)
            return ok, e, before, roundtrip(s), #s:log()
            """, name: "=t")
        #expect(r[0] == .boolean(false))
        #expect(r[1] == .string("t:5: \(reason)"))
        #expect(r[2] == .nil, "\(r[2])")
        #expect(r[3] == .nil, "\(r[3])")
    }

    /// Ladders are bounded where a script makes them, by `wg.scenario` and `wg.ladder` alike.
    @Test func laddersOverTheLimitAreRefused() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local l = {}
            for i = 1, 1001 do l[i] = "r" .. i end
            local ok1, e1 = pcall(wg.scenario, { ladder = l })
            local ok2, e2 = pcall(wg.ladder, l)
            l[1001] = nil
            return ok1, e1, ok2, e2, #wg.ladder(l), (roundtrip(wg.scenario{ ladder = l }))
            """, name: "=t")
        #expect(r == [.boolean(false), .string("bad argument #1 to 'scenario' (field 'ladder': more than 1000 rungs)"),
                      .boolean(false), .string("bad argument #1 to 'ladder' (more than 1000 rungs)"), .integer(1000), .nil])
    }

    /// Random API calls of every kind (FuzzTests' generator, which includes the calls that
    /// once slipped through), then save and load of every scenario, as it is and stepped:
    /// never refused, and what loads equals what was saved.
    @Test(arguments: [11, 12, 13] as [Int64])
    func randomAPICallsAlwaysSaveAndLoad(seed: Int64) throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 5), memory: 256 << 20)
        Self.installRoundTrip(in: lua)
        try Sandbox.run(FuzzTests.setup + """

            refused, maxTurn = {}, 0
            function checkAll()
                for i = 1, 4 do
                    for _, n in ipairs{ 0, 3 } do
                        local e, turn = roundtrip(S[i], n)
                        if e then refused[#refused + 1] = e end
                        maxTurn = math.max(maxTurn, turn)
                    end
                end
            end
            """, name: "=setup", in: lua)
        var fuzzer = FuzzTests.Fuzzer(rng: SeededGenerator(seed: seed),
                                      functions: WargameModule.libraries.flatMap { $0.map(\.name) },
                                      methods: ScenarioMethods.methods.map(\.name))
        for batch in 0..<40 {
            var chunk = ""
            for _ in 0..<25 { chunk += "check(pcall(\(fuzzer.call())))\n" }
            _ = try? Sandbox.run(chunk, name: "=fuzz\(batch)", in: lua)  // a batch cut short by a limit is fine
            try Sandbox.run("checkAll()", in: lua)
        }
        let r = try Sandbox.run("return #refused, table.concat(refused, ' | '), oks, fails, maxTurn", in: lua)
        #expect(r[0] == .integer(0), "\(r[1])")
        #expect((r[2].asDouble ?? 0) > 100 && (r[3].asDouble ?? 0) > 100)  // both kinds of call happened
        #expect((r[4].asDouble ?? 0) > 0)  // and some scenarios saved had stepped
    }
}
