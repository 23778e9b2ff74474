/// The scenario's random number generator: xoshiro256** seeded through SplitMix64.
///
/// A value type whose whole state is four words, so copying a scenario copies its
/// generator, undo restores it exactly, and a save file carries it. Its output depends on
/// nothing but the seed: the same seed gives the same draws on any machine.
public struct SeededGenerator: RandomNumberGenerator, Hashable, Codable, Sendable {
    // Four words held inline rather than in an array: an array made every draw check its
    // bounds and every copied scenario copy it on its first draw (measured in the turn's
    // profile, issue 14). `state` still reads and saves as the array of four.
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The four words of the state, in order.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// Seeds the four words from `seed` with SplitMix64, as the xoshiro authors advise.
    public init(seed: Int64) {
        var x = UInt64(bitPattern: seed)
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix()
        s1 = splitmix()
        s2 = splitmix()
        s3 = splitmix()
    }

    /// Restores a saved state; nil unless it is four words, not all zero.
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    private enum CodingKeys: String, CodingKey { case state }

    /// Decoding checks what `init?(state:)` checks: a save file cannot smuggle in a state
    /// that would crash `next()`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let words = try c.decode([UInt64].self, forKey: .state)
        guard let g = SeededGenerator(state: words) else {
            throw DecodingError.dataCorruptedError(forKey: .state, in: c,
                                                   debugDescription: "generator state must be four words, not all zero")
        }
        self = g
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state)
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p` (clamped to [0, 1]); always draws once, so the number of
    /// draws does not depend on `p`.
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform() < min(max(p, 0), 1)
    }

    /// A new seed drawn from this generator, for a derived stream (a fork, a run).
    public mutating func derivedSeed() -> Int64 { Int64(bitPattern: next()) }

    @inline(__always)  // it was called, not inlined, four times a turn's draw (issue 14's profile)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
