/// The scenario's random number generator: xoshiro256** seeded through SplitMix64.
///
/// A value type whose whole state is four words, so copying a scenario copies its
/// generator, undo restores it exactly, and a save file carries it. Its output depends on
/// nothing but the seed: the same seed gives the same draws on any machine.
public struct SeededGenerator: RandomNumberGenerator, Hashable, Codable, Sendable {
    public private(set) var state: [UInt64]

    /// Seeds the four words from `seed` with SplitMix64, as the xoshiro authors advise.
    public init(seed: Int64) {
        var x = UInt64(bitPattern: seed)
        var s = [UInt64](repeating: 0, count: 4)
        for i in 0..<4 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            s[i] = z ^ (z >> 31)
        }
        state = s
    }

    /// Restores a saved state; nil unless it is four words, not all zero.
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        self.state = state
    }

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

    public mutating func next() -> UInt64 {
        let result = rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotl(state[3], 45)
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

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
