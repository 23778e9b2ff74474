import Foundation
import Testing
@testable import WargameKit

/// A turn reuses what the last one left (issue 14's profile): the policies' view of last
/// turn's events is the last report's, when the log ends with them; each side's move is
/// replaced in place, the doctrine refilling the arrays of its last choice; the turn's
/// events are written into the storage of the last turn's. None of it may show: the views
/// must hold what the log holds, and a report handed out before must not change when the
/// next turn is made, whether the turn is made in place or atomically.
@Suite struct TurnReuseTests {
    /// What the policies were shown, turn by turn.
    final class Seen {
        var recent: [Int: [Event]] = [:]
    }

    /// NATO answers on odd turns and leaves even turns to the doctrine, so its move switches
    /// between a policy's (no options) and the doctrine's; it records what it was shown.
    static func hooks(_ seen: Seen) -> StepHooks {
        StepHooks(policies: [0: { view in
            seen.recent[view.turn] = view.recentEvents
            return view.turn.isMultiple(of: 2) ? nil : (view.rung < 2 ? .rung(2) : .hold)
        }])
    }

    /// Every field of `report`, in an order that does not change between encodings.
    static func json(_ report: TurnReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(report)
    }

    /// The events of `turn` in `log`, read the long way.
    static func events(of turn: Int, in log: [Event]) -> [Event] { log.filter { $0.turn == turn } }

    @Test(arguments: [false, true])
    func viewsShowTheLogsEventsAndReportsStayAsHandedOut(atomic: Bool) throws {
        for args in ["{}", "{ visibility = 0.9, coverage = 1 }"] {
            var s = try TurnGoldenTests.base(args).scenario
            s.reseed(7)
            let seen = Seen(), hooks = Self.hooks(seen)
            var handedOut: [(report: TurnReport, json: Data)] = []
            var turns = 0
            while s.ending == nil && turns < 40 {
                let before = s.log
                // Every third turn the other way, so both paths meet what the other left.
                let report = try s.step(hooks, atomic: turns % 3 == 2 ? !atomic : atomic)
                turns += 1
                #expect(seen.recent[report.turn] == Self.events(of: report.turn - 1, in: before), "\(args) turn \(report.turn)")
                #expect(Array(s.log.suffix(report.events.count)) == report.events)
                handedOut.append((report, try Self.json(report)))
            }
            #expect(turns > 3)
            for (report, json) in handedOut {
                let now = try Self.json(report)
                #expect(now == json, "\(args): report of turn \(report.turn) changed: \(String(decoding: json, as: UTF8.self)) → \(String(decoding: now, as: UTF8.self))")
            }
        }
    }

    /// A turn made in place and the same turn made atomically agree, move for move, with
    /// the doctrine's options and chances.
    @Test func inPlaceAndAtomicTurnsAgree() throws {
        var a = try TurnGoldenTests.base("{ china = true }").scenario
        a.reseed(11)
        var b = a
        let hooks = Self.hooks(Seen())
        var doctrineMoves = 0
        while a.ending == nil && a.turn < 40 {
            let ra = try a.step(hooks, atomic: false)
            let rb = try b.step(hooks, atomic: true)
            #expect(ra == rb, "turn \(ra.turn)")
            doctrineMoves += ra.moves.filter { $0.source == .doctrine && $0.options?.isEmpty == false }.count
        }
        #expect(a.log == b.log)
        #expect(doctrineMoves > 2)
    }

    /// A turn made without logging (a Monte Carlo run) is the turn made with it: the same
    /// reports, and the same views of the last turn's events, read from the last report;
    /// the log keeps what it had, the start's events too.
    @Test func turnsWithoutTheLogAgree() throws {
        for args in ["{}", "{ china = true }", "{ visibility = 0.9, coverage = 1 }"] {
            var logged = try TurnGoldenTests.base(args).scenario
            logged.reseed(5)
            let seenLogged = Seen()
            _ = try logged.step(Self.hooks(seenLogged), atomic: false)  // a start with events in its log
            var unlogged = logged
            let start = logged.log
            let seenUnlogged = Seen()
            var turns = 0
            while logged.ending == nil && logged.turn < 40 {
                let a = try logged.step(Self.hooks(seenLogged), atomic: false)
                let b = try unlogged.step(Self.hooks(seenUnlogged), atomic: false, keepsLog: false)
                #expect(a == b, "\(args) turn \(a.turn)")
                #expect(seenLogged.recent[a.turn] == seenUnlogged.recent[b.turn], "\(args) turn \(a.turn)")
                turns += 1
            }
            #expect(unlogged.ending == logged.ending)
            #expect(unlogged.log == start)
            #expect(turns > 3)
            #expect(seenUnlogged.recent.values.contains { !$0.isEmpty })
        }
    }

    /// After an undo, or a log that does not end with the last report's events (a changed
    /// file), the view falls back on the log.
    @Test func viewsAfterUndoAndAnEditedLog() throws {
        var h = ScenarioHistory(try TurnGoldenTests.base("{}").scenario)
        let seen = Seen(), hooks = Self.hooks(seen)
        _ = try h.step(3, hooks: hooks)
        try h.undo()
        _ = try h.step(1, hooks: hooks)
        #expect(seen.recent[3] == Self.events(of: 2, in: h.current.log))

        var s = h.current
        s.log.removeLast()  // the log no longer ends with the last report's events
        let last = s.turn
        _ = try s.step(hooks, atomic: false)
        #expect(seen.recent[last + 1] == Array(Self.events(of: last, in: h.current.log).dropLast()))
    }
}
