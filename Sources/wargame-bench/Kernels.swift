import Foundation
import WargameKit

/// The engine's Lanchester and CINC against the same computations in plain Lua
/// (bench/lanchester.lua, bench/cinc.lua), ratio first. Both sides compute the same
/// figures, which is checked and printed, so the times compare like with like.
enum Kernels {
    /// The square-law engagement a turn of combat fights: 100 RK4 steps.
    static let engagement = (a: 1000.0, b: 800.0, alpha: 0.010, beta: 0.012, dt: 0.01, t: 1.0)

    static func run(_ lua: LuaState) throws {
        try lanchester(lua)
        try cinc(lua)
    }

    /// Best of five: seconds per call of `body`, timed over `n` calls.
    static func best(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<n { try body() }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best / Double(n)
    }

    /// Best of five in Lua (os.clock), seconds per call of `call`.
    static func bestInLua(_ lua: LuaState, _ n: Int, _ call: String) throws -> Double {
        let r = try lua.run("""
            local clock, best = os.clock, math.huge
            for run = 1, 5 do
                local t0 = clock()
                for i = 1, \(n) do \(call) end
                best = math.min(best, clock() - t0)
            end
            return best
            """, name: "=bench")
        return (r.first?.asDouble ?? .nan) / Double(n)
    }

    static func report(_ name: String, engine: Double, lua: Double, same: Bool) {
        print(String(format: "%@: engine %.2f× the time of plain Lua (engine %.0f ns, Lua %.0f ns); same results: %@",
                      name, engine / lua, engine * 1e9, lua * 1e9, same ? "yes" : "NO"))
    }

    static func lanchester(_ lua: LuaState) throws {
        let e = engagement
        let n = 20_000
        var sink = 0.0
        let engine = try best(n) {
            sink += try Lanchester.run(a: e.a, b: e.b, alpha: e.alpha, beta: e.beta, law: .square, dt: e.dt, t: e.t).a
        }
        let ours = try Lanchester.run(a: e.a, b: e.b, alpha: e.alpha, beta: e.beta, law: .square, dt: e.dt, t: e.t)
        try lua.run("lanchester = dofile('bench/lanchester.lua')", name: "=bench")
        let call = "lanchester(\(e.a), \(e.b), \(e.alpha), \(e.beta), \(e.dt), \(e.t))"
        let inLua = try bestInLua(lua, n, call)
        let r = try lua.run("local r = \(call); return r.a, r.b, r.t", name: "=bench")
        let same = r.count == 3 && r[0].asDouble == ours.a && r[1].asDouble == ours.b && r[2].asDouble == ours.t
        report("Lanchester (square law, 100 RK4 steps)", engine: engine, lua: inLua, same: same && sink.isFinite)
    }

    static func cinc(_ lua: LuaState) throws {
        let caps = try Bundled.capabilities()
        // The engine computes CINC when it builds a system (and indexes it by state code).
        let n = 2_000
        var sink = 0
        let engine = best(n) { sink &+= Capabilities(year: caps.year, states: caps.states).states.count }
        // The same states as a Lua array of component tables (a missing component is nil).
        var rows: [String] = []
        for s in caps.states {
            let fields = zip(StateCapabilities.componentNames, s.components).compactMap { name, v in
                v.map { "\(name) = \(String(format: "%.17g", $0))" }
            }
            rows.append("{ " + fields.joined(separator: ", ") + " }")
        }
        try lua.run("cinc = dofile('bench/cinc.lua'); states = { \(rows.joined(separator: ",\n")) }", name: "=bench")
        let inLua = try bestInLua(lua, n, "cinc(states)")
        let r = try lua.run("""
            local c = cinc(states)
            local out = {}
            for i = 1, #states do out[i] = c[i] or -1 end
            return out
            """, name: "=bench")
        let values = r.first?.asTable ?? [:]
        let same = caps.states.indices.allSatisfy { i in
            values[.integer(Int64(i + 1))]?.asDouble == (caps.states[i].cinc ?? -1)
        }
        report("CINC (\(caps.states.count) states, \(caps.year); the engine also indexes them by code)", engine: engine, lua: inLua, same: same && sink > 0)
    }
}
