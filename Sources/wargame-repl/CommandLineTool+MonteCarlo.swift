import CLua
import Foundation
import WargameKit

// `--montecarlo FILE`, `--sweep FILE` and `--merge FILE...`.
extension CommandLineTool {
    /// The scenario script's arguments: `k=v` words after FILE, as `wg.options` reads them.
    static func scriptArguments(_ o: Options) -> LuaValue {
        let words = (o.script.map { [$0] } ?? []) + o.scriptArgs
        var t: [LuaValue: LuaValue] = [:]
        for w in words {
            guard let eq = w.firstIndex(of: "="), eq != w.startIndex else { continue }
            let v = SweepDesign.Value(cell: String(w[w.index(after: eq)...]))
            t[.string(String(w[..<eq]))] = LuaValue(v)
        }
        return t.isEmpty ? .nil : .table(t)
    }


    /// Words after FILE that are not k=v: refused, so that a mistyped option is not ignored.
    static func strayWords(_ o: Options) -> String? {
        ((o.script.map { [$0] } ?? []) + o.scriptArgs).first { w in
            guard let eq = w.firstIndex(of: "=") else { return true }
            return eq == w.startIndex
        }
    }

    /// The fields every mode passes: runs, turns, threads, seed (`--seed`, in `wg.seed`), out, shard.
    static func commonFields(_ o: Options, script: String) -> [LuaValue: LuaValue] {
        let m = o.monteCarlo
        var t: [LuaValue: LuaValue] = [.string("script"): .string(script)]
        if let n = m.runs { t[.string("runs")] = .integer(n) }
        if let n = m.turns { t[.string("turns")] = .integer(n) }
        if let n = m.threads { t[.string("threads")] = .integer(n) }
        if let s = o.seed { t[.string("seed")] = .integer(s) }
        if let f = m.out { t[.string("out")] = .string(f) }
        if let s = m.shard { t[.string("shard")] = .string(s) }
        let args = scriptArguments(o)
        if args != .nil { t[.string("args")] = args }
        return t
    }

    /// Prints the result of `function(spec)`; a partial result (Ctrl-C) is printed, then
    /// reported as an error, so that a batch job does not take it for the whole.
    static func runMonteCarloFunction(_ function: String, spec: [LuaValue: LuaValue], state: LuaState) -> Bool {
        var partial: [LuaValue] = []
        let ran = attempt(state) {
            let top = lua_gettop(state.L)
            try state.load("""
                local spec = ...
                local r = wg.\(function)(spec)
                print(r)
                if r.partial then return r.runs + (r.failed or 0), r.requested end
                """, name: "=(--\(function))")
            state.push(.table(spec))
            try state.pcall(nargs: 1)
            partial = state.popResults(above: top)
        }
        guard ran else { return false }
        if partial.count == 2 {
            report("interrupted: \(partial[0]) of \(partial[1]) runs finished (the summary above is partial)")
            return false
        }
        return true
    }

    /// `--montecarlo FILE [k=v ...]`: `print(wg.montecarlo{...})`; the summary prints itself.
    static func runMonteCarlo(_ file: String, _ o: Options, state: LuaState) -> Bool {
        if let w = strayWords(o) { report("'\(w)' after --montecarlo FILE: expected key=value arguments for the script"); return false }
        return runMonteCarloFunction("montecarlo", spec: commonFields(o, script: file), state: state)
    }

    /// `--sweep FILE [k=v ...] --param name=v1,v2 ... [--design grid|lhs|F.csv] [--samples n]`.
    static func runSweep(_ file: String, _ o: Options, state: LuaState) -> Bool {
        if let w = strayWords(o) { report("'\(w)' after --sweep FILE: expected key=value arguments for the script"); return false }
        var spec = commonFields(o, script: file)
        var params: [LuaValue: LuaValue] = [:]
        for p in o.monteCarlo.params {
            let eq = p.firstIndex(of: "=")!
            let values = p[p.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false)
            var list: [LuaValue: LuaValue] = [:]
            for (i, v) in values.enumerated() { list[.integer(Int64(i + 1))] = LuaValue(SweepDesign.Value(cell: String(v))) }
            params[.string(String(p[..<eq]))] = .table(list)
        }
        if !params.isEmpty { spec[.string("params")] = .table(params) }
        if let d = o.monteCarlo.design { spec[.string("design")] = .string(d) }
        if let n = o.monteCarlo.samples { spec[.string("samples")] = .integer(n) }
        return runMonteCarloFunction("sweep", spec: spec, state: state)
    }

    /// `--merge FILE...`: reads the shards' per-run files, checks that together they hold
    /// every run once, and prints the summary the single process prints (per design row for
    /// a sweep). `--out FILE` (before or after the files) writes the merged rows.
    static func runMerge(_ first: String, _ o: Options) -> Bool {
        var files = [first], out = o.monteCarlo.out
        var words = ((o.script.map { [$0] } ?? []) + o.scriptArgs)[...]
        while let w = words.popFirst() {
            if w == "--out" {
                guard let f = words.popFirst() else { report("'--out' needs argument"); return false }
                out = f
            } else {
                files.append(w)
            }
        }
        do {
            let tables = try files.map { (file: $0, table: try RunTable.read($0)) }
            let merged = try RunTable.merged(tables)
            let summaries = merged.summaries()
            if summaries.count == 1 && summaries[0].designRow == 0 && merged.rows.allSatisfy({ $0.designRow == 0 }) {
                print(summaries[0].summary.summary)
            } else {
                for s in summaries {
                    let params = s.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                    print("design row \(s.designRow + 1): \(params)\n\(s.summary.summary)\n")
                }
            }
            if let out {
                guard let format = RunTable.format(of: out) else { report("--out \(out): not a .csv or .jsonl file"); return false }
                try merged.write(to: out, format: format)
            }
            return true
        } catch {
            report("merge: \(error)")
            return false
        }
    }
}
