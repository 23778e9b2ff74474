import Foundation
import Testing
@testable import WargameKit

/// The turn, history and save file, driven from Lua as scripts do. Each test has its own state.
@Suite struct ScenarioLuaTests {
    static func lua() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    /// A crisis between two nuclear powers that goes to war quickly (illustrative).
    static let crisis = """
        local seed = ...
        local s = wg.scenario{ name = "test crisis", seed = seed or 7, rung = 4, turns = 30 }
        s:side("East", {"RUS", "BLR"})
        s:side("West", {"USA", "UKG", "FRN"})
        s:alliance{ name = "CSTO Art. 4", members = {"RUS", "BLR", "ARM", "KZK", "KYR", "TAJ"}, reliability = 0.5 }
        s:alliance{ name = "NATO Art. 5", members = {"USA", "UKG", "FRN", "GMY", "ITA", "POL", "CAN"}, reliability = 0.75 }
        s:policy("USA", function(v) if v.turn == 1 then return {rung = 5} end return "hold" end)
        return s
        """

    @Test func stepAdvancesAndReportsInTheDocumentedShape() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = (load(...))()
            local r = s:step()
            return s.turn, s.rung >= 5, s:rung_name() == wg.ladder()[s.rung + 1], r.turn, r.rung == s.rung,
                   type(r.moves.West), type(tostring(r)), #s:log() > 0
            """.replacingOccurrences(of: "(load(...))()", with: "(function(...) \(Self.crisis) end)()"))
        #expect(r == [.integer(1), .boolean(true), .boolean(true), .integer(1), .boolean(true),
                      .string("string"), .string("string"), .boolean(true)])
    }

    @Test func sameSeedSameRunDifferentSeedDifferentRun() throws {
        func run(_ seed: Int) throws -> [LuaValue] {
            let lua = try Self.lua()
            return try lua.run("""
                local s = (function(...) \(Self.crisis) end)(\(seed))
                s:step(30)
                local out = {}
                for _, e in ipairs(s:log()) do out[#out + 1] = tostring(e) end
                return table.concat(out, "\\n")
                """)
        }
        #expect(try run(11) == run(11))
        let many = try (1...6).map { try run($0) }
        #expect(Set(many).count > 1)
    }

    @Test func undoRewindRestoreExactStateAndReplay() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = (function(...) \(Self.crisis) end)(3)
            s:step(8)
            local reached = s.turn
            local log8 = {}
            for _, e in ipairs(s:log()) do log8[#log8 + 1] = tostring(e) end
            s:rewind(2)
            assert(s.turn == 2)
            s:step(6)
            local again = {}
            for _, e in ipairs(s:log()) do again[#again + 1] = tostring(e) end
            s:undo()
            return table.concat(log8, "|") == table.concat(again, "|"), reached - s.turn, reached > 2
            """)
        #expect(r == [.boolean(true), .integer(1), .boolean(true)])
    }

    @Test func forkEvolvesOnItsOwn() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = wg.scenario{ seed = 5, rung = 2 }
            s:side("East", {"RUS"}); s:side("West", {"USA"})
            s:policy("RUS", function() return "hold" end)
            s:policy("USA", function() return "hold" end)
            s:step(2)
            local f = s:fork()
            f:policy("RUS", function() return "escalate" end)
            f:step(3)
            return s.turn, f.turn, s ~= f, s.rung, f.rung
            """)
        #expect(r == [.integer(2), .integer(5), .boolean(true), .integer(2), .integer(5)])
    }

    @Test func saveLoadRoundTripAndStepsTheSame() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wgsave-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.wgs").path
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = (function(...) \(Self.crisis) end)(9)
            s:step(4)
            s:save("\(path)")
            local t = wg.load("\(path)")
            assert(t.turn == 4 and t.rung == s.rung)
            s:step(5); t:step(5)
            local a, b = {}, {}
            for _, e in ipairs(s:log()) do a[#a + 1] = tostring(e) end
            for _, e in ipairs(t:log()) do b[#b + 1] = tostring(e) end
            t:rewind(0)
            return table.concat(a, "|") == table.concat(b, "|"), t.turn
            """)
        #expect(r == [.boolean(true), .integer(0)])
    }

    @Test func damagedSaveFilesAreRefusedByName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wgsave-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.wgs").path
        let lua = try Self.lua()
        try lua.run("s = (function(...) \(Self.crisis) end)(1); s:step(3); s:save('\(good)')")
        let data = try Data(contentsOf: URL(fileURLWithPath: good))
        var edited = data
        edited[edited.count - 10] ^= 0x01
        let cases: [(String, Data, String)] = [
            ("truncated.wgs", data.prefix(data.count / 2), "truncated"),
            ("edited.wgs", edited, "checksum mismatch"),
            ("foreign.wgs", Data("name,value\n1,2\n".utf8), "not a wargame save file"),
            ("empty.wgs", Data(), "file is empty"),
            ("future.wgs", Data("WARGAME-SAVE 99 2 0\n{}".utf8), "version 99"),
        ]
        for (name, bytes, reason) in cases {
            let path = dir.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            let r = try lua.run("""
                local ok, e = pcall(wg.load, "\(path)")
                return ok, e, s.turn
                """)
            #expect(r[0] == .boolean(false))
            #expect(r[1].asString?.contains("\(path): ") == true && r[1].asString?.contains(reason) == true, "\(name): \(r[1])")
            #expect(r[2] == .integer(3))
        }
    }

    @Test func policyErrorNamesSideTurnLineAndLeavesTheTurnBefore() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = (function(...) \(Self.crisis) end)(2)
            s:policy("RUS", function(v)
                if v.turn == 3 then error("no plan for turn 3") end
                return "hold"
            end)
            local ok, e = pcall(s.step, s, 5)
            return ok, e, s.turn
            """, name: "@policy.lua")
        #expect(r[0] == .boolean(false))
        #expect(r[1].asString?.contains("policy for East failed at turn 3: policy.lua:") == true, "\(r[1])")
        #expect(r[1].asString?.contains("no plan for turn 3") == true)
        #expect(r[2] == .integer(2))
    }

    @Test func badPolicyResultIsAnError() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = (function(...) \(Self.crisis) end)(2)
            s:policy("RUS", function() return 42 end)
            return select(2, pcall(s.step, s))
            """)
        #expect(r[0].asString?.contains("policy for East failed at turn 1: returned '42'") == true, "\(r[0])")
    }

    @Test func mathRandomInPoliciesDrawsFromTheScenario() throws {
        func draws(_ seed: Int) throws -> LuaValue {
            let lua = try Self.lua()
            return try lua.run("""
                math.randomseed(os.time())  -- whatever the script did before, the scenario reseeds
                local s = (function(...) \(Self.crisis) end)(\(seed))
                local seen = {}
                s:policy("RUS", function() seen[#seen + 1] = math.random(1000000); return "hold" end)
                s:step(5)
                return table.concat(seen, ",")
                """)[0]
        }
        #expect(try draws(4) == draws(4))
        #expect(try draws(4) != draws(5))
    }

    /// A script that replaces `math.randomseed` (or `math`) does not change what the scenario
    /// seeds: the draws are those of a script that left them alone.
    @Test func replacingRandomseedDoesNotChangeTheDraws() throws {
        func draws(_ prelude: String) throws -> LuaValue {
            let lua = try Self.lua()
            return try lua.run("""
                local random = math.random
                \(prelude)
                local s = (function(...) \(Self.crisis) end)(4)
                local seen = {}
                s:policy("RUS", function() seen[#seen + 1] = random(1000000); return "hold" end)
                s:step(5)
                return table.concat(seen, ",")
                """)[0]
        }
        let plain = try draws("")
        #expect((plain.asString?.split(separator: ",").count ?? 0) >= 2)  // the crisis may end before turn 5
        #expect(try draws("math.randomseed = function() end") == plain)
        #expect(try draws("math = {}") == plain)
    }

    /// An armed attack invokes the commitments covering the attacked; each ally honours
    /// with its reliability. Over many seeds the share is within 4σ of it.
    @Test func allianceHonouringFrequencyMatchesReliability() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local honoured, asked = 0, 0
            for seed = 1, 400 do
                local s = wg.scenario{ seed = seed, rung = 4 }
                s:side("East", {"RUS"})
                s:side("West", {"USA"})
                s:alliance{ name = "CSTO Art. 4", members = {"RUS", "ARM", "KZK", "KYR", "TAJ", "BLR"}, reliability = 0.3 }
                s:policy("USA", function() return {rung = 5} end)
                s:policy("RUS", function() return "hold" end)
                s:step()
                for _, e in ipairs(s:log()) do
                    if e.kind == "alliance" then
                        for _ in e.text:gmatch("honoured") do honoured = honoured + 1 end
                        for _ in e.text:gmatch("declined") do asked = asked + 1 end
                    end
                end
            end
            return honoured, honoured + asked
            """)
        let h = r[0].asDouble ?? 0, n = r[1].asDouble ?? 0
        #expect(n == 2000)
        let sigma = (n * 0.3 * 0.7).squareRoot()
        #expect(abs(h - 0.3 * n) < 4 * sigma, "honoured \(h) of \(n)")
    }

    @Test func invocationIsLoggedInWords() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = wg.scenario{ seed = 1, rung = 4 }
            s:side("Armenia", {"ARM"})
            s:side("Azerbaijan", {"AZE"})
            s:alliance{ name = "CSTO Art. 4", members = {"RUS", "ARM", "KZK"}, reliability = 0.5 }
            s:policy("AZE", function() return {rung = 5} end)
            s:policy("ARM", function() return "hold" end)
            s:step()
            for _, e in ipairs(s:log()) do if e.kind == "alliance" then return e.text end end
            """)
        let text = r.first?.asString ?? ""
        #expect(text.hasPrefix("CSTO Art. 4 invoked by ARM: RUS "), "\(text)")
        #expect(text.contains("KZK honoured") || text.contains("KZK declined"))
    }

    @Test func runsEndForAReason() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local out = {}
            local s = wg.scenario{ seed = 1, rung = 0, turns = 5 }
            s:side("A", {"USA"}); s:side("B", {"CAN"})
            s:policy("USA", function() return "hold" end); s:policy("CAN", function() return "hold" end)
            local r = s:step(10)
            out[#out + 1] = r.ended
            local t = wg.scenario{ seed = 1, rung = 8, turns = 5 }
            t:side("A", {"USA"}); t:side("B", {"RUS"})
            t:policy("USA", function() return "escalate" end)
            out[#out + 1] = t:step(3).ended
            local u = wg.scenario{ seed = 1, rung = 3, turns = 4 }
            u:side("A", {"USA"}); u:side("B", {"CAN"})
            u:policy("USA", function() return "hold" end); u:policy("CAN", function() return "hold" end)
            out[#out + 1] = u:step(10).ended
            out[#out + 1] = u.turn
            return table.unpack(out)
            """)
        #expect(r == [.string("ceasefire"), .string("nuclear_war"), .string("turn_limit"), .integer(4)])
    }

    @Test func argumentErrorsNameTheFunction() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local s = wg.scenario{ seed = 1 }
            local errs = {}
            for _, f in ipairs{
                function() s:side(nil, {}) end,
                function() s:side("A", {"XXX"}) end,
                function() s:step(-1) end,
                function() s:balance("RUS") end,
                function() s.turn = 5 end,
                function() wg.scenario{ rung = 99 } end,
                function() s:step() end,
            } do errs[#errs + 1] = select(2, pcall(f)) end
            return table.unpack(errs)
            """, name: "=t")
        #expect(r[0] == .string("t:4: bad argument #1 to 'side' (string expected, got nil)"))
        #expect(r[1] == .string("t:5: unknown state code 'XXX'"))
        #expect(r[2].asString?.hasPrefix("t:6: bad argument #1 to 'step' (out of range") == true)
        #expect(r[3] == .string("t:7: bad argument #2 to 'balance' (string expected, got no value)"))
        #expect(r[4].asString?.contains("read-only") == true)
        #expect(r[5].asString?.contains("start rung 99 is not on the ladder") == true)
        #expect(r[6].asString?.contains("needs two sides") == true)
    }

    /// The REPL's meta-commands fall back to wg.last(): it must survive collection.
    @Test func lastScenarioSurvivesCollection() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            do local x = wg.scenario{ name = "kept", seed = 1 } end
            collectgarbage(); collectgarbage()
            local last = wg.last()
            return last and last.name, tostring(last)
            """)
        #expect(r == [.string("kept"), .string("scenario 'kept' (turn 0, rung 1 crisis)")])
    }

    @Test func ladderNamesAndDescriptions() throws {
        let lua = try Self.lua()
        let r = try lua.run("""
            local names, descriptions = wg.ladder()
            local custom = wg.ladder{ "calm", { name = "storm", description = "bad weather", war = true } }
            return #names, names[1], names[10], #descriptions, descriptions[8], #custom, custom[2],
                   select(2, pcall(wg.ladder, { 42 }))
            """, name: "=t")
        #expect(Array(r[0..<3]) == [.integer(10), .string("peace"), .string("general nuclear war")])
        #expect(r[3] == .integer(10))
        #expect(r[4].asString?.contains("threshold") == true)
        #expect(Array(r[5..<7]) == [.integer(2), .string("storm")])
        #expect(r[7].asString?.contains("ladder rung 1 must be a name or a table") == true, "\(r[7])")
    }
}
