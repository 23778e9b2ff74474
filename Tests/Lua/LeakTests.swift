import Foundation
import Testing
@testable import WargameKit

/// No leaks: 10,000 turns stepped from Lua, in cycles of fork, step, undo, rewind and
/// dropped forks, leave the Lua heap and the process's resident memory flat.
@Suite(.serialized) struct LeakTests {
    static let setup = """
        s = wg.scenario{ name = "leak", seed = 9, rung = 2, turns = 1000000,
                         doctrine = { ceasefire_rung = -1, capitulation_odds = 0, breakpoint = 0 } }
        s:side("East", {"RUS", "BLR"})
        s:side("West", {"USA", "UKG"})
        s:trade{ from = "CHN", to = "RUS", value = 115 }
        s:economy{ RUS = { gdp = 1780 } }
        s:sanction{ name = "G7", by = {"USA", "UKG"}, target = "RUS", coverage = 0.6 }
        s:policy("RUS", function(v) return (v.turn % 7 == 0 and v.rung < 4) and "escalate" or "deescalate" end)
        s:policy("USA", function(v) return "deescalate" end)
        s:on("turn", function(r) local _ = r.summary .. #r.events end)
        turns = 0
        function cycle()
            for k = 1, 5 do
                local f = s:fork()
                f:step(100)
                for i = 1, 10 do f:undo() end
                assert(f.ended == nil and f.turn == 90, f.ended) f:rewind(20)
                local g = f:fork()
                g:step(10)
                g:balance("RUS", "USA"); g:damage("RUS"); g:log()
                turns = turns + 110 + 0 * #tostring(g)
            end
            s:step(1); s:undo()
            collectgarbage(); collectgarbage()
            return turns
        end
        """

    /// Resident set size in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    @Test func tenThousandTurnsWithForksAndUndosStayFlat() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        try lua.run(Self.setup)
        var heap: [Int] = [], rss: [Int] = []
        var turns = 0
        while turns < 10_000 {
            let r = try lua.run("return cycle()")
            turns = Int(r.first?.asDouble ?? 10_000)
            heap.append(lua.memoryUsed)
            rss.append(Self.residentBytes())
        }
        #expect(turns >= 10_000)
        #expect(heap.count >= 18)
        // Compare the last cycles with the first ones (after one warm-up cycle).
        func mean(_ a: ArraySlice<Int>) -> Int { a.reduce(0, +) / max(a.count, 1) }
        let firstHeap = mean(heap[1..<5]), lastHeap = mean(heap.suffix(4))
        let firstRSS = mean(rss[1..<5]), lastRSS = mean(rss.suffix(4))
        #expect(lastHeap - firstHeap < 64 * 1024, "Lua heap \(firstHeap) -> \(lastHeap) bytes")
        #expect(lastRSS - firstRSS < 4 << 20, "resident \(firstRSS) -> \(lastRSS) bytes")
    }
}
