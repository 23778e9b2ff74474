import Foundation
import WargameKit

/// A Lua call of an engine accessor against a pure-Lua call; each figure is the best of
/// five runs of `n` calls, less the cost of the empty loop.
enum Accessors {
    static let n = 5_000_000

    static func run(_ lua: LuaState) throws {
        try lua.run("""
            s = wg.scenario{ seed = 1 }
            s:side("A", {"USA"}); s:side("B", {"RUS"})
            -- the pure-Lua counterparts: an object whose method is found through a metatable
            local methods = { rung_name = function(self) return self.name end }
            o = setmetatable({ name = "crisis", turn = 0 }, { __index = methods })
            function f(x) return x end
            """, name: "=setup")

        func time(_ body: String) throws -> Double {
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
}
