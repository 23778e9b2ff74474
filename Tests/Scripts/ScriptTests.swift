import Foundation
import Testing

/// The scripts in Scripts/ run as a user runs them, through wargame-repl.
@Suite struct ScriptTests {
    @Test func coalitionTableAnswersTheArticlesQuestion() throws {
        let r = try Programs.repl(["-e", "rows = dofile('Scripts/analysis/russia-coalitions.lua')",
                                   "-e", "for _, x in ipairs(rows) do io.write(string.format('%.6f %.6f %.6f\\n', x.a, x.b, x.a_attacking)) end"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").suffix(4).map { $0.split(separator: " ").compactMap { Double($0) } }
        #expect(lines.count == 4 && lines.allSatisfy { $0.count == 3 })
        guard lines.count == 4, lines.allSatisfy({ $0.count == 3 }) else { return }
        let russia = lines.map { $0[0] }, west = lines.map { $0[1] }, attacking = lines.map { $0[2] }
        // Belarus adds to Russia's power; the CSTO adds nothing while the bilateral Union
        // State covers (Belarus is the one ally that counts); the West's is the same.
        #expect(russia[1] > russia[0])
        #expect(russia[2] == russia[1])
        #expect(Set(west).count == 1)
        // A China pact restricted to a US attack counts when the US attacks (CHN CINC 2016
        // ≈ 0.23) and not at all when Russia attacks; nor do Russia's defence pacts.
        #expect(russia[3] - russia[2] > 0.1)
        #expect(Set(attacking).count == 1 && abs(attacking[0] - russia[0]) < 1e-12)
        #expect(r.stdout.contains("Russia alone") && r.stdout.contains("with a China pact"))
    }

    @Test func lowVisibilityAlignmentLeaksMore() throws {
        let r = try Programs.repl(["-e", "rows = dofile('Scripts/analysis/sanctions-visibility.lua')",
                                   "-e", "local x = rows[#rows] io.write(string.format('%.6f %.6f\\n', x.leaked_low, x.leaked_high))"])
        #expect(r.status == 0, "\(r.stderr)")
        let last = r.stdout.split(separator: "\n").last.map { $0.split(separator: " ").compactMap { Double($0) } } ?? []
        #expect(last.count == 2)
        if last.count == 2 { #expect(last[0] > last[1], "low \(last[0]) high \(last[1])") }
    }

    @Test func scriptFiguresAreMarkedOrSourced() throws {
        // Every line of the trade inputs that holds a number is marked illustrative.
        let text = try String(contentsOf: Programs.root.appendingPathComponent("Scripts/lib/russia-trade.lua"), encoding: .utf8)
        for line in text.split(separator: "\n") where line.contains("{ \"") && line.rangeOfCharacter(from: .decimalDigits) != nil {
            #expect(line.contains("illustrative"), "\(line)")
        }
    }

    /// Same seed, same run, in two separate processes: the whole log is identical.
    @Test func defaultScenarioReplaysAcrossProcesses() throws {
        let code = "s = dofile('Scripts/scenarios/default.lua') s:seed(3) s:step(40) for _, e in ipairs(s:log()) do print(e) end print(s.turn, s.rung, s.ended)"
        let a = try Programs.repl(["-e", code]), b = try Programs.repl(["-e", code])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.split(separator: "\n").count > 40)
        let other = try Programs.repl(["-e", code.replacingOccurrences(of: "s:seed(3)", with: "s:seed(4)")])
        #expect(other.stdout != a.stdout)
    }

    @Test func defaultScenarioTakesVariantArguments() throws {
        let r = try Programs.repl(["Scripts/scenarios/default.lua", "china=true", "turns=5"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try Programs.repl(["-e", "s = dofile('Scripts/scenarios/default.lua') print(s:balance('RUS', 'USA').a)",
                                   "-e", "c = loadfile('Scripts/scenarios/default.lua')({china = true}) print(c:balance('RUS', 'USA').a)"])
        let v = t.stdout.split(separator: "\n").compactMap { Double($0) }
        #expect(v.count == 2 && v[1] > v[0], "\(t.stdout) \(t.stderr)")
    }
}
