/// An escalation ladder: named rungs, rung 0 first, with the rungs that mean armed attack
/// and the nuclear threshold marked.
public struct Ladder: Codable, Hashable, Sendable {
    public struct Rung: Codable, Hashable, Sendable {
        public var name: String
        public var description: String
        /// Fighting between the sides: alliance commitments covering the attacked are invoked
        /// and combat is fought each turn.
        public var armedAttack: Bool
        /// At or above the nuclear threshold.
        public var nuclear: Bool
        public init(name: String, description: String = "", armedAttack: Bool = false, nuclear: Bool = false) {
            self.name = name
            self.description = description
            self.armedAttack = armedAttack
            self.nuclear = nuclear
        }
    }

    public var rungs: [Rung]

    public init(rungs: [Rung]) { self.rungs = rungs }

    /// The default ten rungs (notes/models.md): 5–6 armed attack, 7 the nuclear threshold.
    public static let standard = Ladder(rungs: [
        Rung(name: "peace", description: "normal relations; no dispute is active"),
        Rung(name: "crisis", description: "a dispute with threats, demands and diplomatic pressure"),
        Rung(name: "sanctions", description: "economic coercion: trade and financial sanctions"),
        Rung(name: "proxy war", description: "arms and support to a third party fighting the other side"),
        Rung(name: "mobilisation", description: "forces raised and deployed; the last step before war"),
        Rung(name: "limited conventional war", description: "an armed attack limited in aims and area", armedAttack: true),
        Rung(name: "major conventional war", description: "full-scale conventional war", armedAttack: true),
        Rung(name: "nuclear signalling", description: "alerts, exercises and threats of nuclear use; the threshold", armedAttack: true, nuclear: true),
        Rung(name: "limited nuclear use", description: "a small number of nuclear weapons used", armedAttack: true, nuclear: true),
        Rung(name: "general nuclear war", description: "strategic nuclear exchange", armedAttack: true, nuclear: true),
    ])

    public var top: Int { rungs.count - 1 }
    public func clamp(_ r: Int) -> Int { min(max(r, 0), top) }
    public func name(_ r: Int) -> String { rungs.indices.contains(r) ? rungs[r].name : "rung \(r)" }
    public func isWar(_ r: Int) -> Bool { rungs.indices.contains(r) && rungs[r].armedAttack }
    public func isNuclear(_ r: Int) -> Bool { rungs.indices.contains(r) && rungs[r].nuclear }
    /// The lowest nuclear rung (the threshold), nil when the ladder has none.
    public var nuclearThreshold: Int? { rungs.firstIndex(where: \.nuclear) }
    /// The lowest war rung, nil when the ladder has none.
    public var firstWarRung: Int? { rungs.firstIndex(where: \.armedAttack) }
}
