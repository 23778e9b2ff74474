import CLua

/// An owning Lua 5.4 state: opened with the standard libraries, closed on deinit.
///
/// Every chunk runs protected under a message handler that appends a traceback, so errors
/// come back as a thrown ``LuaError`` and never unwind through Swift. Swift functions
/// registered here follow the bridge rule: they throw, and one trampoline raises.
public final class LuaState {
    /// Limits applied to each top-level chunk (and to everything it calls).
    public struct Limits: Sendable, Equatable {
        /// Lua VM instructions a chunk may execute; nil for no budget.
        public var instructions: Int?
        /// Wall-clock seconds a chunk may run; nil for no limit.
        public var seconds: Double?
        public init(instructions: Int? = nil, seconds: Double? = nil) {
            self.instructions = instructions
            self.seconds = seconds
        }
        public static let none = Limits()
    }

    /// The raw state, for code that works at the C API level (bindings, signal handlers).
    public let L: OpaquePointer
    private let allocator: UnsafeMutablePointer<wg_alloc_state>
    private let hookState: UnsafeMutablePointer<wg_limits>
    private var boxes: [LuaFunctionBox] = []
    private var depth = 0

    /// Per-chunk limits; see ``Limits``.
    public var limits: Limits = .none
    /// Set by ``Sandbox/makeState(limits:memory:)``: bindings that read or write files
    /// refuse to run in a sandboxed state.
    public internal(set) var isSandboxed = false
    /// Objects the bindings attach to this state (scenario registry, REPL context, ...).
    public var userInfo: [String: AnyObject] = [:]

    /// A policy or `on` hook that failed inside Swift (during `s:step`): its message and
    /// its traceback, which reaches into the policy. The error that comes out of the chunk
    /// carries only the message, so error reports take the frames from here
    /// (``ErrorContext``). Cleared when a top-level chunk starts.
    public struct CallbackFailure: Sendable, Equatable {
        public var message: String
        public var traceback: String
    }
    public internal(set) var callbackFailure: CallbackFailure?

    /// Opens a state. `memoryLimit` (bytes, nil for none) bounds everything the state
    /// allocates; past it Lua raises "not enough memory" and the state stays usable. The
    /// standard libraries come with the `coroutine.resume`, `wrap` and `close` of
    /// Sources/CLua/coroutines.h: Lua's own behaviour, plus limits and interrupts that follow
    /// the running coroutine.
    public init(memoryLimit: Int? = nil, openStandardLibraries: Bool = true) throws(LuaError) {
        allocator = .allocate(capacity: 1)
        // swift = 1: the host (Swift, outside any Lua call) is exempt from the limit, as Swift
        // called from Lua is; its pushes are small and cannot be protected. Every pcall
        // suspends the exemption for the Lua code it runs.
        allocator.initialize(to: wg_alloc_state(used: 0, limit: 0, swift: 1))
        hookState = .allocate(capacity: 1)
        var limits = wg_limits()  // zeroed: nothing fired, no deadline, no coroutine running
        limits.budget = -1
        hookState.initialize(to: limits)
        guard let L = wg_newstate(allocator) else {
            allocator.deallocate(); hookState.deallocate()
            throw .memory("cannot create Lua state: not enough memory")
        }
        self.L = L
        hookState.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        wg_set_limits(L, hookState)
        if openStandardLibraries {
            lua_pushcclosure(L, wg_openlibs_fn(), 0)
            try pcall(nargs: 0, nresults: 0)
        }
        if let memoryLimit { allocator.pointee.limit = max(memoryLimit, allocator.pointee.used + 1) }
    }

    deinit {
        lua_close(L)
        allocator.deallocate()
        hookState.deallocate()
    }

    /// The Swift state that owns `L` (also for coroutines of it).
    public static func owner(of L: OpaquePointer) -> LuaState? {
        guard let p = wg_limits_of(L)?.pointee.owner else { return nil }
        return Unmanaged<LuaState>.fromOpaque(p).takeUnretainedValue()
    }

    /// Bytes the state holds now.
    public var memoryUsed: Int { allocator.pointee.used }
    /// The memory limit in bytes, nil for none.
    public var memoryLimit: Int? {
        get { allocator.pointee.limit == 0 ? nil : allocator.pointee.limit }
        set { allocator.pointee.limit = newValue.map { max($0, 1) } ?? 0 }
    }

    // MARK: Loading and calling

    /// Compiles `source` and pushes the chunk. `name` follows Lua: `@file` for a file,
    /// `=name` for a literal name. `mode` is "t", "b" or "bt".
    public func load(_ source: String, name: String, mode: String = "bt") throws(LuaError) {
        var source = source
        let status = source.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { luaL_loadbufferx(L, $0.baseAddress, $0.count, name, isSandboxed ? "t" : mode) }
        }
        try checkLoad(status)
    }

    /// Compiles a file (standard input for nil) and pushes the chunk; the chunk name is
    /// `@path` (`=stdin`), so errors say `path:line:`. A leading `#` line and a UTF-8 BOM
    /// are skipped, as lua(1) does.
    public func loadFile(_ path: String?, mode: String = "bt") throws(LuaError) {
        // A sandboxed state never loads binary chunks, whoever asks.
        try checkLoad(luaL_loadfilex(L, path, isSandboxed ? "t" : mode))
    }

    private func checkLoad(_ status: Int32) throws(LuaError) {
        guard status != WG_LUA_OK else { return }
        let message = LuaStack(L).string(at: -1) ?? "error loading chunk"
        lua_settop(L, -2)
        if status == WG_LUA_ERRMEM { throw .memory(message) }
        if status == WG_LUA_ERRSYNTAX, message.hasSuffix("<eof>") { throw .incomplete(message) }
        if status == WG_LUA_ERRSYNTAX { throw .syntax(message) }
        throw .runtime(message: message, traceback: "")  // a file that cannot be read
    }

    /// Calls the function under `nargs` arguments with a traceback handler; leaves
    /// `nresults` results (or all, for nil). The per-chunk limits start at the outermost call.
    public func pcall(nargs: Int32, nresults: Int32? = nil) throws(LuaError) {
        let base = lua_gettop(L) - nargs
        lua_pushcclosure(L, wg_msghandler_fn(), 0)
        lua_rotate(L, base, 1)
        if depth == 0 { armLimits() }
        depth += 1
        let saved = wg_swift_suspend(L)
        let status = lua_pcall(L, nargs, nresults ?? WG_LUA_MULTRET, base)
        wg_swift_resume(L, saved)
        depth -= 1
        let fired = hookState.pointee.fired
        if depth == 0 { disarmLimits() }
        lua_rotate(L, base, -1)
        lua_settop(L, -2)  // the handler
        guard status != WG_LUA_OK else { return }
        let raw = LuaStack(L).string(at: -1) ?? "(error object is not a string)"
        lua_settop(L, -2)
        if status == WG_LUA_ERRMEM { throw .memory(raw) }
        let (message, traceback) = LuaState.splitTraceback(raw)
        switch fired {
        // `contains`: a policy stopped during s:step comes back wrapped ("policy for X
        // failed at turn n: ...: time limit exceeded").
        case 1 where message.contains("interrupted!"): throw .interrupted(traceback: traceback)
        case 2 where message.contains("instruction budget exceeded"),
             3 where message.contains("time limit exceeded"): throw .limit(message)
        default: throw .runtime(message: message, traceback: traceback)
        }
    }

    /// `lua_pcall` with the traceback handler on `L` (which may be a coroutine), for Swift
    /// code called from Lua that calls back into Lua (policies, hooks). The limits of the
    /// running chunk go on applying.
    public static func protectedCall(_ L: OpaquePointer, nargs: Int32, nresults: Int32) throws(LuaError) {
        let base = lua_gettop(L) - nargs
        lua_pushcclosure(L, wg_msghandler_fn(), 0)
        lua_rotate(L, base, 1)
        let saved = wg_swift_suspend(L)  // the memory limit applies to the Lua code called
        let status = lua_pcall(L, nargs, nresults, base)
        wg_swift_resume(L, saved)
        lua_rotate(L, base, -1)
        lua_settop(L, -2)
        guard status != WG_LUA_OK else { return }
        throw failure(L, status: status)
    }

    /// The error of a failed protected call, whose message is on top of `L` (popped): an
    /// interrupt or a limit when one fired, else the script's error (kept for the host).
    static func failure(_ L: OpaquePointer, status: Int32) -> LuaError {
        let raw = LuaStack(L).string(at: -1) ?? "(error object is not a string)"
        lua_settop(L, -2)
        if status == WG_LUA_ERRMEM { return .memory(raw) }
        let (message, traceback) = splitTraceback(raw)
        if let lim = wg_limits_of(L)?.pointee, lim.fired != 0 {
            return lim.fired == 1 ? .interrupted(traceback: traceback) : .limit(message)
        }
        owner(of: L)?.callbackFailure = CallbackFailure(message: message, traceback: traceback)
        return .runtime(message: message, traceback: traceback)
    }

    static func splitTraceback(_ s: String) -> (String, String) {
        guard let r = s.range(of: "\nstack traceback:") else { return (s, "") }
        return (String(s[..<r.lowerBound]), String(s[s.index(after: r.lowerBound)...]))
    }

    /// Loads and runs `source`, returning its results.
    @discardableResult
    public func run(_ source: String, name: String = "=(load)") throws(LuaError) -> [LuaValue] {
        let top = lua_gettop(L)
        try load(source, name: name)
        try pcall(nargs: 0)
        return popResults(above: top)
    }

    /// Loads and runs a file with `args` as `...`, returning its results.
    @discardableResult
    public func runFile(_ path: String?, args: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        let top = lua_gettop(L)
        try loadFile(path)
        for a in args { push(a) }
        try pcall(nargs: Int32(args.count))
        return popResults(above: top)
    }

    /// Pops everything above `top` as Swift values, first result first.
    public func popResults(above top: Int32) -> [LuaValue] {
        let n = lua_gettop(L) - top
        let values = (0..<n).map { value(at: top + 1 + $0) }
        lua_settop(L, top)
        return values
    }

    // MARK: Limits and interruption

    /// Runs `body`, Swift code that calls Lua functions (with ``protectedCall(_:nargs:nresults:)``)
    /// without a chunk around them, under this state's limits, armed as ``pcall(nargs:nresults:)``
    /// arms them for a chunk: a Monte Carlo run, whose policies must stop at the deadline or
    /// at Ctrl-C as they would inside `s:step`.
    func withLimitsArmed<T>(_ body: () throws -> T) rethrows -> T {
        if depth == 0 { armLimits() }
        depth += 1
        defer {
            depth -= 1
            if depth == 0 { disarmLimits() }
        }
        return try body()
    }

    private func armLimits() {
        callbackFailure = nil
        // Back to the host's exemption (1), whatever it was: a raise that jumped over a
        // trampoline's exit (left the count above it) must not switch the memory limit off
        // for the rest of the session; the pcall below suspends the exemption from here.
        allocator.pointee.swift = 1
        hookState.pointee.fired = 0
        hookState.pointee.interrupted = 0
        hookState.pointee.running = nil
        hookState.pointee.closing = 0
        hookState.pointee.budget = limits.instructions.map { Int64($0) } ?? -1
        hookState.pointee.deadline = limits.seconds.map { wg_monotonic_now() + $0 } ?? 0
        if limits != .none { wg_hook_on(L) } else { wg_hook_off(L) }
    }

    private func disarmLimits() {
        hookState.pointee.budget = -1
        hookState.pointee.deadline = 0
        wg_hook_off(L)
    }

    /// For Swift code that runs long without executing Lua (a many-turn step): throws the
    /// error the hook would raise once the running chunk is past its budget or deadline,
    /// or was interrupted. The chunk's `pcall` reports it as ``LuaError/limit(_:)`` or
    /// ``LuaError/interrupted(traceback:)``.
    public static func checkLimits(_ L: OpaquePointer) throws(LuaCallError) {
        switch wg_limits_check(L) {
        case 1: throw LuaCallError("interrupted!")
        case 2: throw LuaCallError("instruction budget exceeded")
        case 3: throw LuaCallError("time limit exceeded")
        default: return
        }
    }

    /// Stops running Lua code at its next instruction with "interrupted!", in whichever
    /// coroutine is running. Safe to call from a signal handler through ``interrupt(_:)``.
    public func interrupt() { wg_interrupt(L) }

    /// Signal-safe form for a handler that holds only the raw state.
    public static func interrupt(_ L: OpaquePointer) { wg_interrupt(L) }

    // MARK: Registering Swift functions

    /// Pushes `function` as a Lua C closure that reaches Swift through the trampoline.
    public func push(_ function: LuaFunction) {
        let box = LuaFunctionBox(function)
        boxes.append(box)
        lua_pushlightuserdata(L, Unmanaged.passUnretained(box).toOpaque())
        lua_pushcclosure(L, wg_trampoline_fn(), 1)
    }

    /// Pushes a new table holding `functions` by name.
    public func pushLibrary(_ functions: [LuaFunction]) {
        lua_createtable(L, 0, Int32(functions.count))
        for f in functions {
            push(f)
            wg_rawsetfield(L, -2, f.name)  // a fresh table: raw only by habit
        }
    }

    /// Sets the value on top of the stack (popped) as global `name`.
    public func setGlobal(_ name: String) {
        lua_pushglobaltable(L)
        lua_rotate(L, -2, 1)
        LuaStack(L).pushString(name)
        lua_rotate(L, -2, 1)
        lua_rawset(L, -3)  // raw: a metatable on _G must not run here
        lua_settop(L, -2)
    }

    /// Reads global `name` (raw access, no metamethods).
    public func global(_ name: String) -> LuaValue {
        lua_pushglobaltable(L)
        LuaStack(L).pushString(name)
        lua_rawget(L, -2)
        let v = value(at: -1)
        lua_settop(L, -3)
        return v
    }
}
