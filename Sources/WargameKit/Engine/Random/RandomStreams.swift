/// One seeded generator per random mechanism, so that two variants of a scenario that
/// differ in one setting share every other draw (common random numbers): a new policy for
/// one side changes the choices, not the sanctions detections of the same seed.
///
/// Each stream is a ``SeededGenerator`` seeded from the scenario's seed and the stream's
/// index; the draws of one stream never depend on how many another has made.
public struct RandomStreams: Codable, Hashable, Sendable {
    /// The mechanisms, in a fixed order (the order is part of the save format).
    public enum Stream: Int, CaseIterable, Codable, Sendable {
        /// Seeds for the scripts' `math.random`, one a turn.
        case scripts
        /// One uniform draw per side per turn for its move, made whoever decides it.
        case choices
        /// One draw per ally answering an invocation.
        case alliances
        /// Detections of alignment members (the sanctions model's own order).
        case sanctions
        /// One draw per side per turn for its desperation hazard, made whether or not it applies.
        case nuclear
        /// One draw per turn for an accidental slip up the ladder, made whether or not it applies.
        case slips
    }

    public private(set) var generators: [SeededGenerator]

    public init(seed: Int64) {
        generators = Stream.allCases.map { s in
            // Distinct seeds per stream; SplitMix64 inside SeededGenerator decorrelates them.
            SeededGenerator(seed: seed ^ Int64(bitPattern: 0xD1B5_4A32_D192_ED03 &* UInt64(s.rawValue + 1)))
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let g = try c.decode([SeededGenerator].self, forKey: .generators)
        guard g.count == Stream.allCases.count else {
            throw DecodingError.dataCorruptedError(forKey: .generators, in: c,
                debugDescription: "expected \(Stream.allCases.count) random streams, got \(g.count)")
        }
        generators = g
    }

    public subscript(_ s: Stream) -> SeededGenerator {
        get { generators[s.rawValue] }
        set { generators[s.rawValue] = newValue }
    }
}
