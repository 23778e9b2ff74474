import CLua
import Foundation

/// The Lua side of `wg.montecarlo` and `wg.sweep`: what each worker thread of
/// ``ParallelRuns`` does. A worker has its own Lua state; it loads the script once per
/// design row it meets (with that row's arguments) and, for each of its runs, forks the
/// scenario, reseeds it with the run's seed and steps it. Measurement of a finished run is
/// ``measure(_:)``; summaries are the engine's.
///
/// The caller's limits reach the workers: its chunk's deadline (`--time-limit`) bounds every
/// run, its memory limit applies to each worker's state, and Ctrl-C (its interrupt flag)
/// interrupts the running runs, not only the ones not yet started.
struct MonteCarloRunner {
    let script: String
    /// Arguments for the script, one per design row (`.nil`: none). A Monte Carlo has one row.
    let rowArgs: [LuaValue]
    /// Each design row's parameters as written in the per-run output.
    let rowParameters: [[String: String]]
    let runsPerRow: Int
    let turns: Int?
    let seed: Int64
    /// Threads asked for. At most one per core and one per run are started: more would only
    /// compete for the cores (and a script that nested Monte Carlo once made 10,000).
    let threads: Int
    var shard = Shard.all
    /// A sweep: seeds derived from (row, replication), failed runs kept as rows.
    var sweep = false

    /// Marks a worker's state, so that a `wg.montecarlo` called in a run is refused.
    static let workerKey = "wargame.montecarlo.worker"
    /// Where a host (wargame-repl) puts a ``MonteCarloProgress`` to hear how far a call is.
    static let progressKey = "wargame.montecarlo.progress"

    /// Whether `L` belongs to a Monte Carlo worker.
    static func isWorker(_ L: OpaquePointer) -> Bool {
        LuaState.owner(of: L)?.userInfo[workerKey] != nil
    }

    /// The seed of replication `run` of design row `row`.
    func seed(row: Int, run: Int) -> Int64 {
        sweep ? MonteCarlo.seed(MonteCarlo.seed(seed, run: row), run: run) : MonteCarlo.seed(seed, run: run)
    }

    /// One run: a copy of the scenario at `index` (with its own copies of the policy and
    /// hook tables, as `s:fork()` takes them) is reseeded with `seed` and stepped `turns`
    /// turns, or until it ends; as `s:fork()`, `s:seed(seed)`, `s:step(turns)` would, but
    /// without a scenario object, a history kept for undo, or a report table per call,
    /// which nothing of a run reads (issue 14's profile: they were a third of a run). The
    /// limits are checked between turns, as `s:step` does.
    static func runOnce(_ L: OpaquePointer, scenario index: Int32, index run: Int, seed: Int64, turns: Int?) throws -> MonteCarlo.Run {
        let index = lua_absindex(L, index)
        guard let handle = LuaStack(L).object(at: index, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
            throw LuaCallError("the script's scenario was lost")
        }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        ScenarioHandle.pushFunctionsCopy(L, scenario: index, group: "policies")
        let policies = lua_gettop(L)
        ScenarioHandle.pushFunctionsCopy(L, scenario: index, group: "hooks")
        lua_pushnil(L)
        let hasHooks = lua_next(L, -2) != 0
        lua_settop(L, policies + 1)
        var s = handle.history.current
        var highest = handle.history.highestRung
        s.reseed(seed)
        let hooks = StepRunner.hooks(L, policies: policies, s)
        var stepped = 0
        do {
            while s.ending == nil, turns.map({ stepped < $0 }) ?? true {
                try LuaState.checkLimits(L)
                // A failed run is dropped whole, and nothing reads a run's log.
                let report = try s.step(hooks, atomic: false, keepsLog: false)
                highest = max(highest, s.rung)
                if hasHooks { try StepRunner.runHooks(L, hooks: policies + 1, report: report) }
                stepped += 1
            }
        } catch {
            throw classify(L, error)
        }
        return measure(s, highest: highest, index: run, seed: seed)
    }

    /// A run's error as the Lua call that made the run would have raised it: an interrupt
    /// or a limit, when one fired, else a runtime error with the message.
    static func classify(_ L: OpaquePointer, _ error: Error) -> Error {
        let message = (error as? LuaCallError)?.message ?? (error as? LuaError)?.message ?? "\(error)"
        if let fired = wg_limits_of(L)?.pointee.fired, fired != 0 {
            return fired == 1 ? LuaError.interrupted(traceback: "") : LuaError.limit(message)
        }
        if let e = error as? LuaError { return e }
        return LuaError.runtime(message: message, traceback: "")
    }

    /// The script failed to build a scenario (not a run's failure).
    struct LoadFailure: Error { let message: String }

    /// What a call yields: the rows of the runs that finished (in run order), how many were
    /// asked for, and whether Ctrl-C stopped it.
    struct Output {
        var table: RunTable
        var requested: Int
        var interrupted: Bool
        var threads: Int
        /// The summary of the runs (of the single design row of a Monte Carlo).
        var summary: MonteCarlo.Summary { MonteCarlo.summarise(table.rows.map(\.run), requested: requested) }
    }

    typealias ThreadStartError = ParallelRuns<MonteCarlo.Run>.ThreadStartError
    static func startPOSIXThread(_ body: @escaping @Sendable () -> Void) throws -> pthread_t {
        try ParallelRuns<MonteCarlo.Run>.startPOSIXThread(body)
    }

    /// Runs the workers for a call from `caller`, whose limits they carry. Throws a run's
    /// failure (the lowest-numbered one; sweeps keep failures as rows), or the caller's
    /// time limit. Ctrl-C is not an error: the runs finished so far come back, marked.
    func run(caller: OpaquePointer,
             cores: Int = ProcessInfo.processInfo.activeProcessorCount,
             startThread: (@escaping @Sendable () -> Void) throws -> pthread_t = ParallelRuns<MonteCarlo.Run>.startPOSIXThread)
        throws -> Output
    {
        if MonteCarloRunner.isWorker(caller) {
            throw LuaCallError("wg.\(sweep ? "sweep" : "montecarlo") cannot be called inside a Monte Carlo run")
        }
        let deadline = wg_limits_of(caller)?.pointee.deadline ?? 0
        let memoryLimit = LuaState.owner(of: caller)?.memoryLimit
        let progress = LuaState.owner(of: caller)?.userInfo[MonteCarloRunner.progressKey] as? MonteCarloProgress
        let shard = self.shard, jobs = shard.size(of: rowArgs.count * runsPerRow)
        // A sweep's runs are grouped by design row: a worker loads the script once for each
        // row it meets, and with rows of a few runs, workers that took runs one by one loaded
        // every row each (two threads were slower than one).
        let runsPerRow = self.runsPerRow
        let byRow: @Sendable (Int) -> Int = { shard.job($0) / runsPerRow }
        let runner = ParallelRuns<MonteCarlo.Run>(count: jobs, threads: threads, failuresStop: !sweep,
                                                  group: rowArgs.count > 1 ? byRow : nil)
        let work = self
        var fired: Int32 = 0
        let outcome: ParallelRuns<MonteCarlo.Run>.Outcome
        do {
            outcome = try runner.run(makeWorker: { index in
                try work.makeWorker(shard: shard, deadline: deadline, memoryLimit: memoryLimit)
            }, poll: { finished in
                progress?.update(finished: finished, of: jobs)
                if fired == 0 { fired = wg_limits_check(caller) }  // Ctrl-C, deadline
                return fired == 0 ? .goOn : .stop
            }, cores: cores, startThread: startThread)
        } catch let e as ParallelRuns<MonteCarlo.Run>.ThreadStartError {
            throw LuaCallError("\(sweep ? "sweep" : "montecarlo"): cannot start a worker thread (\(String(cString: strerror(e.code))))")
        }
        progress?.finish()
        let name = sweep ? "sweep" : "montecarlo"
        if fired > 1 { try LuaState.checkLimits(caller) }  // the time limit: an error, as for any chunk
        if fired == 1 { Self.consumeInterrupt(caller) }
        if let f = outcome.failure {
            let message = (f.error as? LoadFailure)?.message ?? (f.error as? LuaError)?.message ?? "\(f.error)"
            if f.job < 0 || f.error is LoadFailure { throw LuaCallError("\(name): \(message)") }
            let p = shard.job(f.job)
            let (row, run) = (p / runsPerRow, p % runsPerRow)
            throw LuaCallError("\(name): run \(run + 1) (seed \(seed(row: row, run: run))): \(message)")
        }
        let rows = outcome.results.map { job, run in
            let row = shard.job(job) / runsPerRow
            return RunTable.Row(designRow: row, parameters: rowParameters[row], run: run)
        }
        return Output(table: RunTable(rows: rows), requested: jobs, interrupted: fired == 1, threads: outcome.threads)
    }

    /// Ctrl-C stopped the call and the runs so far are its result: the caller's chunk goes on
    /// (its hook would otherwise raise "interrupted!" at the next instruction). The handler
    /// stays at its default until the chunk ends, so a second Ctrl-C ends the process.
    static func consumeInterrupt(_ L: OpaquePointer) {
        guard let lim = wg_limits_of(L) else { return }
        lim.pointee.fired = 0
        lim.pointee.interrupted = 0
        if let owner = LuaState.owner(of: L), owner.limits != .none { wg_hook_on(L) } else { wg_hook_off(L) }
    }

    /// Limits for a worker's next call: what is left of the caller's deadline. Without one,
    /// a budget that never runs out: either keeps the count hook on, which notices a cancel.
    private static func limits(until deadline: Double) -> LuaState.Limits {
        guard deadline > 0 else { return LuaState.Limits(instructions: Int.max) }
        return LuaState.Limits(seconds: max(deadline - wg_monotonic_now(), 1e-6))
    }

    /// One worker: its Lua state, and the function that makes one run of job `job`.
    private func makeWorker(shard: Shard, deadline: Double, memoryLimit: Int?) throws -> ParallelRuns<MonteCarlo.Run>.Worker {
        wg_name_thread("wg-montecarlo")  // named, so tests can find the workers
        let lua: LuaState
        do {
            lua = try LuaState(memoryLimit: memoryLimit)
        } catch {
            throw LoadFailure(message: error.message)
        }
        lua.userInfo[MonteCarloRunner.workerKey] = NSNumber(value: true)
        WargameModule.install(in: lua)
        let L = lua.L
        // A run's garbage (a policy's view each turn) dies young, while the script and its
        // scenario live as long as the worker: the generational collector does not walk
        // them again for each turn's few tables, as the incremental one did (its steps
        // were about a twentieth of a turn in issue 14's profile).
        wg_gc_generational(L)
        let driver = lua_gettop(L), base = driver + 1  // the script's scenario goes at `base`
        var loadedRow = -1
        let work = self
        return ParallelRuns<MonteCarlo.Run>.Worker(run: { job in
            let position = shard.job(job)
            let (row, run) = (position / work.runsPerRow, position % work.runsPerRow)
            let seed = work.seed(row: row, run: run)
            do {
                lua.limits = MonteCarloRunner.limits(until: deadline)
                if row != loadedRow {
                    loadedRow = -1
                    lua_settop(L, driver)
                    do {
                        try lua.loadFile(work.script)
                        let args = work.rowArgs[row]
                        if args != .nil { lua.push(args) }
                        try lua.pcall(nargs: args != .nil ? 1 : 0, nresults: 1)
                    } catch let e as LuaError {
                        if case .interrupted = e { throw e }
                        if case .limit = e { throw e }
                        throw LoadFailure(message: e.message)
                    }
                    guard let h = LuaStack(L).object(at: base, tag: ScenarioHandle.tag, as: ScenarioHandle.self) else {
                        throw LoadFailure(message: "\(work.script) did not return a scenario (it should end with 'return s')")
                    }
                    // This worker's own copies of what the workers' scenarios share (bundled
                    // data): the runs then count references on no object another core counts.
                    try h.update { $0.detachSharedStorage() }
                    loadedRow = row
                }
                let measured = try lua.withLimitsArmed {
                    try MonteCarloRunner.runOnce(L, scenario: base, index: run, seed: seed, turns: work.turns)
                }
                lua_settop(L, base)
                return measured
            } catch {
                lua_settop(L, loadedRow >= 0 ? base : driver)
                guard work.sweep else { throw error }
                // A sweep keeps a failed run as a row, so that SALib's rows line up; a stop is no failure.
                if let e = error as? LuaError {
                    if case .interrupted = e { throw e }
                    if case .limit = e { throw e }
                }
                let message = (error as? LoadFailure)?.message ?? (error as? LuaError)?.message ?? "\(error)"
                return .failed(index: run, seed: seed, error: message.split(separator: "\n").first.map(String.init) ?? message)
            }
        }, cancel: { [state = StatePointer(L: L)] in
            // Only the flag: lua_sethook is not safe on a state another thread is running.
            wg_limits_of(state.L)?.pointee.interrupted = 1
        })
    }

    /// A worker's state for its cancel, which another thread calls while the worker lives
    /// (``ParallelRuns`` removes the cancel before the worker is released).
    struct StatePointer: @unchecked Sendable { let L: OpaquePointer }

    /// Measurement of a finished run, kept apart from the dynamics.
    /// `highest` is the highest rung the run stood on, its script's turns before it included.
    static func measure(_ s: Scenario, highest: Int, index: Int, seed: Int64) -> MonteCarlo.Run {
        let loss = s.sanctions.packages.first.map { s.sanctions.gdpLossPct($0.target) }
        return MonteCarlo.Run(index: index, seed: seed, ending: s.ending?.reason.rawValue ?? "running", endTurn: s.turn,
                              maxRung: highest, maxRungName: s.ladder.name(highest), ladderRungs: s.ladder.rungs.count,
                              thresholdCrossed: s.ladder.nuclearThreshold.map { highest >= $0 } ?? false,
                              gdpLossPct: loss, startedWar: s.warStartedBy ?? [])
    }
}

/// How far a Monte Carlo call is, for a host that shows it (wargame-repl's progress bar on a
/// terminal). Called on the calling thread about every 50 ms.
public protocol MonteCarloProgress: AnyObject {
    func update(finished: Int, of total: Int)
    func finish()
}

extension LuaState {
    /// The host's display of how far this state's Monte Carlo calls are (nil: none).
    public var monteCarloProgress: MonteCarloProgress? {
        get { userInfo[MonteCarloRunner.progressKey] as? MonteCarloProgress }
        set { userInfo[MonteCarloRunner.progressKey] = newValue }
    }
}
