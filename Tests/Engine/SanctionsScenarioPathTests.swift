import Foundation
import Testing
@testable import WargameKit

/// What a scenario's turn uses of the sanctions model (issue 14: a turn without per-package
/// reports, the GDP loss read through the plan, records found where the plan expects them,
/// event lines written in one piece) gives what the full model gives, bit for bit: on the
/// random configurations of `SanctionsReferenceTests`, and on a state loaded from its saved
/// form, whose records come back sorted rather than in the order the plan expects.
@Suite struct SanctionsScenarioPathTests {
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }

    @Test func aTurnWithoutPackageReportsKeepsTheStateTheDrawsAndTheEvents() throws {
        var g = SeededGenerator(seed: 1414)
        var events = 0, losses = 0
        for _ in 0..<40 {
            var full = try SanctionsReferenceTests.model(&g)
            var lean = full
            var planFull: SanctionsPlan?, planLean: SanctionsPlan?
            var rngFull = SeededGenerator(seed: Int64(bitPattern: g.next())), rngLean = rngFull
            for turn in 0..<24 {
                let a = full.advance(turn: turn, rng: &rngFull, plan: &planFull)
                let b = lean.advance(turn: turn, rng: &rngLean, plan: &planLean, packageReports: false)
                #expect(b.events == a.events && b.detections == a.detections && b.exits == a.exits, "turn \(turn)")
                #expect(b.packages.isEmpty && b.targetGDPLoss.isEmpty)
                #expect(lean.state == full.state, "turn \(turn)")
                #expect(rngLean == rngFull)
                events += b.events.count
                for s in SanctionsReferenceTests.states + ["XX"] {
                    let pct = lean.gdpLossPct(s)
                    #expect(Self.same(lean.gdpLossPct(s, plan: planLean), pct), "\(s) on turn \(turn)")
                    if pct > 0 { losses += 1 }
                }
            }
        }
        // What is compared happens: events, and losses read through the plan.
        #expect(events > 20 && losses > 1000, "\(events) events, \(losses) losses")
    }

    @Test func aLoadedStateGoesOnAsTheStateItWasSavedFrom() throws {
        var g = SeededGenerator(seed: 2828)
        var compared = 0
        for _ in 0..<30 {
            var model = try SanctionsReferenceTests.model(&g)
            var plan: SanctionsPlan?
            var rng = SeededGenerator(seed: Int64(bitPattern: g.next()))
            for turn in 0..<8 { _ = model.advance(turn: turn, rng: &rng, plan: &plan, packageReports: false) }

            // Saved and loaded: the records come back with their keys sorted.
            var loaded = model
            loaded.state = try JSONDecoder().decode(SanctionsState.self, from: JSONEncoder().encode(model.state))
            #expect(loaded.state == model.state)
            for s in SanctionsReferenceTests.states {
                #expect(Self.same(loaded.gdpLossPct(s, plan: plan), model.gdpLossPct(s)), "\(s)")
            }
            // Both go on with the same plan, one finding its records where the plan expects them.
            var planLoaded = plan, rngLoaded = rng
            for turn in 8..<16 {
                let a = model.advance(turn: turn, rng: &rng, plan: &plan, packageReports: false)
                let b = loaded.advance(turn: turn, rng: &rngLoaded, plan: &planLoaded, packageReports: false)
                #expect(a == b && loaded.state == model.state && rngLoaded == rng, "turn \(turn)")
                compared += 1
            }

            // A GDP changed after the plan was made is the one used.
            guard let target = model.packages.first?.target, model.gdpLossPct(target) > 0 else { continue }
            let before = loaded.gdpLossPct(target, plan: planLoaded)
            loaded.gdp[target, default: 0] *= 2
            #expect(Self.same(loaded.gdpLossPct(target, plan: planLoaded), loaded.gdpLossPct(target)))
            #expect(loaded.gdpLossPct(target, plan: planLoaded) < before)
        }
        #expect(compared > 100)
    }

    @Test func eventLinesReadAsTheirInterpolation() {
        for (member, alignment) in [("TUR", "Eurasian roundabout"), ("KZK", "a"), ("", ""),
                                    ("Türkiye", "Союз — alignment with a longer name than most"),
                                    ("ARM", "'quoted' (name)")] {
            for turn in [0, 3, 17, 1_000_000, -5, Int.max, Int.min] {
                let e = MemberEvent(member: member, alignment: alignment, turn: turn)
                #expect(e.logLine("detected in") == "\(member) detected in '\(alignment)' (turn \(turn))")
                #expect(e.logLine("leaves") == "\(member) leaves '\(alignment)' (turn \(turn))")
            }
        }
    }
}
