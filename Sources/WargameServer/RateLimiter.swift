import Foundation

/// Token buckets by client (a team's secret, or the address of a request without one): a
/// flood of requests is refused (429) while the others' requests, and the exercise, go on.
/// Each bucket holds `burst` requests and refills at `perSecond`.
public final class RateLimiter: @unchecked Sendable {
    struct Bucket { var tokens: Double; var last: Double }

    public let burst: Double
    public let perSecond: Double
    /// Most clients tracked; past it, full buckets are forgotten (they hold no debt).
    let maxClients = 4096
    private var buckets: [String: Bucket] = [:]
    private let lock = NSLock()
    private let clock: @Sendable () -> Double

    public init(burst: Double, perSecond: Double, clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.burst = burst
        self.perSecond = perSecond
        self.clock = clock
    }

    /// Takes one token from `client`'s bucket; false when it is empty.
    public func allow(_ client: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        if buckets.count >= maxClients {
            buckets = buckets.filter { min(burst, $0.value.tokens + (now - $0.value.last) * perSecond) < burst }
        }
        var b = buckets[client] ?? Bucket(tokens: burst, last: now)
        b.tokens = min(burst, b.tokens + (now - b.last) * perSecond)
        b.last = now
        let ok = b.tokens >= 1
        if ok { b.tokens -= 1 }
        buckets[client] = b
        return ok
    }
}
