import CLua
import Foundation

/// `wg.montecarlo{ script=, args=, runs=, turns=, seed=, threads= }`: many runs of a
/// scripted scenario on every core. Each worker has its own Lua state, loads the script
/// once, and for each of its runs forks the scenario, reseeds it with the run's seed and
/// steps it. Run i's seed depends only on (seed, i) and the summary is computed in run
/// order, so the figures are bit-identical whatever the thread count.
enum MonteCarloBindings {
    static var functions: [LuaFunction] { [
        LuaFunction("montecarlo") { a in
            let spec = try a.table(1)
            guard let script = try spec.string("script") else { throw a.error(1, "field 'script' expected") }
            try a.refuseFileAccessInSandbox()  // before any look at the file: its existence is not the script's to learn
            guard FileManager.default.isReadableFile(atPath: script) else {
                throw LuaCallError("montecarlo: cannot open \(script)")
            }
            let runs = Int(try spec.integer("runs", range: 1...10_000_000) ?? 1000)
            let turns = try spec.integer("turns", range: 1...1_000_000).map(Int.init)
            let seed = try spec.integer("seed") ?? 1
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let threads = Int(try spec.integer("threads", range: 1...1024) ?? Int64(cores))
            let summary = try MonteCarloRunner(script: script, args: spec["args"], runs: runs, turns: turns,
                                               seed: seed, threads: min(threads, runs)).run(caller: a.L)
            push(summary, a.L)
            return 1
        },
    ] }

    static func push(_ s: MonteCarlo.Summary, _ L: OpaquePointer) {
        func q(_ x: MonteCarlo.Quantiles) -> LuaValue {
            .table([.string("p5"): .number(x.p5), .string("p50"): .number(x.p50),
                    .string("p95"): .number(x.p95), .string("mean"): .number(x.mean)])
        }
        var t: [LuaValue: LuaValue] = [
            .string("runs"): .integer(Int64(s.runs)),
            .string("endings"): .table(Dictionary(uniqueKeysWithValues: s.endings.map { (.string($0.key), .number($0.value)) })),
            .string("reached"): .table(Dictionary(uniqueKeysWithValues: s.reached.map { (.integer(Int64($0.key)), .number($0.value)) })),
            .string("max_rung"): q(s.maxRung),
        ]
        if let g = s.gdpLossPct { t[.string("gdp_loss_pct")] = q(g) }
        t[.string("summary")] = .string(s.summary)
        LuaStack(L).push(.table(t))
        LuaTables.setPrintable(L, -1)
    }
}

/// The workers. Everything a worker touches is its own but the result slots, which are
/// written at distinct indices and read after all workers have joined.
struct MonteCarloRunner {
    let script: String
    let args: LuaValue
    let runs: Int
    let turns: Int?
    let seed: Int64
    let threads: Int

    /// Results by run index. Workers write distinct slots of a fixed buffer (no array
    /// value is mutated concurrently); the lock guards only the failure and ladder length.
    final class Slots: @unchecked Sendable {
        let runs: UnsafeMutableBufferPointer<MonteCarlo.Run?>
        var failure: (run: Int, message: String)?
        var rungs = 0
        let lock = NSLock()
        init(_ n: Int) {
            runs = .allocate(capacity: n)
            runs.initialize(repeating: nil)
        }
        deinit { runs.deallocate() }
        func fail(_ run: Int, _ message: String) {
            lock.lock(); defer { lock.unlock() }
            if failure == nil || run < failure!.run { failure = (run, message) }
        }
        var failed: Bool { lock.lock(); defer { lock.unlock() }; return failure != nil }
    }

    /// Steps one fork: reseeded, then `turns` turns or until it ends.
    static let driver = """
        local base, seed, turns = ...
        local s = base:fork()
        s:seed(seed)
        if turns then s:step(turns) else while not s.ended do s:step() end end
        return s
        """

    /// `caller`: the state that called `wg.montecarlo`; its interrupt flag cancels the runs.
    func run(caller: OpaquePointer? = nil) throws -> MonteCarlo.Summary {
        let slots = Slots(runs)
        let work = self
        // Threads of our own: DispatchQueue.concurrentPerform ran the workers one after
        // the other when called from the main thread here (measured: one busy thread).
        let done = DispatchGroup()
        for worker in 0..<threads {
            done.enter()
            let thread = Thread {
                work.work(worker, slots)
                done.leave()
            }
            thread.stackSize = 8 << 20  // Lua and the engine recurse; the default 512 KiB is tight
            thread.start()
        }
        // Ctrl-C (the caller's interrupt flag) stops the workers between runs.
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if let caller, let limits = wg_limits_of(caller), limits.pointee.interrupted != 0 {
                slots.fail(-1, "interrupted!")
            }
        }
        if let f = slots.failure, f.run < 0 { throw LuaCallError(f.message) }
        if let f = slots.failure { throw LuaCallError("montecarlo: run \(f.run + 1) (seed \(MonteCarlo.seed(seed, run: f.run))): \(f.message)") }
        return MonteCarlo.summarise(slots.runs.compactMap { $0 }, rungs: slots.rungs)
    }

    private func work(_ worker: Int, _ slots: Slots) {
        var current = worker
        do {
            let lua = try LuaState()
            WargameModule.install(in: lua)
            let L = lua.L
            try lua.loadFile(script)
            if args != .nil { lua.push(args) }
            try lua.pcall(nargs: args != .nil ? 1 : 0, nresults: 1)
            guard let first = LuaStack(L).object(at: -1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
                throw LuaCallError("\(script) did not return a scenario (it should end with 'return s')")
            }
            slots.lock.lock()
            slots.rungs = first.scenario.ladder.rungs.count
            slots.lock.unlock()
            let base = lua_gettop(L)
            try lua.load(MonteCarloRunner.driver, name: "=montecarlo")
            let driver = lua_gettop(L)
            while current < runs && !slots.failed {
                lua_pushvalue(L, driver)
                lua_pushvalue(L, base)
                lua_pushinteger(L, MonteCarlo.seed(seed, run: current))
                if let turns { lua_pushinteger(L, Int64(turns)) } else { lua_pushnil(L) }
                try lua.pcall(nargs: 3, nresults: 1)
                guard let h = LuaStack(L).object(at: -1, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
                    throw LuaCallError("the driver lost the scenario")
                }
                slots.runs[current] = MonteCarloRunner.measure(h.history)
                lua_settop(L, driver)
                current += threads
            }
        } catch let e as LuaError {
            slots.fail(current, e.message)
        } catch {
            slots.fail(current, "\(error)")
        }
    }

    /// Measurement of a finished run, kept apart from the dynamics.
    static func measure(_ history: ScenarioHistory) -> MonteCarlo.Run {
        let s = history.current
        let loss = s.sanctions.packages.first.map { s.sanctions.damage($0.target).gdpLossPct }
        return MonteCarlo.Run(ending: s.ending?.reason.rawValue ?? "running",
                              maxRung: history.timeline.map(\.rung).max() ?? s.rung, gdpLossPct: loss)
    }
}
