/// `--shard K/N`: the K-th of N deterministic shares of a call's runs (or, in a sweep, of its
/// (design row, replication) pairs): those numbered K-1, K-1+N, K-1+2N, ... Each run keeps
/// the seed it has in the whole call, so the shards' rows merged are the single call's rows.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    /// K, from 1.
    public var index: Int
    /// N.
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// "K/N" with 1 ≤ K ≤ N ≤ 1,000,000; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 1_000_000, k >= 1, k <= n else { return nil }
        self.init(index: k, count: n)
    }

    /// The whole call as one shard.
    public static let all = Shard(index: 1, count: 1)

    public var description: String { "\(index)/\(count)" }

    /// How many of `total` jobs are this shard's.
    public func size(of total: Int) -> Int { total >= index ? (total - index) / count + 1 : 0 }

    /// The number, among all jobs, of this shard's `j`-th job.
    public func job(_ j: Int) -> Int { index - 1 + j * count }
}
