import Testing
@testable import WargameKit

/// A turn's report refills the previous report's damage dictionary, in place when the
/// sanctions targets are the same (issue 14's profile). Whatever packages come and go
/// between turns, it must hold exactly the current targets, each with its damage.
@Suite struct TurnDamageTests {
    @Test func damageHoldsTheCurrentTargetsAsPackagesComeAndGo() throws {
        var s = try TurnGoldenTests.base("{}").scenario
        let hooks = StepHooks(policies: [0: { $0.rung < 2 ? .rung(2) : .hold }])
        var seen: Set<Set<String>> = []
        for turn in 1...10 {
            switch turn {
            case 3:  // a second target
                s.sanctions.gdp["KZK"] = 200  // illustrative
                s.sanctions.packages.append(SanctionPackage(name: "on KZK", sanctioners: ["USA"], target: "KZK", coverage: 0.5))
            case 5:  // a second package on a target already sanctioned: still one entry
                s.sanctions.packages.append(SanctionPackage(name: "more on RUS", sanctioners: ["CAN"], target: "RUS", coverage: 0.3))
            case 7:  // the first package lifted: RUS stays a target through the other
                s.sanctions.packages.removeFirst()
            case 9:  // every package on RUS lifted
                s.sanctions.packages.removeAll { $0.target == "RUS" }
            default:
                break
            }
            try s.sanctions.validate()
            let report = try s.step(hooks, atomic: turn.isMultiple(of: 2))
            let targets = Set(s.sanctions.packages.map(\.target))
            seen.insert(targets)
            #expect(Set(report.damagePct.keys) == targets, "turn \(turn)")
            for t in targets {
                #expect(report.damagePct[t] == s.sanctions.gdpLossPct(t), "turn \(turn): \(t)")
            }
        }
        #expect(seen == [["RUS"], ["RUS", "KZK"], ["KZK"]])
    }
}
