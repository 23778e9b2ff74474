import CLua
import WargameKit

// `--montecarlo FILE`.
extension CommandLineTool {
    /// `--montecarlo FILE`: `print(wg.montecarlo{...})`; the summary prints itself.
    static func runMonteCarlo(_ file: String, _ o: Options, state: LuaState) -> Bool {
        attempt(state) {
            try state.load("""
                local script, runs, turns, threads = ...
                print(wg.montecarlo{ script = script, runs = runs, turns = turns, threads = threads, seed = wg.seed })
                """, name: "=(--montecarlo)")
            state.push(.string(file))
            state.push(.integer(o.monteCarlo.runs ?? 1000))
            state.push(o.monteCarlo.turns.map { .integer($0) } ?? .nil)
            state.push(o.monteCarlo.threads.map { .integer($0) } ?? .nil)
            try state.pcall(nargs: 4, nresults: 0)
        }
    }
}
