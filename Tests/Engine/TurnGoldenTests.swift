import CLua
import Foundation
import Testing
@testable import WargameKit

/// The turn was made faster (issue 14) without changing what it computes. These tests pin
/// fixed-seed runs of the default scenario (Scripts/scenarios/default.lua) and variants
/// that reach war, alliance invocations, combat, detections, exits and nuclear use: the
/// event log, the ending, the sanctions damage (bit for bit), the rungs passed through and
/// the bytes of the save file.
///
/// The digests were recorded from the code before the optimisation (commit 58fff72, the
/// unoptimised turn), so a change in any figure or text fails here. Two paths must also
/// agree with each other: the engine stepped directly with the NATO policy written in
/// Swift, and the same runs stepped through Lua (`fork`, `seed`, `step`, the script's own
/// policy), as `wg.montecarlo` steps them.
@Suite struct TurnGoldenTests {
    static let path = Programs.root.appendingPathComponent("Scripts/scenarios/default.lua").path

    /// A policy given to both paths: in Swift for the engine, in Lua for the scripted runs.
    struct Policy: Sendable {
        var side: String
        var index: Int
        var lua: String
        var swift: @Sendable (SideView) -> Move?
    }
    /// The script's own NATO policy: sanctions at once, then hold.
    static let script = Policy(side: "NATO", index: 0, lua: "", swift: { $0.rung < 2 ? .rung(2) : .hold })
    /// NATO attacks at turn 3, then the doctrine decides: war, invocations, combat, the
    /// nuclear hazard, every kind of ending.
    static let natoAttacks = Policy(side: "NATO", index: 0,
                                    lua: "function(v) if v.turn == 3 then return { rung = 5 } end end",
                                    swift: { $0.turn == 3 ? .rung(5) : nil })
    /// Russia attacks at turn 2 (an offence the other way round); NATO follows the script.
    static let russiaAttacks = Policy(side: "Russia", index: 1,
                                      lua: "function(v) if v.turn == 2 then return { rung = 6 } end end",
                                      swift: { $0.turn == 2 ? .rung(6) : nil })

    /// Variants, the policies that differ from the script's, and the digest of their
    /// transcripts over `seeds`, recorded from the unoptimised code (see above).
    static let golden: [(args: String, policies: [Policy], digest: UInt64)] = [
        ("{}", [], 0x633f_7cd9_6050_62e7),
        ("{ china = true }", [], 0xc294_ce47_d8f3_0f7b),
        ("{ visibility = 0.9, coverage = 1 }", [], 0xfaf3_8d62_37fd_0365),
        ("{ secondary = false, csto = 0.9, belarus = 0.1, turns = 12 }", [], 0x466c_8337_221d_8a2c),
        ("{}", [natoAttacks], 0x733a_8b35_5e75_e7f9),
        ("{ china = 0.9, visibility = 0.05 }", [natoAttacks], 0xbd68_0116_2b43_12f7),
        ("{ csto = 1 }", [russiaAttacks], 0x7c18_d480_2482_185f),
    ]
    static let seeds = 1...30

    /// The base scenario the script builds, with a Lua state that holds it.
    static func base(_ args: String) throws -> (lua: LuaState, scenario: Scenario) {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        try lua.run("base = assert(loadfile(\"\(path)\"))(\(args))", name: "=golden")
        lua_getglobal(lua.L, "base")
        defer { lua_settop(lua.L, -2) }
        guard let h = LuaStack(lua.L).object(at: -1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
            throw ScenarioError.invalid("the script returned no scenario")
        }
        return (lua, h.scenario)
    }

    /// The engine's hooks for `policies` over the script's; `math.random` is reseeded in
    /// the Lua path, so the scripts stream is drawn here too.
    static func hooks(_ policies: [Policy]) -> StepHooks {
        var hooks = StepHooks(policies: [script.index: script.swift], reseedScripts: { _ in })
        for p in policies { hooks.policies[p.index] = p.swift }
        return hooks
    }

    /// One run's transcript: every figure that could move, exactly (hex floats).
    static func transcript(_ h: ScenarioHistory) throws -> String {
        let s = h.current
        let d = try s.damage("RUS")
        func x(_ v: Double) -> String { String(v.bitPattern, radix: 16) }
        var lines = s.log.map(\.description)
        lines.append("ending \(s.ending?.reason.rawValue ?? "running") \(s.ending?.turn ?? -1) \(s.ending?.why ?? "")")
        lines.append("rungs " + h.timeline.map { String($0.rung) }.joined(separator: " "))
        lines.append("damage \(x(d.gdpLoss)) \(x(d.gdpLossPct)) \(x(d.blocked)) \(x(d.leaked)) \(x(d.unreplaced)) \(x(d.commission))")
        lines.append("sanctioners " + d.bySanctioner.map { "\($0.state) \(x($0.cost)) \($0.costPct.map(x) ?? "-")" }.joined(separator: ", "))
        lines.append("members " + d.byMember.map {
            "\($0.state) \(x($0.commissionIncome)) \(x($0.secondaryCost)) \($0.status) \($0.detectedTurn ?? -1)"
        }.joined(separator: ", "))
        lines.append("save \(String(SaveFile.fnv1a(try SaveFile.encode(h)), radix: 16))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `seeds` through the engine alone.
    static func engineTranscript(_ base: Scenario, _ policies: [Policy]) throws -> String {
        let hooks = hooks(policies)
        var out = ""
        for seed in seeds {
            var h = ScenarioHistory(base)
            try h.configure { $0.reseed(Int64(seed)) }
            while h.current.ending == nil { _ = try h.step(1, hooks: hooks) }
            out += "seed \(seed)\n" + (try transcript(h))
        }
        return out
    }

    /// Runs `seeds` through the Lua API, with the script's own policy.
    static func luaTranscript(_ lua: LuaState, _ policies: [Policy]) throws -> String {
        var out = ""
        for p in policies { try lua.run("base:policy(\"\(p.side)\", \(p.lua))", name: "=policy") }
        for seed in seeds {
            try lua.run("run = base:fork(); run:seed(\(seed)); while not run.ended do run:step() end", name: "=run")
            lua_getglobal(lua.L, "run")
            defer { lua_settop(lua.L, -2) }
            guard let h = LuaStack(lua.L).object(at: -1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
                throw ScenarioError.invalid("no run")
            }
            out += "seed \(seed)\n" + (try transcript(h.history))
        }
        return out
    }

    @Test(arguments: 0..<golden.count)
    func fixedSeedRunsMatchTheUnoptimisedCode(_ k: Int) throws {
        let (args, policies, digest) = Self.golden[k]
        let (lua, base) = try Self.base(args)
        let engine = try Self.engineTranscript(base, policies)
        #expect(SaveFile.fnv1a(Data(engine.utf8)) == digest, "\(args): transcript digest \(String(SaveFile.fnv1a(Data(engine.utf8)), radix: 16))")
        let viaLua = try Self.luaTranscript(lua, policies)
        #expect(viaLua == engine, "\(args): the Lua path and the engine path differ")
    }
}
