import Foundation

/// Runs `count` jobs, numbered 0..<count, on worker threads, and keeps each result at its
/// job's number. Knows nothing of what a job is: each worker thread builds its own job
/// function (its own Lua state, say) with `makeWorker`, and takes the next job not yet
/// taken until none is left, so that jobs are taken in increasing order and a worker on a
/// slower core takes fewer. Results are by number, so whatever reads them in order gets the
/// same figures whatever the thread count.
///
/// Jobs may come in groups that share a set-up (a sweep's design row, whose script a worker
/// loads once for the runs of it that it makes): then a worker takes several jobs of one
/// group at a time, fewer as the jobs run out, and runs them in order.
///
/// A failing job, when failures stop the call: jobs numbered above it are not started, but
/// those below it still run, so the failure reported is always the lowest-numbered one.
/// A stop asked by `poll` (Ctrl-C, a deadline) cancels the running jobs through each
/// worker's `cancel` and keeps the results finished so far.
public struct ParallelRuns<Result: Sendable>: Sendable {
    /// What a worker thread runs: `run(job)` for each of its jobs, and `cancel`, called
    /// from another thread, to stop the job running now as soon as it can.
    public struct Worker {
        public var run: (Int) throws -> Result
        public var cancel: @Sendable () -> Void
        public init(run: @escaping (Int) throws -> Result, cancel: @escaping @Sendable () -> Void) {
            self.run = run
            self.cancel = cancel
        }
    }

    /// What the caller's poll asks for.
    public enum Poll: Sendable { case goOn, stop }

    /// How the call ended.
    public struct Outcome {
        /// Results of the jobs that finished, by job number, in increasing order (memory is
        /// taken for finished jobs only: a call of ten million runs stopped early is cheap).
        public var results: [(job: Int, result: Result)]
        /// The lowest-numbered failure (job -1: a worker could not be made), when failures
        /// stop the call.
        public var failure: (job: Int, error: Error)?
        /// Whether `poll` stopped the call.
        public var stopped: Bool
        /// Worker threads that ran.
        public var threads: Int
    }

    /// Why a worker thread did not start: pthread_create's error number.
    public struct ThreadStartError: Error { public let code: Int32 }

    public let count: Int
    /// Threads asked for: at most one per core and one per job are started.
    public let threads: Int
    /// Whether a failing job stops the call (Monte Carlo) or is kept as its result (sweeps,
    /// through a `run` that catches its own errors).
    public let failuresStop: Bool

    /// The group of a job, when jobs come in groups (nil: each job on its own). Consecutive
    /// jobs of one group are taken together; a group's jobs must be consecutive. Called
    /// under the call's lock, so it should be arithmetic, not work.
    public let group: (@Sendable (Int) -> Int)?

    public init(count: Int, threads: Int, failuresStop: Bool = true, group: (@Sendable (Int) -> Int)? = nil) {
        self.count = count
        self.threads = threads
        self.failuresStop = failuresStop
        self.group = group
    }

    /// The shared state of one call: written by workers at distinct indices or under a lock.
    final class Shared: @unchecked Sendable {
        var results: [(job: Int, result: Result)] = []
        let lock = NSLock()
        var lowestFailure: (job: Int, error: Error)?
        var stopped = false
        var finished = 0
        var cancels: [Int: @Sendable () -> Void] = [:]
        /// The lowest job not yet taken.
        var next = 0

        func withLock<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }

        /// The next jobs to run, counting `finished` jobs as done: none after a stop, above a
        /// failure, or past the last. Jobs are taken in increasing order and a taker runs its
        /// jobs in order, so every job below a failure has been taken, and runs, before the
        /// failure is known.
        ///
        /// Without groups, one job. With groups, the next job and those after it in its group,
        /// at most half of what is left for each of the `workers` (guided self-scheduling:
        /// early takes keep a group whole, so a sweep's row is loaded once, and the last takes
        /// are single jobs, so that no worker waits long for another at the end).
        func take(count: Int, finished: Int, workers: Int, group: ((Int) -> Int)?) -> Range<Int>? {
            withLock {
                self.finished += finished
                guard !stopped, next < count, lowestFailure.map({ next < $0.job }) ?? true else { return nil }
                let start = next
                var end = start + 1
                if let group {
                    let most = max(1, (count - start) / (2 * max(1, workers))), g = group(start)
                    while end < count, end - start < most, group(end) == g { end += 1 }
                }
                next = end
                return start..<end
            }
        }

        /// Whether a worker that took `job` with others should still run it, counting the
        /// `finished` jobs before it as done: not after a stop or above a known failure.
        func proceed(to job: Int, finished: Int) -> Bool {
            withLock {
                self.finished += finished
                return !stopped && (lowestFailure.map { job < $0.job } ?? true)
            }
        }
        func fail(_ job: Int, _ error: Error) {
            withLock { if lowestFailure == nil || job < lowestFailure!.job { lowestFailure = (job, error) } }
        }
    }

    /// Runs the jobs. `poll` is called on the calling thread about every 50 ms with the
    /// number of jobs finished; `.stop` cancels them. `startThread` starts one thread or
    /// throws ``ThreadStartError``; tests inject refusals, and may allow more threads than
    /// cores with `cores`. Throws only when no worker thread could start.
    public func run(makeWorker: @escaping @Sendable (_ worker: Int) throws -> Worker,
                    poll: (_ finished: Int) -> Poll = { _ in .goOn },
                    cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                    startThread: (@escaping @Sendable () -> Void) throws -> pthread_t = ParallelRuns.startPOSIXThread)
        throws -> Outcome
    {
        let wanted = max(1, min(threads, count, cores))
        let shared = Shared()
        let done = DispatchGroup()
        var started: [pthread_t] = []
        var refusal: Int32 = 0
        let count = self.count, group = self.group
        for _ in 0..<wanted {
            let index = started.count  // workers that start are numbered 0, 1, ... without gaps
            done.enter()
            do {
                started.append(try startThread {
                    Self.work(index, count: count, workers: wanted, group: group, shared, makeWorker: makeWorker)
                    done.leave()
                })
            } catch {
                refusal = (error as? ThreadStartError)?.code ?? EAGAIN
                done.leave()
            }
        }
        // The jobs of a thread that did not start go to the others, which take jobs as they go.
        guard !started.isEmpty else { throw ThreadStartError(code: refusal) }

        var stopped = false
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            let finished = shared.withLock { shared.finished }
            if !stopped, poll(finished) == .stop { stopped = true }
            let failedAtLoad = shared.withLock { shared.lowestFailure?.job == -1 }
            if stopped || failedAtLoad {
                // Again at each poll: a job that was just starting may have missed the last call.
                // Under the lock: a worker removes its cancel under it before its state goes.
                shared.withLock {
                    shared.stopped = true
                    for cancel in shared.cancels.values { cancel() }
                }
            }
        }
        for t in started { pthread_join(t, nil) }
        _ = poll(shared.withLock { shared.finished })
        shared.results.sort { $0.job < $1.job }
        return Outcome(results: shared.results, failure: failuresStop ? shared.lowestFailure : nil,
                       stopped: stopped, threads: started.count)
    }

    private static func work(_ index: Int, count: Int, workers: Int, group: ((Int) -> Int)?, _ shared: Shared,
                             makeWorker: @Sendable (Int) throws -> Worker) {
        // Signals that a person sends (Ctrl-C) are the main thread's: its handler stops the
        // call, whose poll cancels the workers.
        var sigint = sigset_t()
        sigemptyset(&sigint)
        sigaddset(&sigint, SIGINT)
        pthread_sigmask(SIG_BLOCK, &sigint, nil)
        let worker: Worker
        do {
            worker = try makeWorker(index)
        } catch {
            shared.fail(-1, error)
            return
        }
        shared.withLock { shared.cancels[index] = worker.cancel }
        withExtendedLifetime(worker) {
            runJobs(count: count, workers: workers, group: group, shared, worker)
            _ = shared.withLock { shared.cancels.removeValue(forKey: index) }
        }
    }

    private static func runJobs(count: Int, workers: Int, group: ((Int) -> Int)?, _ shared: Shared, _ worker: Worker) {
        var mine: [(job: Int, result: Result)] = []
        defer { shared.withLock { shared.results += mine } }
        var finished = 0
        while let jobs = shared.take(count: count, finished: finished, workers: workers, group: group) {
            finished = 0
            for job in jobs {
                // The first job was just granted; the others wait for no stop or lower failure.
                if job > jobs.lowerBound {
                    let go = shared.proceed(to: job, finished: finished)
                    finished = 0
                    guard go else { break }
                }
                do {
                    mine.append((job, try worker.run(job)))
                    finished = 1
                } catch {
                    // A job stopped because the call is being stopped is not a failure to report.
                    if shared.withLock({ shared.stopped }) { return }
                    shared.fail(job, error)  // no job above it is taken after this
                    break
                }
            }
        }
    }

    /// A joinable POSIX thread with an 8 MiB stack (Lua and the engine recurse; the default
    /// 512 KiB of Foundation's Thread is tight). Unlike Foundation's Thread, which reports no
    /// failure and then never runs its block, this says when the thread did not start.
    public static func startPOSIXThread(_ body: @escaping @Sendable () -> Void) throws -> pthread_t {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let box = Unmanaged.passRetained(ThreadBody(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            throw ThreadStartError(code: status)
        }
        return thread
    }
}

/// A thread's body, passed through pthread_create's context pointer.
private final class ThreadBody {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
