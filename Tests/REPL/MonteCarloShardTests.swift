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
}
