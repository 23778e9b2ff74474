import Testing
@testable import WargameKit

/// The event that opens each turn is written byte by byte rather than interpolated
/// (issue 14's profile). It must read exactly as the interpolation it replaced, whatever
/// the turn, the rung and the rung's name (a script may name rungs in any script).
@Suite struct TurnEventTextTests {
    @Test(arguments: [0, 1, 9, 10, 11, 99, 100, 12_345, -1, -10, -305, Int.max, Int.min])
    func integersReadAsInterpolated(_ n: Int) {
        #expect(TurnEventText.make(turn: n, rungName: "crisis", rung: n) == "turn \(n): crisis (rung \(n))")
        #expect(TurnEventText.make(turn: 7, rungName: "crisis", rung: n) == "turn 7: crisis (rung \(n))")
    }

    @Test(arguments: ["", "peace", "limited conventional war", "эскалация", "核 signalling 🚀", "a\u{0}b"])
    func namesReadAsInterpolated(_ name: String) {
        #expect(TurnEventText.make(turn: 3, rungName: name, rung: 12) == "turn 3: \(name) (rung 12)")
    }

    /// A long name (a heap string) and a name sliced from a longer string (not native at
    /// its start) are copied whole.
    @Test func longAndSlicedNames() {
        let long = String(repeating: "mobilisation ", count: 40)
        #expect(TurnEventText.make(turn: 40, rungName: long, rung: 4) == "turn 40: \(long) (rung 4)")
        let sliced = String(long.dropFirst(3).prefix(20))
        #expect(TurnEventText.make(turn: 2, rungName: sliced, rung: 1) == "turn 2: \(sliced) (rung 1)")
    }
}
