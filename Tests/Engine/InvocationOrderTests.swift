import Foundation
import Testing
@testable import WargameKit

/// Commitments a side calls on by its own decision (an exercise team's `invoke`) and
/// answers decided instead of the reliability draw (`honour`, `abandon`), through the one
/// `Scenario.step` and its hooks. Non-nuclear sides, so nothing but the orders moves the rung.
@Suite struct InvocationOrderTests {
    static let allies = ["UKG", "FRN", "GMY"]

    /// A (USA) and B (RUS), with A's defence pact "Pact" binding the three allies.
    static func scenario(seed: Int64, reliability: Double) throws -> Scenario {
        var s = try Scenario(name: "invoke", seed: seed, capabilities: try Bundled.capabilities(), warheads: [:])
        try s.setSide(Side(name: "A", members: ["USA"]))
        try s.setSide(Side(name: "B", members: ["RUS"]))
        try s.addAlliance(Alliance(name: "Pact", members: ["USA"] + allies, obligation: .defense, reliability: reliability))
        return s
    }

    /// Both sides hold, except `attacker`, which goes to the first war rung at turn 2.
    static func hooks(turn: Int, war: Int, attacker: Int) -> StepHooks {
        var h = StepHooks()
        for i in 0..<2 { h.policies[i] = { _ in turn == 2 && i == attacker ? .rung(war) : .hold } }
        return h
    }

    /// Plays turns 1 and 2; `invoke` is A's invocation at turn 1.
    static func play(seed: Int64, reliability: Double, attacker: Int, invoke: Bool,
                     answers: [String: Bool] = [:]) throws -> Scenario {
        var s = try scenario(seed: seed, reliability: reliability)
        let war = try #require(s.ladder.firstWarRung)
        var h1 = hooks(turn: 1, war: war, attacker: attacker)
        if invoke { h1.invocations = [0: ["Pact"]] }
        h1.answers = answers
        _ = try s.step(h1)
        var h2 = hooks(turn: 2, war: war, attacker: attacker)
        h2.answers = answers
        _ = try s.step(h2)
        #expect(s.ladder.isWar(s.rung) && s.combat != nil)
        return s
    }

    static func honoured(_ s: Scenario) -> [String] {
        s.invocations.flatMap(\.responses).filter(\.honoured).map(\.state)
    }

    @Test func anInvokedAllianceAnswersOnceWithTheDrawAnAttackWouldHaveMade() throws {
        var sawBoth = (yes: false, no: false)
        for seed in Int64(1)...20 {
            // B attacks A at turn 2: without the invocation, A's pact is invoked then.
            let drawn = try Self.play(seed: seed, reliability: 0.5, attacker: 1, invoke: false)
            let invoked = try Self.play(seed: seed, reliability: 0.5, attacker: 1, invoke: true)
            let before = try #require(invoked.invocations.first)
            #expect(before.turn == 1 && before.side == "A" && before.invokedBy == "USA")
            #expect(before.responses.map(\.state) == Self.allies)
            // Called once: the attack at turn 2 calls none of them again.
            #expect(invoked.invocations.count == 1)
            // The same seeded draw on the alliances stream, whichever turn calls them.
            #expect(before.responses == drawn.invocations.first?.responses)
            // Those who honoured join A's forces when the fighting starts.
            #expect(invoked.combat?[0].joined == Self.honoured(invoked))
            #expect(invoked.combat?[0].joined == drawn.combat?[0].joined)
            let n = Self.honoured(invoked).count
            sawBoth.yes = sawBoth.yes || n > 0
            sawBoth.no = sawBoth.no || n < Self.allies.count
            #expect(invoked.log.contains { $0.turn == 1 && $0.kind == .alliance && $0.text.hasPrefix("Pact invoked by USA before any attack") })
        }
        #expect(sawBoth.yes && sawBoth.no)  // reliability 0.5 over 20 seeds: some honour, some decline
    }

    @Test func anAttackerWhoInvokedItsDefencePactBringsAlliesTheAttackAloneWouldNot() throws {
        for seed in Int64(1)...5 {
            // A attacks at turn 2: an attack calls the attacker's offence pacts only.
            let drawn = try Self.play(seed: seed, reliability: 1, attacker: 0, invoke: false)
            #expect(drawn.invocations.allSatisfy { $0.side != "A" })
            #expect(drawn.combat?[0].joined == [])
            let invoked = try Self.play(seed: seed, reliability: 1, attacker: 0, invoke: true)
            #expect(invoked.combat?[0].joined == Self.allies)
            #expect(invoked.combat![0].initial > drawn.combat![0].initial)
        }
    }

    @Test(arguments: [(0.0, true), (1.0, false)])
    func aDecidedAnswerReplacesTheDrawAndLeavesTheOtherDrawsAlone(reliability: Double, decided: Bool) throws {
        for seed in Int64(1)...5 {
            for invoke in [false, true] {
                let drawn = try Self.play(seed: seed, reliability: reliability, attacker: 1, invoke: invoke)
                #expect(Self.honoured(drawn) == (decided ? [] : Self.allies))
                let overruled = try Self.play(seed: seed, reliability: reliability, attacker: 1, invoke: invoke,
                                              answers: ["Pact": decided])
                #expect(Self.honoured(overruled) == (decided ? Self.allies : []))
                #expect(overruled.combat?[0].joined == (decided ? Self.allies : []))
                // The draw is made all the same: every stream stands where it stood.
                #expect(overruled.streams == drawn.streams)
            }
        }
    }
}
