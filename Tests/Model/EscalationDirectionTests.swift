import Foundation
import Testing
@testable import WargameKit

/// Directions the literature states, checked by Monte Carlo on the project's own
/// scenarios (Scripts/scenarios/two-state-crisis.lua, default.lua, armenia-2020.lua): each
/// a sign and a minimum effect, with the sampling error of a share, √(p(1−p)/n), counted
/// at three standard errors so that a test fails by chance about once in a thousand runs.
@Suite struct EscalationDirectionTests {
    static let crisis = Programs.root.appendingPathComponent("Scripts/scenarios/two-state-crisis.lua").path
    static let runs = 400

    /// A share from a Monte Carlo summary: `what` is a Lua expression over `sm`.
    static func share(_ args: String, _ what: String, script: String = crisis, runs: Int = runs) throws -> Double {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local sm = wg.montecarlo{ script = "\(script)", args = { \(args) }, runs = \(runs), seed = 11, threads = 2 }
            return \(what) or 0
            """)
        return r.first?.asDouble ?? .nan
    }

    /// Three standard errors of the difference of two shares from `n` runs each.
    static func margin(_ a: Double, _ b: Double, n: Int = runs) -> Double {
        3 * ((a * (1 - a) + b * (1 - b)) / Double(n)).squareRoot()
    }

    /// Leeds 2003; Johnson & Leeds 2011: a defence pact of the target deters the
    /// challenger, and the more so the more reliable it is.
    @Test func aDefencePactOfTheWeakerSideDetersMoreAsItIsMoreReliable() throws {
        let started = "sm.started.TUR"
        let none = try Self.share("ally = 'ITA', reliability = 0", started)
        let half = try Self.share("ally = 'ITA', reliability = 0.5", started)
        let firm = try Self.share("ally = 'ITA', reliability = 0.9", started)
        #expect(none - half > 0.1 + Self.margin(none, half), "war started: r=0 \(none), r=0.5 \(half)")
        #expect(half - firm > Self.margin(half, firm), "war started: r=0.5 \(half), r=0.9 \(firm)")
        #expect(none > 0.2, "without a reliable pact the stronger side does start wars (\(none))")
    }

    /// Smooth choices: no threshold flips the outcome between close reliabilities.
    @Test func noKnifeEdgesBetweenCloseReliabilities() throws {
        var last: Double?
        for r in stride(from: 0.0, through: 0.6, by: 0.05) {
            let p = try Self.share("ally = 'ITA', reliability = \(r)", "sm.reached[5]", runs: 200)
            if let last {
                #expect(abs(p - last) <= 0.3, "chance of war \(last) → \(p) at reliability \(r)")
            }
            last = p
        }
    }

    /// Nuclear deterrence (Schelling 1966; Powell 1990): a nuclear-armed opponent at least
    /// halves the stronger side's chance of starting a war.
    @Test func aNuclearOpponentAtLeastHalvesTheChanceOfAttack() throws {
        for (strong, weak) in [("TUR", "GRC"), ("USA", "RUS")] {
            let started = "sm.started.\(strong)"
            let conventional = try Self.share("strong = '\(strong)', weak = '\(weak)', weak_nuclear = false", started)
            let nuclear = try Self.share("strong = '\(strong)', weak = '\(weak)', weak_nuclear = true", started)
            #expect(conventional > 0.2, "\(strong) starts wars against a conventional \(weak): \(conventional)")
            #expect(nuclear + Self.margin(nuclear, nuclear) <= (conventional - Self.margin(conventional, conventional)) / 2,
                    "\(strong) vs \(weak): conventional \(conventional), nuclear \(nuclear)")
        }
    }

    /// A conventional ally that honours raises the attacked nuclear state's share of the
    /// fighting, which lowers its desperation hazard: fewer crossings of the threshold.
    @Test func anHonouringAllyKeepsTheAttackedNuclearStateFromTheThreshold() throws {
        let base = "attack = true, weak_nuclear = true, ally = 'EGY', reliability = "
        let declines = try Self.share(base + "0", "sm.reached[7]")
        let honours = try Self.share(base + "1", "sm.reached[7]")
        #expect(declines - honours >= 0.1 + Self.margin(declines, honours), "crossed: declines \(declines), honours \(honours)")
    }

    /// A pact that covers only an attack on its protégé (here one by the US) does not make
    /// the protégé start more wars: its defence pacts are void when it attacks.
    @Test func aConditionalPactDoesNotEmboldenItsProtege() throws {
        let started = "sm.started.RUS"
        let base = "strong = 'RUS', weak = 'UKR'"
        let alone = try Self.share(base, started)
        let pact = try Self.share(base + ", patron = 'CHN', patron_against = 'USA', patron_reliability = 0.9", started)
        let anyAttack = try Self.share(base + ", patron = 'CHN', patron_reliability = 0.9", started)
        #expect(alone > 0.1, "Russia starts wars against Ukraine in this crisis (\(alone))")
        #expect(pact <= alone + Self.margin(alone, pact), "alone \(alone), with the conditional pact \(pact)")
        #expect(anyAttack <= alone + Self.margin(alone, anyAttack), "alone \(alone), with a general pact \(anyAttack)")
    }

    /// Armenia, 2020: the bilateral treaty with Russia is invoked, not CSTO Article 4; with
    /// no bilateral treaty the CSTO is invoked and Russia answers once, under it.
    @Test func theArmeniaCase() throws {
        let script = Programs.root.appendingPathComponent("Scripts/scenarios/armenia-2020.lua").path
        func invocations(_ args: String) throws -> [String] {
            let lua = try LuaState()
            WargameModule.install(in: lua)
            let r = try lua.run("""
                local s = loadfile("\(script)")(\(args))
                s:step(1)
                local out = {}
                for _, e in ipairs(s:log()) do if e.kind == "alliance" then out[#out + 1] = e.text end end
                return table.concat(out, "\\n")
                """)
            return (r.first?.asString ?? "").split(separator: "\n").map(String.init)
        }
        let bilateral = try invocations("")
        #expect(bilateral.count == 1 && bilateral[0].hasPrefix("Russia-Armenia treaty invoked by ARM: RUS "), "\(bilateral)")
        let multilateral = try invocations("'bilateral=false'")
        #expect(multilateral.count == 1 && multilateral[0].hasPrefix("CSTO Art. 4 invoked by ARM: RUS "), "\(multilateral)")
        #expect(multilateral.first?.components(separatedBy: "RUS ").count == 2)  // Russia answers once
    }

    /// Common random numbers: a new policy for one side changes the choices, not the
    /// sanctions detections of the same seed. Russia attacking at once brings war,
    /// alliance answers, combat and nuclear draws, none of which may move a detection.
    @Test func aNewPolicyLeavesTheSanctionsDrawsAlone() throws {
        let script = Programs.root.appendingPathComponent("Scripts/scenarios/default.lua").path
        /// The sanctions events of the first `turns` turns, and the turn the run reached.
        func detections(_ policy: String, seed: Int, turns: Int = 30) throws -> (events: [String], turn: Int) {
            let lua = try LuaState()
            WargameModule.install(in: lua)
            let r = try lua.run("""
                local s = loadfile("\(script)")({ seed = \(seed), turns = 30 })
                \(policy)
                s:step(30)
                local out = {}
                for _, e in ipairs(s:log()) do
                  if e.kind == "sanctions" and e.turn <= \(turns) then out[#out + 1] = e.turn .. " " .. e.text end
                end
                return table.concat(out, "\\n"), s.turn
                """)
            return ((r.first?.asString ?? "").split(separator: "\n").map(String.init), Int(r.last?.asDouble ?? 0))
        }
        var differentRuns = 0, compared = 0
        for seed in 1...8 {
            let attack = try detections("s:policy('Russia', function(v) if v.turn == 1 then return { rung = 5 } end end)", seed: seed)
            let doctrine = try detections("", seed: seed, turns: attack.turn)
            #expect(doctrine.events == attack.events, "seed \(seed)")
            compared += doctrine.events.count
            if try detections("", seed: seed + 100, turns: attack.turn).events != doctrine.events { differentRuns += 1 }
        }
        #expect(compared > 0)  // there were detections to compare
        #expect(differentRuns > 0)  // and they do depend on the seed
    }
}
