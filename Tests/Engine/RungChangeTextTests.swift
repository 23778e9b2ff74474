import Testing
@testable import WargameKit

/// The events of a change of rung asked by the sides are written byte by byte rather than
/// interpolated (issue 14's profile). They must read exactly as the interpolations they
/// replaced, whatever the rungs' names and the leaders (a script may name them in any script).
@Suite struct RungChangeTextTests {
    static let names = ["", "crisis", "limited conventional war", "эскалация", "核 signalling 🚀", "a\u{0}b",
                        String(repeating: "mobilisation ", count: 30)]

    @Test(arguments: names)
    func escalationReadsAsInterpolated(_ name: String) {
        let leaders: [[String]] = [[], ["RUS"], ["USA", "RUS"], [name, "CHN", String(name.dropFirst())]]
        for who in leaders {
            let text = TurnEventText.rungChange(from: name, to: "crisis", askedBy: who)
            #expect(text == "\(name) → crisis (asked by \(who.joined(separator: ", ")))")
            let lazy = TurnEventText.rungChange(from: "peace", to: name, askedBy: who.indices.lazy.map { who[$0] })
            #expect(lazy == "peace → \(name) (asked by \(who.joined(separator: ", ")))")
        }
    }

    @Test(arguments: names)
    func deescalationReadsAsInterpolated(_ name: String) {
        #expect(TurnEventText.rungChange(from: name, to: "peace", askedBy: nil as [String]?)
                == "\(name) → peace (every side asked for less)")
        let sliced = String(name.dropFirst(2).prefix(20))  // not native at its start
        #expect(TurnEventText.rungChange(from: "war", to: sliced, askedBy: nil as [String]?)
                == "war → \(sliced) (every side asked for less)")
    }
}
