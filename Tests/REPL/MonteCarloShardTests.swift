import Foundation
import Testing

/// Shards run as separate processes through GNU parallel (Debian's `parallel`, installed by
/// `make deps`) and merged with `--merge` print exactly what one process prints.
@Suite struct MonteCarloShardTests {
    @Test func gnuParallelShardsMergeToTheSingleProcess() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["--runs", "30", "--turns", "15", "--seed", "11"]
        let single = try Programs.repl(common + ["--out", dir.appendingPathComponent("all.csv").path,
                                                 "--montecarlo", Programs.defaultScenario, "china=true"])
        #expect(single.status == 0, "\(single.stderr)")
        let shards = "\(Programs.shellQuoted(Programs.repl)) " + common.joined(separator: " ")
            + " --threads 1 --shard {}/3 --out \(Programs.shellQuoted(dir.path))/shard-{}.csv --montecarlo "
            + "\(Programs.shellQuoted(Programs.defaultScenario)) china=true"
        let p = try Programs.run("/bin/sh", ["-c", "parallel --will-cite --halt now,fail=1 -j 3 \(Programs.shellQuoted(shards)) ::: 1 2 3"],
                                 environment: ["NO_COLOR": "1"])
        #expect(p.status == 0, "parallel: \(p.stderr)")
        let files = (1...3).map { dir.appendingPathComponent("shard-\($0).csv").path }
        let merged = try Programs.repl(["--out", dir.appendingPathComponent("merged.csv").path, "--merge"] + files)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        #expect(try String(contentsOf: dir.appendingPathComponent("merged.csv"), encoding: .utf8)
                == String(contentsOf: dir.appendingPathComponent("all.csv"), encoding: .utf8))
        // A shard left out is an error, not a smaller summary.
        let short = try Programs.repl(["--merge"] + files.dropLast())
        #expect(short.status == 1)
        #expect(short.stderr.hasPrefix("wargame-repl: merge: run 3 of design row 1 is missing"), "\(short.stderr)")
    }

    /// `--sweep` on the command line: a grid from `--param`, one row per (design row, run),
    /// the SALib file beside it; its shards (over design rows and runs) merge to the whole.
    @Test func sweepFromTheCommandLine() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["--runs", "3", "--turns", "6", "--seed", "2", "--param", "csto=0,0.6", "--param", "visibility=0.1,0.3,0.9"]
        let whole = dir.appendingPathComponent("sweep.csv").path
        let single = try Programs.repl(common + ["--out", whole, "--sweep", Programs.defaultScenario, "china=true"])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(single.stdout.hasPrefix("6 design rows × 3 runs: 18 runs\nrow 1 csto=0 visibility=0.1: 3 runs"), "\(single.stdout)")
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 19)
        #expect(lines.first?.hasPrefix("design_row,run,seed,china,csto,visibility,ending,") == true)
        let salib = try String(contentsOf: dir.appendingPathComponent("sweep.salib.txt"), encoding: .utf8)
        #expect(salib.hasSuffix("\ncsto 0.0 0.6\nvisibility 0.1 0.9\n"), "\(salib)")
        var files: [String] = []
        for k in 1...4 {
            let f = dir.appendingPathComponent("part-\(k).jsonl").path
            let r = try Programs.repl(common + ["--shard", "\(k)/4", "--out", f, "--sweep", Programs.defaultScenario, "china=true"])
            #expect(r.status == 0, "\(r.stderr)")
            files.append(f)
        }
        let merged = dir.appendingPathComponent("merged.csv").path
        let m = try Programs.repl(["--merge"] + files + ["--out", merged])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try String(contentsOfFile: merged, encoding: .utf8) == String(contentsOfFile: whole, encoding: .utf8))
        #expect(m.stdout.hasPrefix("design row 1: china=true csto=0 visibility=0.1\n3 runs\n"), "\(m.stdout)")
        // Mistyped options and stray words are reported, not ignored.
        let typo = try Programs.repl(["--rnus", "3", "--sweep", Programs.defaultScenario])
        #expect(typo.status == 1 && typo.stderr.hasPrefix("wargame-repl: unrecognized option '--rnus'"), "\(typo.stderr)")
        let stray = try Programs.repl(["--montecarlo", Programs.defaultScenario, "china"])
        #expect(stray.status == 1 && stray.stderr.hasPrefix("wargame-repl: 'china' after --montecarlo FILE"), "\(stray.stderr)")
    }
}
