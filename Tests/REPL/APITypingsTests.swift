import Foundation
import Testing
@testable import WargameKit

/// types/wargame.lua (annotations for the Lua language server) comes from the same entries
/// as `:help` and docs/lua-api.md, and the tables those entries describe are the tables
/// the API really returns.
@Suite struct APITypingsTests {
    static let file = Programs.root.appendingPathComponent("types/wargame.lua")

    /// Regenerate with `make typings`.
    @Test func typingsFileIsGeneratedFromTheReference() throws {
        let shipped = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(shipped == APIReference.typings(), "types/wargame.lua is stale: make typings")
        let r = try Programs.repl(["--typings"])
        #expect(r.status == 0)
        #expect(r.stdout == shipped)
    }

    /// What `luac -p` checks: the file compiles as Lua 5.4. And it declares every
    /// registered function and method, every table and enumeration.
    @Test func typingsCompileAndDeclareEveryName() throws {
        let lua = try LuaState()
        try lua.loadFile(Self.file.path)
        let text = APIReference.typings()
        for f in WargameModule.libraries.flatMap({ $0 }) {
            #expect(text.contains("\nfunction wg.\(f.name)("), "no wg.\(f.name) in the typings")
        }
        for m in ScenarioMethods.methods.map(\.name) + ["rung_name"] {
            #expect(text.contains("\nfunction Scenario:\(m)("), "no Scenario:\(m) in the typings")
        }
        for field in ScenarioMethods.fields { #expect(text.contains("\n---@field \(field) "), "no s.\(field)") }
        for e in APIReference.entries where e.group == .table || e.group == .parameters {
            let name = APIReference.typeName(of: e)
            #expect(text.contains("---@class \(name)\n") || text.contains("---@alias \(name)\n"), "no \(name)")
        }
        // Every function documented in the reference is typed: its parameters are known.
        for e in APIReference.entries where (e.group == .module || e.group == .scenario) && e.signature.contains("(") {
            #expect(!e.params.isEmpty || !e.returns.isEmpty || e.signature.contains("()"), "\(e.name) has no types")
        }
        // Every type a parameter, result or field names is declared.
        let declared = Set(text.split(separator: "\n").compactMap { line -> String? in
            for p in ["---@class ", "---@alias "] where line.hasPrefix(p) {
                return String(line.dropFirst(p.count).prefix(while: { $0 != " " }))
            }
            return nil
        })
        for e in APIReference.entries {
            for f in e.params + e.returns + e.fields {
                for name in Self.typeNames(f.type) where name != "wg" {
                    #expect(declared.contains(name), "\(e.name): \(f.name) names \(name), which is not declared")
                }
            }
        }
    }

    static func typeNames(_ type: String) -> [String] {
        var names: [String] = [], rest = Substring(type)
        while let r = rest.range(of: "wg.") {
            names.append("wg." + rest[r.upperBound...].prefix(while: { $0.isLetter || $0.isNumber }))
            rest = rest[r.upperBound...]
        }
        return names
    }

    /// The documented fields of each returned table are its real fields: none missing
    /// from the documentation, and every field not marked optional present. Read from
    /// tables the API returns to a running script.
    @Test func documentedFieldsAreTheRealOnes() throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let code = """
            local function keys(t) local k = {} for name in pairs(t) do k[#k + 1] = name end table.sort(k) return table.concat(k, " ") end
            local view
            local s = wg.scenario{ name = "fields", seed = 2, rung = 4, turns = 3 }
            s:side("West", { "USA", "UKG" })
            s:side("East", { "RUS", "BLR" })
            s:alliance{ name = "Union State", members = { "RUS", "BLR" }, format = "bilateral", reliability = 0.9 }
            s:economy{ RUS = { gdp = 1780 } }
            s:trade{ from = "USA", to = "RUS", value = 20 }
            s:sanction{ name = "p", by = { "USA" }, target = "RUS", coverage = 0.5 }
            s:alignment{ name = "a", members = { "TUR" }, beneficiary = "RUS", visibility = 0.3, commission = 0.1 }
            s:policy("West", function(v) view = v; return "escalate" end)
            local report = s:step(3)
            local b = s:balance("RUS", "USA")
            local d = s:damage("RUS")
            local caps = wg.capabilities()
            local sm = wg.montecarlo{ script = "\(Programs.root.path)/Scripts/scenarios/two-state-crisis.lua", runs = 2, threads = 1, turns = 3 }
            return {
              MonteCarloSummary = keys(sm), Quantiles = keys(sm.max_rung),
              View = keys(view), Report = keys(report), Event = keys(s:log()[1]), Balance = keys(b),
              SidePower = keys(b.side_a), Ally = keys(b.allies[1]), Damage = keys(d), StateCapabilities = keys(caps.USA),
              LanchesterResult = keys(wg.lanchester{ a = 1000, b = 800, alpha = 0.01, beta = 0.012, t = 500 }),
            }
            """
        guard case .table(let real) = try lua.run(code).first ?? .nil else { Issue.record("no result"); return }
        #expect(real.count == 11)
        for (name, keys) in real {
            let entryName = name.asString ?? ""
            guard let e = APIReference.entry(named: entryName), e.group == .table else {
                Issue.record("no entry for \(entryName)"); continue
            }
            let actual = Set((keys.asString ?? "").split(separator: " ").map(String.init))
            let documented = Set(e.fields.map(\.name))
            let required = Set(e.fields.filter { !$0.optional }.map(\.name))
            #expect(actual.subtracting(documented).isEmpty, "\(entryName): undocumented \(actual.subtracting(documented).sorted())")
            #expect(required.subtracting(actual).isEmpty, "\(entryName): documented but absent \(required.subtracting(actual).sorted())")
        }
    }
}
