import Foundation

/// The teams' open event streams (server-sent events): each change of the exercise wakes
/// every stream, which then sends its own team's state; a comment every few seconds keeps
/// idle connections alive and finds the ones that are gone.
final class TeamEvents: @unchecked Sendable {
    enum Signal: Sendable { case changed, ping }

    /// Streams one team may hold open at once (a few tabs or devices); more are refused.
    static let maxStreamsPerTeam = 8
    private var streams: [UUID: (team: String, continuation: AsyncStream<Signal>.Continuation)] = [:]
    private let lock = NSLock()

    init(pingEvery seconds: UInt64 = 15) {
        Task.detached { [weak self] in
            while let me = self {
                try? await Task.sleep(nanoseconds: seconds * 1_000_000_000)
                me.broadcast(.ping)
            }
        }
    }

    /// A new stream for `team`, or nil when it has too many open already.
    func subscribe(_ team: String) -> (UUID, AsyncStream<Signal>)? {
        let (stream, continuation) = AsyncStream<Signal>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        lock.lock(); defer { lock.unlock() }
        guard streams.values.filter({ $0.team == team }).count < Self.maxStreamsPerTeam else { return nil }
        streams[id] = (team, continuation)
        return (id, stream)
    }

    func unsubscribe(_ id: UUID) {
        lock.lock()
        let s = streams.removeValue(forKey: id)
        lock.unlock()
        s?.continuation.finish()
    }

    /// Wakes every stream.
    func broadcast(_ signal: Signal) {
        lock.lock()
        let all = streams.values.map(\.continuation)
        lock.unlock()
        for c in all { c.yield(signal) }
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return streams.count }
}
