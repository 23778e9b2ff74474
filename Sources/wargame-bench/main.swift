import Foundation
import WargameKit

// Benchmarks print figures; they are not tests (`make bench`, a release build, run from the
// repository's root). Sections, all by default, or those named on the command line:
//
//   accessors   a Lua call of an engine accessor against a pure-Lua call (the quality bar
//               of docs/architecture.md: at most 1.5×)
//   kernels     the engine's Lanchester and CINC against the same computations written in
//               plain Lua (bench/lanchester.lua, bench/cinc.lua)
//   montecarlo  runs per second of the default scenario on one thread and on every core,
//               and whether the summaries agree bit for bit; `runs=N`, `rounds=N` and
//               `threads=1,2` change the defaults (15 rounds of 5,000 runs: the fixed cost
//               of a call, a worker loading the script, about 5 ms, weighs little; 1 and
//               every core)
//   sweep       a Latin-hypercube sweep of many design rows with few runs each, rows and
//               runs per second on one thread and on every core (`rows=N`, `runs=N`,
//               `rounds=N`; defaults 200, 5 and 5)
//
// Each timing is the best of several repetitions, so that a busy machine disturbs it less.

let arguments = Array(CommandLine.arguments.dropFirst())
let settings = Dictionary(arguments.compactMap { a -> (String, String)? in
    let kv = a.split(separator: "=", maxSplits: 1).map(String.init)
    return kv.count == 2 ? (kv[0], kv[1]) : nil
}, uniquingKeysWith: { _, last in last })
let sections = Set(arguments.filter { !$0.contains("=") })
func wanted(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }

let lua = try LuaState()
WargameModule.install(in: lua)

if wanted("accessors") { try Accessors.run(lua) }
if wanted("kernels") { try Kernels.run(lua) }
if wanted("sweep") {
    try SweepBench.run(lua, rows: settings["rows"].flatMap { Int($0) } ?? 200,
                       runs: settings["runs"].flatMap { Int($0) } ?? 5,
                       rounds: settings["rounds"].flatMap { Int($0) } ?? 5)
}
if wanted("montecarlo") {
    try MonteCarloBench.run(lua, runs: settings["runs"].flatMap { Int($0) } ?? 5_000,
                            rounds: settings["rounds"].flatMap { Int($0) } ?? 15,
                            threads: settings["threads"].map { $0.split(separator: ",").compactMap { Int($0) } })
}
