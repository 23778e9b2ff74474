import Foundation
import Testing
@testable import WargameKit

/// The history keeps its snapshots in a list shared by copies (issue 14): copies stay
/// independent, undo and rewind walk it, and a long one is released without recursion.
@Suite struct ScenarioHistoryTests {
    /// Two sides whose policies hold: turns are cheap and never end the run early.
    static func history(turns: Int) throws -> (ScenarioHistory, StepHooks) {
        var s = try Scenario(name: "history", seed: 5, capabilities: try Bundled.capabilities(), warheads: [:],
                             rung: 3, turnLimit: turns)
        try s.setSide(Side(name: "A", members: ["USA"]))
        try s.setSide(Side(name: "B", members: ["RUS"]))
        let hold: (SideView) throws -> Move? = { _ in .hold }
        return (ScenarioHistory(s), StepHooks(policies: [0: hold, 1: hold]))
    }

    @Test func copiesUndoAndRewindStayIndependent() throws {
        var (h, hooks) = try Self.history(turns: 50)
        _ = try h.step(5, hooks: hooks)
        var copy = h
        _ = try copy.step(3, hooks: hooks)
        try h.undo()
        #expect(h.current.turn == 4 && h.turns == [0, 1, 2, 3, 4])
        #expect(copy.current.turn == 8 && copy.turns == Array(0...8))
        try copy.rewind(to: 2)
        #expect(copy.current.turn == 2 && copy.turns == [0, 1, 2])
        #expect(copy.current.log.allSatisfy { $0.turn <= 2 })
        #expect(h.current.turn == 4, "rewinding the copy left the original alone")
        // A save of either reads back equal.
        for x in [h, copy] {
            #expect(try SaveFile.decode(try SaveFile.encode(x), file: "x.wgs") == x)
        }
    }

    /// A long history is released node by node (``Snapshot``'s deinit), not by a recursion
    /// as deep as the history, which could exhaust a thread's stack.
    @Test func aLongHistoryIsReleasedWithoutRecursion() throws {
        var (h, hooks) = try Self.history(turns: 30_000)
        _ = try h.step(30_000, hooks: hooks)
        #expect(h.turns.count == 30_001)
        h = try Self.history(turns: 1).0  // the long list is released here
        #expect(h.turns == [0])
    }
}
