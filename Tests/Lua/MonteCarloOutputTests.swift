import Foundation
import Testing
@testable import WargameKit

/// `wg.montecarlo` and `wg.sweep` from Lua: which failure is reported, mistyped fields,
/// the per-run files (read back as R's read.csv or pandas would), shards and sweeps.
@Suite struct MonteCarloOutputTests {
    static let script = Programs.defaultScenario

    static func state() throws -> LuaState {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        return lua
    }

    /// A scenario whose East policy fails in about a fifth of the runs (math.random is
    /// reseeded from each run's seed, so which runs fail depends on the seed only).
    static func flakyScript(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("flaky.lua").path
        try """
            local s = wg.scenario{ name = "flaky", seed = 1, turns = 5 }
            s:side("West", {"USA"})
            s:side("East", {"RUS"})
            s:policy("East", function(view)
              if math.random() < 0.04 then error("flaky policy", 0) end
              return "hold"
            end)
            return s
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Several runs fail; whatever the thread count, and however often it is tried, the
    /// error names the same run, the lowest-numbered failing one (what one thread finds).
    @Test func lowestFailingRunIsReported() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flaky = try Self.flakyScript(in: dir)
        let lua = try Self.state()
        var messages: Set<String> = []
        for threads in [1, 2, 1, 2, 2, 2] {
            let r = try lua.run("return select(2, pcall(wg.montecarlo, { script = '\(flaky)', runs = 40, seed = 9, threads = \(threads) }))")
            messages.insert(r.first?.asString ?? "no error")
        }
        #expect(messages.count == 1, "\(messages)")
        let message = messages.first ?? ""
        #expect(message.contains("montecarlo: run ") && message.contains("flaky policy"), "\(message)")
        // It is the lowest: no run below it fails (each run alone, by its seed).
        let reported = Int(message.split(separator: "run ").last?.split(separator: " ").first ?? "") ?? 0
        #expect(reported > 1, "the script should fail on a later run, not the first: \(message)")
        let counts = try lua.run("return wg.montecarlo{ script = '\(flaky)', runs = \(reported - 1), seed = 9, threads = 2 }.runs")
        #expect(counts.first?.int == Int64(reported - 1))
    }

    /// A mistyped field is an error naming it (and the nearest right one), not a default.
    @Test func unknownFieldsAreErrors() throws {
        let lua = try Self.state()
        let r = try lua.run("""
            return select(2, pcall(wg.montecarlo, { script = '\(Self.script)', rnus = 10 })),
                   select(2, pcall(wg.sweep, { script = '\(Self.script)', parms = {} })),
                   select(2, pcall(wg.montecarlo, { script = '\(Self.script)', 'x' }))
            """)
        #expect(r[0].asString?.hasPrefix("bad argument #1 to 'montecarlo' (unknown field 'rnus'; did you mean 'runs'?") == true, "\(r[0])")
        #expect(r[1].asString?.contains("(unknown field 'parms'; did you mean 'params'?") == true, "\(r[1])")
        #expect(r[2].asString?.contains("unknown field '[1]'") == true, "\(r[2])")
    }

    /// A strict RFC 4180 reader, written apart from the engine's, as R's read.csv and
    /// pandas.read_csv read: a header, then records of as many fields.
    static func readCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text), i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" && i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 }
                else if c == "\"" { quoted = false }
                else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" { record.append(field); records.append(record); record = []; field = "" }
            else { field.append(c) }
            i += 1
        }
        chars = []
        return records
    }

    /// `out = "runs.csv"`: one row per run with the documented columns; the rows carry the
    /// variant's parameters and each run's seed; `.jsonl` gives one JSON object per run.
    @Test func perRunOutput() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("runs.csv").path, jsonl = dir.appendingPathComponent("runs.jsonl").path
        let lua = try Self.state()
        let r = try lua.run("""
            local a = wg.montecarlo{ script = '\(Self.script)', args = { china = true, visibility = 0.3 }, runs = 12, turns = 10,
                                     seed = 4, threads = 2, out = '\(csv)' }
            local b = wg.montecarlo{ script = '\(Self.script)', args = { china = true, visibility = 0.3 }, runs = 12, turns = 10,
                                     seed = 4, threads = 1, out = '\(jsonl)' }
            return a.out, a.summary == b.summary
            """)
        #expect(r == [.string(csv), .boolean(true)])
        let records = Self.readCSV(try String(contentsOfFile: csv, encoding: .utf8))
        #expect(records.first == ["design_row", "run", "seed", "china", "visibility", "ending", "end_turn", "highest_rung",
                                  "highest_rung_name", "ladder_rungs", "threshold_crossed", "gdp_loss_pct", "started_war", "error"])
        #expect(records.count == 13)
        #expect(records.allSatisfy { $0.count == 14 })
        let rows = records.dropFirst()
        #expect(rows.map { $0[1] } == (1...12).map(String.init))
        #expect(rows.map { $0[2] } == (0..<12).map { String(MonteCarlo.seed(4, run: $0)) })
        #expect(rows.allSatisfy { $0[3] == "true" && $0[4] == "0.3" && $0[6] == "10" && Double($0[11]) != nil && $0[12] == "" })
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["ending"] is String && object?["highest_rung"] is NSNumber && object?["china"] != nil)
        }
    }

    /// Files are not written from the sandbox, and a bad name is refused before any run.
    @Test func outputRefusals() throws {
        let sandboxed = try Sandbox.makeState()
        let r = try sandboxed.run("return select(2, pcall(wg.montecarlo, { script = 'x.lua', out = 'runs.csv' }))")
        #expect(r.first?.asString?.contains("reads or writes files, which the sandbox does not allow") == true, "\(r)")
        let lua = try Self.state()
        let bad = try lua.run("return select(2, pcall(wg.montecarlo, { script = '\(Self.script)', out = 'runs.txt' }))")
        #expect(bad.first?.asString?.contains("field 'out' must name a .csv or .jsonl file") == true, "\(bad)")
    }

    /// Shards of a call, merged, are the call: same rows, same summary, bit for bit.
    @Test func shardsMergeToTheSingleCall() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lua = try Self.state()
        let whole = dir.appendingPathComponent("all.csv").path
        _ = try lua.run("wg.montecarlo{ script = '\(Self.script)', runs = 23, turns = 12, seed = 8, out = '\(whole)' }")
        var tables: [(file: String, table: RunTable)] = []
        for k in 1...3 {
            let path = dir.appendingPathComponent("s\(k).jsonl").path
            let n = try lua.run("return wg.montecarlo{ script = '\(Self.script)', runs = 23, turns = 12, seed = 8, shard = '\(k)/3', out = '\(path)' }.runs")
            #expect(n.first?.int == Int64(Shard(index: k, count: 3).size(of: 23)))
            tables.append((path, try RunTable.read(path)))
        }
        let merged = try RunTable.merged(tables.reversed())
        let single = try RunTable.read(whole)
        #expect(merged == single)
        #expect(merged.summaries().first?.summary == MonteCarlo.summarise(single.rows.map(\.run), requested: 23))
    }

    /// A grid sweep: one row per (design row, run), seeds from both, failed runs kept with
    /// their error, a SALib parameter file beside the output.
    @Test func gridSweep() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("sw.lua").path
        try """
            local opts = wg.options(...)
            if opts.visibility == 0.9 and opts.reliability == 1 then error("no such variant", 0) end
            return dofile('\(Self.script)', opts)
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("sweep.csv").path
        let lua = try Self.state()
        let r = try lua.run("""
            local sw = wg.sweep{ script = '\(script)', params = { reliability = {0, 1}, visibility = {0.1, 0.3, 0.9} },
                                 runs = 3, turns = 5, seed = 2, out = '\(out)' }
            return #sw.rows, sw.runs, sw.failed, sw.salib, sw.rows[1].params.reliability, sw.rows[1].summary.runs
            """)
        #expect(r == [.integer(6), .integer(18), .integer(3), .string(dir.appendingPathComponent("sweep.salib.txt").path),
                      .integer(0), .integer(3)])
        let records = Self.readCSV(try String(contentsOfFile: out, encoding: .utf8))
        #expect(records.count == 19)
        let header = records[0]
        let col = { (name: String) in header.firstIndex(of: name)! }
        let failed = records.dropFirst().filter { !$0[col("error")].isEmpty }
        #expect(failed.count == 3 && failed.allSatisfy { $0[col("error")].contains("no such variant") && $0[col("ending")] == "error" })
        #expect(Set(records.dropFirst().map { $0[col("seed")] }).count == 18)  // seeds differ across rows and runs
        #expect(records[1][col("seed")] == String(MonteCarlo.seed(MonteCarlo.seed(2, run: 0), run: 0)))
        let salib = try String(contentsOfFile: dir.appendingPathComponent("sweep.salib.txt").path, encoding: .utf8)
        #expect(salib.contains("\nreliability 0.0 1.0\nvisibility 0.1 0.9\n"), "\(salib)")
    }

    /// A sweep of many rows with few runs, as a Latin hypercube makes them: its per-run file
    /// is the same byte for byte on one thread, on two (whose workers take a row's runs
    /// together, loading the script once for them) and from two shards put together.
    @Test func sweepRowsAreTheSameWhateverTheThreadsAndShards() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lua = try Self.state()
        func sweep(_ name: String, _ extra: String) throws -> String {
            let out = dir.appendingPathComponent(name).path
            _ = try lua.run("""
                wg.sweep{ script = '\(Self.script)', params = { csto = {0, 0.6}, visibility = {0.1, 0.9} }, design = "lhs",
                          samples = 24, runs = 3, turns = 6, seed = 5, out = '\(out)'\(extra) }
                """)
            return try String(contentsOfFile: out, encoding: .utf8)
        }
        let one = try sweep("one.csv", ", threads = 1"), two = try sweep("two.csv", ", threads = 2")
        #expect(Self.readCSV(one).count == 24 * 3 + 1)
        #expect(one == two)
        let shards = try [sweep("s1.csv", ", threads = 2, shard = '1/2'"), sweep("s2.csv", ", threads = 2, shard = '2/2'")]
        var rows = shards.flatMap { Self.readCSV($0).dropFirst() }
        let header = Self.readCSV(one)[0]
        let (row, run) = (header.firstIndex(of: "design_row")!, header.firstIndex(of: "run")!)
        rows.sort { (Int($0[row])!, Int($0[run])!) < (Int($1[row])!, Int($1[run])!) }
        #expect(rows == Array(Self.readCSV(one).dropFirst()))
    }

    /// A Latin hypercube sweep and a design read from a file.
    @Test func lhsAndFileDesigns() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let design = dir.appendingPathComponent("design.csv").path
        try "coverage,visibility\n0.2,0.1\n0.8,0.9\n".write(toFile: design, atomically: true, encoding: .utf8)
        let lua = try Self.state()
        let r = try lua.run("""
            local a = wg.sweep{ script = '\(Self.script)', params = { coverage = {0.2, 0.8} }, design = "lhs", samples = 4,
                                runs = 2, turns = 3 }
            local b = wg.sweep{ script = '\(Self.script)', design = '\(design)', runs = 2, turns = 3 }
            local inside = true
            for _, row in ipairs(a.rows) do inside = inside and row.params.coverage >= 0.2 and row.params.coverage <= 0.8 end
            return #a.rows, a.runs, inside, #b.rows, b.rows[2].params.visibility,
                   select(2, pcall(wg.sweep, { script = '\(Self.script)', params = { coverage = {0.2} }, design = "lhs", samples = 2 }))
            """)
        #expect(Array(r.prefix(5)) == [.integer(4), .integer(8), .boolean(true), .integer(2), .number(0.9)])
        #expect(r[5].asString?.contains("field 'params.coverage' must be {lower, upper} with design = \"lhs\"") == true, "\(r[5])")
    }
}

private extension LuaValue {
    var int: Int64? { if case .integer(let i) = self { return i } else { return nil } }
}
