import Foundation
import WargameKit

// Benchmarks print figures; they are not tests (`make bench`, a release build). The
// quality bar of docs/architecture.md: a Lua call of an engine accessor costs at most 1.5× a call
// of a pure-Lua function. Each figure is the best of five runs of N calls.

let n = 5_000_000
let lua = try LuaState()
WargameModule.install(in: lua)
try lua.run("""
    s = wg.scenario{ seed = 1 }
    s:side("A", {"USA"}); s:side("B", {"RUS"})
    -- the pure-Lua counterparts: an object whose method is found through a metatable
    local methods = { rung_name = function(self) return self.name end }
    o = setmetatable({ name = "crisis", turn = 0 }, { __index = methods })
    function f(x) return x end
    """, name: "=setup")

@MainActor func time(_ body: String) throws -> Double {
    let r = try lua.run("""
        local s, o, f, clock = s, o, f, os.clock
        local best = math.huge
        for run = 1, 5 do
            local t0 = clock()
            for i = 1, \(n) do \(body) end
            best = math.min(best, clock() - t0)
        end
        return best
        """, name: "=bench")
    return (r.first?.asDouble ?? .nan) / Double(n) * 1e9
}

let only = CommandLine.arguments.dropFirst().first
if only == nil || only == "accessors" {
let empty = try time("")
let rows: [(String, String)] = [
    ("pure-Lua function f(i)", "f(i)"),
    ("pure-Lua method o:rung_name()", "o:rung_name()"),
    ("engine accessor s:rung_name()", "s:rung_name()"),
    ("pure-Lua field o.turn", "local _ = o.turn"),
    ("engine field s.turn", "local _ = s.turn"),
]
print(String(format: "empty loop: %.1f ns per iteration (subtracted below)", empty))
var results: [String: Double] = [:]
for (label, body) in rows {
    let ns = try time(body) - empty
    results[label] = ns
    print(String(format: "%-34@ %7.1f ns/call", label as NSString, ns))
}
if let a = results["engine accessor s:rung_name()"], let f = results["pure-Lua function f(i)"],
   let m = results["pure-Lua method o:rung_name()"] {
    print(String(format: "accessor / pure-Lua function: %.2f×; accessor / pure-Lua method: %.2f× (bar: 1.5×)", a / f, a / m))
}

}
// Monte Carlo: runs per second on one thread and on every core, and whether the
// summaries agree bit for bit (they must: a quality bar of docs/architecture.md).
let cores = ProcessInfo.processInfo.activeProcessorCount
var summaries: [String] = []
for threads in Array(Set([1, cores])).sorted() {
    let start = Date()
    let r = try lua.run("""
        local sm = wg.montecarlo{ script = "Scripts/scenarios/default.lua", runs = 2000, turns = 20, seed = 1, threads = \(threads) }
        return string.format("%.17g %.17g", sm.gdp_loss_pct.mean, sm.max_rung.mean)
        """, name: "=montecarlo")
    let seconds = Date().timeIntervalSince(start)
    summaries.append(r.first?.asString ?? "")
    print(String(format: "montecarlo 2000 runs × 20 turns, %d thread(s): %.2f s, %.0f runs/s", threads, seconds, 2000 / seconds))
}
print("summaries identical across thread counts: \(Set(summaries).count == 1)")
