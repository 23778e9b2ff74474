import CLua
import Foundation

/// The workers of `wg.montecarlo`. Each has its own Lua state; everything a worker touches
/// is its own but the result slots, which are written at distinct indices and read after
/// all workers have been joined.
///
/// The caller's limits reach the workers: its chunk's deadline (`--time-limit`) bounds every
/// run, its memory limit applies to each worker's state, and Ctrl-C (its interrupt flag)
/// interrupts the running runs, as it interrupts Lua, not only the ones not yet started.
struct MonteCarloRunner {
    let script: String
    let args: LuaValue
    let runs: Int
    let turns: Int?
    let seed: Int64
    /// Threads asked for. At most one per core and one per run are started: more would only
    /// compete for the cores (and a script that nested Monte Carlo once made 10,000).
    let threads: Int

    /// Marks a worker's state, so that a `wg.montecarlo` called in a run is refused.
    static let workerKey = "wargame.montecarlo.worker"

    /// Whether `L` belongs to a Monte Carlo worker.
    static func isWorker(_ L: OpaquePointer) -> Bool {
        LuaState.owner(of: L)?.userInfo[workerKey] != nil
    }

    /// Results by run index, the first failure, and the workers' states (to interrupt them).
    final class Slots: @unchecked Sendable {
        let runs: UnsafeMutableBufferPointer<MonteCarlo.Run?>
        private var failure: (order: Int, message: String)?
        private var cancelled = false
        private var states: [OpaquePointer] = []
        var rungs = 0
        /// Workers that started; the stride of their runs. Set before the gate opens.
        var stride = 0
        let lock = NSLock()

        init(_ n: Int) {
            runs = .allocate(capacity: n)
            runs.initialize(repeating: nil)
        }
        deinit { runs.deallocate() }

        /// Keeps the failure that comes first in run order (loading counts as before run 1).
        func fail(_ order: Int, _ message: String) {
            lock.lock(); defer { lock.unlock() }
            if failure == nil || order < failure!.order { failure = (order, message) }
        }
        var firstFailure: (order: Int, message: String)? { lock.lock(); defer { lock.unlock() }; return failure }
        var failed: Bool { firstFailure != nil }
        var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }

        func register(_ L: OpaquePointer) { lock.lock(); states.append(L); lock.unlock() }
        func unregister(_ L: OpaquePointer) { lock.lock(); states.removeAll { $0 == L }; lock.unlock() }

        /// Stops every worker within a thousand Lua instructions (or at the engine's next
        /// check in a long step): sets each state's interrupt flag, which its count hook
        /// reads. Only the flag: lua_sethook, which Ctrl-C uses on its own thread, is not
        /// safe on a state another thread is running. Called again at each poll: a run that
        /// was just starting clears its state's flag.
        func cancel() {
            lock.lock(); defer { lock.unlock() }
            cancelled = true
            for L in states { wg_limits_of(L)?.pointee.interrupted = 1 }
        }
    }

    /// Steps one fork: reseeded, then `turns` turns or until it ends.
    static let driver = """
        local base, seed, turns = ...
        local s = base:fork()
        s:seed(seed)
        if turns then s:step(turns) else while not s.ended do s:step() end end
        return s
        """

    /// Why a worker thread did not start: pthread_create's error number.
    struct ThreadStartError: Error { let code: Int32 }

    /// Runs the workers for a call from `caller`, whose limits they carry. Returns the
    /// summary and the number of worker threads that ran. `startThread` starts one thread
    /// or throws ``ThreadStartError`` (no memory for a stack, a thread limit); tests inject
    /// refusals, and may allow more threads than cores with `cores`.
    func run(caller: OpaquePointer,
             cores: Int = ProcessInfo.processInfo.activeProcessorCount,
             startThread: (@escaping @Sendable () -> Void) throws -> pthread_t = MonteCarloRunner.startPOSIXThread)
        throws -> (summary: MonteCarlo.Summary, threads: Int)
    {
        if MonteCarloRunner.isWorker(caller) {
            throw LuaCallError("wg.montecarlo cannot be called inside a Monte Carlo run")
        }
        let deadline = wg_limits_of(caller)?.pointee.deadline ?? 0
        let memoryLimit = LuaState.owner(of: caller)?.memoryLimit
        let wanted = max(1, min(threads, runs, cores))
        let slots = Slots(runs)
        let done = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)
        var started: [pthread_t] = []
        var refusal: Int32 = 0
        let work = self
        for _ in 0..<wanted {
            let index = started.count  // workers that start are numbered 0, 1, ... without gaps
            done.enter()
            do {
                started.append(try startThread {
                    work.work(index, slots, gate: gate, deadline: deadline, memoryLimit: memoryLimit)
                    done.leave()
                })
            } catch {
                refusal = (error as? ThreadStartError)?.code ?? EAGAIN
                done.leave()
            }
        }
        guard !started.isEmpty else {
            throw LuaCallError("montecarlo: cannot start a worker thread (\(String(cString: strerror(refusal))))")
        }
        // The runs of a thread that did not start go to the others: each worker takes every
        // stride-th run. Results are by run index, so the summary is the same either way.
        slots.stride = started.count
        for _ in started { gate.signal() }

        var stop: Error?
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if stop == nil {
                do { try LuaState.checkLimits(caller) } catch { stop = error }  // Ctrl-C, deadline
            }
            if stop != nil || slots.failed { slots.cancel() }
        }
        for t in started { pthread_join(t, nil) }
        if let stop { throw stop }
        if let f = slots.firstFailure {
            try LuaState.checkLimits(caller)  // a run stopped by the caller's deadline: say that
            if f.order < 0 { throw LuaCallError("montecarlo: \(f.message)") }
            throw LuaCallError("montecarlo: run \(f.order + 1) (seed \(MonteCarlo.seed(seed, run: f.order))): \(f.message)")
        }
        return (MonteCarlo.summarise(slots.runs.compactMap { $0 }, rungs: slots.rungs), started.count)
    }

    /// Limits for a worker's next call: what is left of the caller's deadline. Without one,
    /// a budget that never runs out: either keeps the count hook on, which notices a cancel.
    private static func limits(until deadline: Double) -> LuaState.Limits {
        guard deadline > 0 else { return LuaState.Limits(instructions: Int.max) }
        return LuaState.Limits(seconds: max(deadline - wg_monotonic_now(), 1e-6))
    }

    private func work(_ index: Int, _ slots: Slots, gate: DispatchSemaphore, deadline: Double, memoryLimit: Int?) {
        // Ctrl-C is the main thread's: its handler interrupts the caller, whose poll above
        // cancels the workers (a handler run here would set hooks on the main thread's state
        // from another thread).
        var sigint = sigset_t()
        sigemptyset(&sigint)
        sigaddset(&sigint, SIGINT)
        pthread_sigmask(SIG_BLOCK, &sigint, nil)
        wg_name_thread("wg-montecarlo")  // named, so tests can find the workers
        var current = -1  // loading the script
        let lua: LuaState
        do {
            lua = try LuaState(memoryLimit: memoryLimit)
        } catch {
            slots.fail(current, error.message)
            return
        }
        lua.userInfo[MonteCarloRunner.workerKey] = NSNumber(value: true)
        slots.register(lua.L)
        defer { slots.unregister(lua.L) }  // before the state closes: `lua` lives to here
        do {
            WargameModule.install(in: lua)
            let L = lua.L
            lua.limits = MonteCarloRunner.limits(until: deadline)
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
            gate.wait()  // until the number of workers, the stride, is known
            current = index
            while current < runs && !slots.failed {
                lua.limits = MonteCarloRunner.limits(until: deadline)
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
                current += slots.stride
            }
        } catch let e as LuaError {
            // A run stopped because the call is being cancelled is not the failure to report.
            if case .interrupted = e, slots.isCancelled { return }
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
                              maxRung: history.timeline.map(\.rung).max() ?? s.rung, gdpLossPct: loss,
                              startedWar: s.warStartedBy ?? [])
    }

    /// A joinable POSIX thread with an 8 MiB stack (Lua and the engine recurse; the default
    /// 512 KiB of Foundation's Thread is tight). Unlike Foundation's Thread, which reports no
    /// failure and then never runs its block, this says when the thread did not start.
    static func startPOSIXThread(_ body: @escaping @Sendable () -> Void) throws -> pthread_t {
        final class Body { let run: @Sendable () -> Void; init(_ run: @escaping @Sendable () -> Void) { self.run = run } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let box = Unmanaged.passRetained(Body(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            throw ThreadStartError(code: status)
        }
        return thread
    }
}
