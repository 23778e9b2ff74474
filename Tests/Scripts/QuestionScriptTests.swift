import Foundation
import Testing

/// The article's questions (Scripts/questions/), run as a user runs them, through
/// wargame-repl. Each asserts the direction the model or the literature states, with
/// sampling error accounted for where runs are random; never a figure from a run.
@Suite struct QuestionScriptTests {
    /// Runs a question script with `args` and prints `fields` of each returned row,
    /// one row a line; returns the printed table and the rows by their key.
    static func rows(_ script: String, _ args: [String], fields: [String]) throws -> (table: String, rows: [String: [Double]]) {
        let quoted = args.map { "'\($0)'" }.joined(separator: ", ")
        let show = fields.map { "tostring(r.\($0))" }.joined(separator: ", ")
        let r = try Programs.repl(["-e", "rows = loadfile('Scripts/questions/\(script).lua')(\(quoted))",
                                   "-e", "for _, r in ipairs(rows) do print('ROW', r.key, \(show)) end"])
        #expect(r.status == 0, "\(r.stderr)")
        var out: [String: [Double]] = [:]
        for line in r.stdout.split(separator: "\n") where line.hasPrefix("ROW\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            out[f[1]] = f.dropFirst(2).map { Double($0) ?? .nan }
        }
        return (r.stdout, out)
    }

    /// Two shares k1/n and k2/n differ by more than `z` standard errors (independent runs;
    /// the shared seeds make the runs positively correlated, so this is conservative).
    static func exceeds(_ k1: Double, _ k2: Double, runs n: Double, z: Double = 1.96) -> Bool {
        let p1 = k1 / n, p2 = k2 / n
        let se = ((p1 * (1 - p1) + p2 * (1 - p2)) / n).squareRoot()
        return p1 - p2 > z * se
    }

    /// A pact restricted to a US attack adds China's weight when the US attacks, nothing
    /// when Poland attacks without the US (an unrestricted pact does), and nothing when
    /// Russia attacks (a defence pact never covers its member's attack).
    @Test func chinaPactRestrictedToAUSAttack() throws {
        let (table, rows) = try Self.rows("china-pact", ["runs=30", "threads=1"], fields: ["power_us", "power_pol", "power_ru"])
        let none = try #require(rows["none"]), restricted = try #require(rows["restricted"]),
            unrestricted = try #require(rows["unrestricted"])
        #expect(restricted[0] - none[0] > 0.05)  // CHN 2016 CINC ≈ 0.23, weight 0.5
        #expect(restricted[1] == none[1])
        #expect(unrestricted[1] - restricted[1] > 0.05)
        #expect(unrestricted[0] == restricted[0])
        #expect(Set([none[2], restricted[2], unrestricted[2]]).count == 1)
        #expect(table.contains("Q1.") && table.contains("%") && table.contains("["), "\(table)")
    }

    /// Armenia's bilateral treaty is what it invokes when it has one; the CSTO otherwise;
    /// the multilateral treaty would bring more members' weight than the bilateral one.
    @Test func karabakhInvokesTheBilateralTreaty() throws {
        let r = try Programs.repl(["-e", "rows = loadfile('Scripts/questions/karabakh-2020.lua')('runs=40', 'threads=1')",
                                   "-e", "for _, r in ipairs(rows) do print('ROW', r.key, table.concat(r.invoked, '|'), r.power) end"])
        #expect(r.status == 0, "\(r.stderr)")
        var invoked: [String: String] = [:], power: [String: Double] = [:]
        for line in r.stdout.split(separator: "\n") where line.hasPrefix("ROW\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            invoked[f[1]] = f[2]
            power[f[1]] = Double(f[3])
        }
        #expect(invoked["both"] == "Russia-Armenia treaty")
        #expect(invoked["bilateral"] == "Russia-Armenia treaty")
        #expect(invoked["csto"] == "CSTO Art. 4")
        #expect(invoked["neither"] == "")
        let both = try #require(power["both"]), csto = try #require(power["csto"]), neither = try #require(power["neither"])
        #expect(csto > both && both > neither)
        #expect(r.stdout.contains("Q2.") && r.stdout.contains("ends: breakpoint"))
    }

    /// Low visibility leaks more and costs Russia less than high visibility under the threat
    /// of secondary sanctions; without secondary sanctions visibility stops mattering and
    /// the loss is lowest. Percentiles over the runs: the whole low-visibility range lies
    /// below the high-visibility one.
    @Test func lowVisibilityAlignmentTakesAwayMoreDamage() throws {
        let (table, rows) = try Self.rows("sanctions-alignment", ["runs=60", "threads=1"], fields: ["p5", "p50", "p95", "leaked"])
        let low = try #require(rows["low-secondary"]), high = try #require(rows["high-secondary"])
        let lowNone = try #require(rows["low-none"]), highNone = try #require(rows["high-none"])
        #expect(low[2] < high[0], "low p95 \(low[2]) vs high p5 \(high[0])")
        #expect(low[3] > high[3])
        #expect(lowNone[1] < low[1] && highNone[1] < high[1])
        #expect(table.contains("% of annual GDP") && table.contains("USD bn"), "\(table)")
    }

    /// Allies add to Russia's power when it is attacked; China's forces in the theatre make
    /// Russia's front break less often (more than two standard errors apart).
    @Test func nuclearRelianceWithAllies() throws {
        let runs = 300.0
        let (table, rows) = try Self.rows("nuclear-reliance", ["runs=\(Int(runs))", "threads=1"], fields: ["power", "breakpoint", "use", "runs"])
        let none = try #require(rows["none"]), belarus = try #require(rows["belarus"])
        let csto = try #require(rows["csto"]), china = try #require(rows["china"])
        #expect(belarus[0] > none[0] && csto[0] >= belarus[0] && china[0] > 3 * csto[0])
        #expect(none[3] == runs && china[3] == runs)
        #expect(Self.exceeds(none[1], china[1], runs: runs), "breakpoint: alone \(none[1]), with China \(china[1]) of \(runs)")
        #expect(table.contains("Q4.") && table.contains("nuclear use"))
    }

    /// Members held for status stay and pay secondary sanctions; pragmatic ones leave when
    /// exposed. So a visible alignment of status members still leaks, and Russia loses less.
    @Test func statusMembersStayAndPay() throws {
        let (_, rows) = try Self.rows("status-allies", ["runs=60", "threads=1"], fields: ["p5", "p50", "p95", "member_cost", "left"])
        let pragmatic = try #require(rows["pragmatic-high"]), status = try #require(rows["status-high"])
        #expect(status[4] == 0 && pragmatic[4] > 0)
        #expect(status[3] > pragmatic[3])
        #expect(status[2] < pragmatic[0], "status p95 \(status[2]) vs pragmatic p5 \(pragmatic[0])")
    }

    /// Under --sandbox the scripts load their helpers through the served `require` and make
    /// their runs in-process (wg.montecarlo reads a file, which the sandbox refuses).
    @Test(arguments: ["china-pact", "karabakh-2020", "sanctions-alignment", "nuclear-reliance", "status-allies"])
    func runsInTheSandbox(_ script: String) throws {
        let r = try Programs.repl(["--sandbox", "--time-limit", "120", "Scripts/questions/\(script).lua", "runs=3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("in-process under --sandbox"), "\(r.stdout)")
    }

    /// A question script given a variant builds that scenario: run as a program it prints
    /// where it stands, and Monte Carlo workers load it the same way.
    @Test func aVariantIsAScenario() throws {
        let r = try Programs.repl(["Scripts/questions/nuclear-reliance.lua", "variant=belarus"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Baltic war (belarus)"), "\(r.stdout)")
        let bad = try Programs.repl(["Scripts/questions/nuclear-reliance.lua", "variant=nato"])
        #expect(bad.status == 1 && bad.stderr.contains("variant must be none, belarus, csto or china, got nato"), "\(bad.stderr)")
    }

    @Test func wilsonIntervalsMatchTheClosedForm() throws {
        // Wilson (1927) for 0/10, 5/10 and 10/10 at z = 1.96: published values (e.g. Newcombe
        // 1998, Table I: 0/10 gives 0-0.2775; 5/10 gives 0.2366-0.7634).
        let r = try Programs.repl(["-e", """
            local Q = dofile('Scripts/lib/questions.lua')
            for _, k in ipairs{ 0, 5, 10 } do print(string.format('%.4f %.4f', Q.wilson(k, 10))) end
            print(Q.count(0.425, 200), Q.count(1/3, 3))
            """])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "0.0000 0.2775\n0.2366 0.7634\n0.7225 1.0000\n85\t1\n", "\(r.stdout)")
    }
}
