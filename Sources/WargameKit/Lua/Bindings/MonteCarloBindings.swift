import CLua
import Foundation

/// `wg.montecarlo{...}` and `wg.sweep{...}`: many runs of a scripted scenario on every core.
/// These only convert: the fields into a ``MonteCarloRunner``, its runs into the engine's
/// ``RunTable`` and ``MonteCarlo/Summary``, and those into Lua tables. Run i's seed depends
/// only on (seed, i) and the summary is computed from counts in run order, so the figures
/// are bit-identical whatever the thread count, and shards merge to the single call's.
enum MonteCarloBindings {
    static let monteCarloFields = ["script", "args", "runs", "turns", "seed", "threads", "out", "shard"]
    static let sweepFields = monteCarloFields + ["params", "design", "samples"]

    static var functions: [LuaFunction] { [
        LuaFunction("montecarlo") { a in
            let spec = try a.table(1)
            try checkFields(spec, allowed: monteCarloFields)
            let common = try Common(spec, a, defaultRuns: 1000)
            let args = spec["args"]
            let runner = MonteCarloRunner(script: common.script, rowArgs: [args], rowParameters: [parameters(args)],
                                          runsPerRow: common.runs, turns: common.turns, seed: common.seed,
                                          threads: common.threads, shard: common.shard)
            let output = try runner.run(caller: a.L)
            let summary = MonteCarlo.summarise(output.table.rows.map(\.run), requested: output.requested)
            if let out = common.out { try write(output.table, to: out, a) }
            push(summary, threads: output.threads, out: common.out, a.L)
            return 1
        },
        LuaFunction("sweep") { a in
            let spec = try a.table(1)
            try checkFields(spec, allowed: sweepFields)
            let common = try Common(spec, a, defaultRuns: 100)
            let design = try Self.design(spec, seed: common.seed)
            let fixed = spec["args"].asTable ?? [:]
            if spec["args"] != .nil && spec["args"].asTable == nil { throw FieldError("field 'args' must be a table") }
            var rowArgs: [LuaValue] = [], rowParameters: [[String: String]] = []
            for i in design.rows.indices {
                var t = fixed
                for (name, value) in zip(design.names, design.rows[i]) { t[.string(name)] = LuaValue(value) }
                rowArgs.append(.table(t))
                rowParameters.append(parameters(.table(t)))
            }
            do { try RunTable.checkParameterNames(rowParameters.first?.keys.map { $0 } ?? []) } catch let e as RunTableError {
                throw a.error(1, e.reason)
            }
            let runner = MonteCarloRunner(script: common.script, rowArgs: rowArgs, rowParameters: rowParameters,
                                          runsPerRow: common.runs, turns: common.turns, seed: common.seed,
                                          threads: common.threads, shard: common.shard, sweep: true)
            let output = try runner.run(caller: a.L)
            var salib: String? = nil
            if let out = common.out {
                try write(output.table, to: out, a)
                salib = salibPath(beside: out)
                do { try AtomicFileWriter.write(Data(design.salibParameters.utf8), to: salib!) } catch {
                    throw LuaCallError("sweep: \(error)")
                }
            }
            pushSweep(output, design: design, runsPerRow: common.runs, out: common.out, salib: salib, a.L)
            return 1
        },
    ] }

    /// The fields both functions share, read and checked.
    struct Common {
        var script: String, runs: Int, turns: Int?, seed: Int64, threads: Int, out: String?, shard: Shard

        init(_ spec: LuaValue, _ a: LuaArgs, defaultRuns: Int64) throws {
            guard let script = try spec.string("script") else { throw a.error(1, "field 'script' expected") }
            try a.refuseFileAccessInSandbox()  // first: the check below would tell a sandbox which files exist
            do {
                try BoundedFileReader.checkReadable(script)
            } catch {
                throw LuaCallError("\(a.function.name): \(error)")
            }
            self.script = script
            runs = Int(try spec.integer("runs", range: 1...10_000_000) ?? defaultRuns)
            turns = try spec.integer("turns", range: 1...1_000_000).map(Int.init)
            seed = try spec.integer("seed") ?? 1
            threads = Int(try spec.integer("threads", range: 1...1024) ?? Int64(ProcessInfo.processInfo.activeProcessorCount))
            out = try spec.string("out")
            if let out, RunTable.format(of: out) == nil { throw FieldError("field 'out' must name a .csv or .jsonl file") }
            if let text = try spec.string("shard", max: 32) {
                guard let s = Shard(parsing: text) else { throw FieldError("field 'shard' must be \"K/N\" with 1 <= K <= N") }
                shard = s
            } else {
                shard = .all
            }
        }
    }

    /// Refuses a field the function does not take (a mistyped `rnus` would otherwise be
    /// ignored and the default used), suggesting the nearest name.
    static func checkFields(_ spec: LuaValue, allowed: [String]) throws {
        guard let t = spec.asTable else { return }
        let unknown = t.keys.map { $0.asString ?? "[\($0)]" }.filter { !allowed.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        let nearest = allowed.map { ($0, editDistance($0, first)) }.min { $0.1 < $1.1 }
        let hint = nearest.map { $0.1 <= 2 ? "; did you mean '\($0.0)'?" : "" } ?? ""
        throw FieldError("unknown field '\(first)'\(hint) (fields: \(allowed.joined(separator: ", ")))")
    }

    /// Levenshtein distance, for the suggestion above.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return row[b.count]
    }

    /// The scalar fields of a script's arguments, as text for the per-run output.
    static func parameters(_ args: LuaValue) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in args.asTable ?? [:] {
            guard case .string(let name) = k else { continue }
            switch v {
            case .boolean(let b): out[name] = String(b)
            case .integer(let i): out[name] = String(i)
            case .number(let d): out[name] = d.description
            case .string(let s): out[name] = s
            default: continue
            }
        }
        return out
    }


    /// The design a sweep's fields describe: `params = { name = {values...} }` with
    /// `design = "grid"` (default), or `{lower, upper}` with `design = "lhs"` and `samples`,
    /// or `design = "file.csv"` (its header names the parameters).
    static func design(_ spec: LuaValue, seed: Int64) throws -> SweepDesign {
        let kind = try spec.string("design") ?? "grid"
        if kind != "grid" && kind != "lhs" {
            guard RunTable.format(of: kind) == .csv else { throw FieldError("field 'design' must be \"grid\", \"lhs\" or a .csv file") }
            if spec["params"] != .nil { throw FieldError("field 'params' and a design file: the file's header names the parameters") }
            do {
                let data = try BoundedFileReader.read(kind, limit: 64 << 20)
                return try SweepDesign.csv(String(decoding: data, as: UTF8.self))
            } catch var e as RunTableError {
                e.file = kind
                throw LuaCallError("sweep: \(e)")
            } catch {
                throw LuaCallError("sweep: \(error)")
            }
        }
        guard let params = spec["params"].asTable, !params.isEmpty else {
            throw FieldError("field 'params' expected: { name = {values...} }")
        }
        var entries: [(String, [SweepDesign.Value])] = []
        for (k, v) in params {
            guard let name = k.asString, !name.isEmpty, name.utf8.count <= InputLimits.name else {
                throw FieldError("field 'params' must be keyed by parameter names")
            }
            guard let list = v.asTable, !list.isEmpty, (1...list.count).allSatisfy({ list[.integer(Int64($0))] != nil }) else {
                throw FieldError("field 'params.\(name)' must be a non-empty array of values")
            }
            let values = try (1...list.count).map { i -> SweepDesign.Value in
                switch list[.integer(Int64(i))]! {
                case .integer(let n): return .integer(n)
                case .number(let d) where d.isFinite: return .number(d)
                case .boolean(let b): return .boolean(b)
                case .string(let s) where s.utf8.count <= InputLimits.text: return .text(s)
                default: throw FieldError("field 'params.\(name)' must hold numbers, booleans or strings")
                }
            }
            entries.append((name, values))
        }
        entries.sort { $0.0 < $1.0 }
        if kind == "grid" {
            let rows = entries.reduce(1) { $0 * $1.1.count }
            guard rows <= 1_000_000 else { throw FieldError("field 'params': the grid has \(rows) rows, more than 1000000") }
            return SweepDesign.grid(entries.map { (name: $0.0, values: $0.1) })
        }
        let samples = Int(try spec.integer("samples", range: 1...1_000_000) ?? 0)
        guard samples > 0 else { throw FieldError("field 'samples' expected with design = \"lhs\"") }
        let ranges = try entries.map { name, values -> (name: String, range: ClosedRange<Double>) in
            guard values.count == 2, let lo = values[0].double, let hi = values[1].double, lo <= hi else {
                throw FieldError("field 'params.\(name)' must be {lower, upper} with design = \"lhs\"")
            }
            return (name, lo...hi)
        }
        // Its own stream: the design does not share draws with the runs' seeds.
        return SweepDesign.latinHypercube(ranges, samples: samples, seed: MonteCarlo.seed(seed, run: Int.max - 1))  // no run has this index
    }

    /// `runs.csv` → `runs.salib.txt`, in the same directory.
    static func salibPath(beside out: String) -> String {
        let dot = out.lastIndex(of: ".").map { out[..<$0] } ?? Substring(out)
        return dot + ".salib.txt"
    }

    static func write(_ table: RunTable, to path: String, _ a: LuaArgs) throws {
        do {
            try table.write(to: path, format: RunTable.format(of: path) ?? .csv)
        } catch {
            throw LuaCallError("\(a.function.name): \(error)")
        }
    }

    /// A summary as a printable table; `threads` is the number of worker threads that ran.
    static func table(_ s: MonteCarlo.Summary, threads: Int?, out: String?) -> LuaValue {
        func q(_ x: MonteCarlo.Quantiles) -> LuaValue {
            .table([.string("p5"): .number(x.p5), .string("p50"): .number(x.p50),
                    .string("p95"): .number(x.p95), .string("mean"): .number(x.mean)])
        }
        func ci(_ c: Int) -> LuaValue {
            let (lo, hi) = s.interval(c)
            return .table([.string("lower"): .number(lo), .string("upper"): .number(hi)])
        }
        func byName(_ d: [String: Int], _ f: (Int) -> LuaValue) -> LuaValue {
            .table(Dictionary(uniqueKeysWithValues: d.map { (.string($0.key), f($0.value)) }))
        }
        func byRung(_ a: [Int], _ f: (Int) -> LuaValue) -> LuaValue {
            .table(Dictionary(uniqueKeysWithValues: a.enumerated().map { (.integer(Int64($0.offset)), f($0.element)) }))
        }
        let atLeast = s.atLeast
        let share: (Int) -> LuaValue = { .number(s.share($0)) }
        let count: (Int) -> LuaValue = { .integer(Int64($0)) }
        var t: [LuaValue: LuaValue] = [
            .string("runs"): .integer(Int64(s.runs)),
            .string("requested"): .integer(Int64(s.requested)),
            .string("failed"): .integer(Int64(s.failed)),
            .string("partial"): .boolean(s.partial),
            .string("endings"): byName(s.endings, share),
            .string("highest_rung"): byRung(s.highestRung, share),
            .string("at_least"): byRung(atLeast, share),
            .string("reached"): byRung(atLeast, share),  // the old name of at_least
            .string("threshold_crossed"): share(s.thresholdCrossed),
            .string("started"): byName(s.started, share),
            .string("counts"): .table([
                .string("endings"): byName(s.endings, count),
                .string("highest_rung"): byRung(s.highestRung, count),
                .string("at_least"): byRung(atLeast, count),
                .string("threshold_crossed"): count(s.thresholdCrossed),
                .string("started"): byName(s.started, count),
            ]),
            .string("ci"): .table([
                .string("endings"): byName(s.endings, ci),
                .string("highest_rung"): byRung(s.highestRung, ci),
                .string("at_least"): byRung(atLeast, ci),
                .string("threshold_crossed"): ci(s.thresholdCrossed),
                .string("started"): byName(s.started, ci),
            ]),
            .string("max_rung"): q(s.maxRung),
            .string("sanctioned_runs"): .integer(Int64(s.sanctionedRuns)),
            .string("summary"): .string(s.summary),
        ]
        if let threads { t[.string("threads")] = .integer(Int64(threads)) }
        if let out { t[.string("out")] = .string(out) }
        if let g = s.gdpLossPct { t[.string("gdp_loss_pct")] = q(g) }
        return .table(t)
    }

    static func push(_ s: MonteCarlo.Summary, threads: Int?, out: String?, _ L: OpaquePointer) {
        LuaStack(L).push(table(s, threads: threads, out: out))
        LuaTables.setPrintable(L, -1)
        // sm:report(file): the summary as a self-contained HTML page.
        guard let state = LuaState.owner(of: L) else { return }
        state.push(LuaFunction("report", method: true) { a in
            try a.refuseFileAccessInSandbox()
            let path = try a.string(2)
            do {
                try MonteCarloReport.write(s, to: path)
            } catch {
                throw LuaCallError("report: \(error)")
            }
            return 0
        })
        wg_rawsetfield(L, -2, "report")
    }

    /// `{ rows = { {params=, summary=sm}, ... }, runs=, failed=, partial=, out=, salib=, summary= }`.
    static func pushSweep(_ output: MonteCarloRunner.Output, design: SweepDesign, runsPerRow: Int, out: String?,
                          salib: String?, _ L: OpaquePointer) {
        let byRow = Dictionary(grouping: output.table.rows, by: \.designRow)
        var rows: [LuaValue: LuaValue] = [:]
        var text = ["\(design.rows.count) design rows × \(runsPerRow) runs: \(output.table.rows.count) runs"
                    + (output.interrupted ? " — partial: interrupted after \(output.table.rows.count) of \(output.requested)" : "")]
        let failed = output.table.rows.filter { $0.run.error != nil }.count
        if failed > 0 { text[0] += ", \(failed) failed (kept as rows with their error)" }
        for d in byRow.keys.sorted() {
            let rs = byRow[d]!
            let s = MonteCarlo.summarise(rs.map(\.run), requested: rs.count)
            var params: [LuaValue: LuaValue] = [:]
            for (name, value) in zip(design.names, design.rows[d]) { params[.string(name)] = LuaValue(value) }
            rows[.integer(Int64(rows.count + 1))] = .table([.string("design_row"): .integer(Int64(d + 1)),
                                                            .string("params"): .table(params),
                                                            .string("summary"): table(s, threads: nil, out: nil)])
            let shares = MonteCarlo.endingReasons.filter { (s.endings[$0] ?? 0) > 0 }
                .map { "\($0) " + FixedDecimal.format(s.share(s.endings[$0]!), digits: 3) }.joined(separator: ", ")
            text.append("row \(d + 1) " + zip(design.names, design.rows[d]).map { "\($0)=\($1)" }.joined(separator: " ")
                        + ": \(s.runs) runs" + (s.failed > 0 ? " (\(s.failed) failed)" : "") + (shares.isEmpty ? "" : "; " + shares)
                        + "; nuclear threshold " + FixedDecimal.format(s.share(s.thresholdCrossed), digits: 3))
        }
        var t: [LuaValue: LuaValue] = [
            .string("rows"): .table(rows),
            .string("runs"): .integer(Int64(output.table.rows.count)),
            .string("requested"): .integer(Int64(output.requested)),
            .string("failed"): .integer(Int64(failed)),
            .string("partial"): .boolean(output.table.rows.count < output.requested),
            .string("threads"): .integer(Int64(output.threads)),
            .string("summary"): .string(text.joined(separator: "\n")),
        ]
        if let out { t[.string("out")] = .string(out) }
        if let salib { t[.string("salib")] = .string(salib) }
        LuaStack(L).push(.table(t))
        LuaTables.setPrintable(L, -1)
        wg_rawgetfield(L, -1, "rows")
        for i in 1...max(rows.count, 1) where !rows.isEmpty {
            lua_rawgeti(L, -1, Int64(i))
            wg_rawgetfield(L, -1, "summary")
            LuaTables.setPrintable(L, -1)
            lua_settop(L, -3)
        }
        lua_settop(L, -2)
    }
}

extension LuaValue {
    /// A design cell as Lua sees it: a number, an integer, a boolean or text.
    public init(_ v: SweepDesign.Value) {
        switch v {
        case .number(let d): self = .number(d)
        case .integer(let i): self = .integer(i)
        case .boolean(let b): self = .boolean(b)
        case .text(let s): self = .string(s)
        }
    }
}
