import Foundation
/// An escalation ladder: named rungs, rung 0 first, with the rungs that mean armed attack
/// and the nuclear threshold marked, and what the doctrine reckons of each rung.
public struct Ladder: Codable, Hashable, Sendable {
    public struct Rung: Codable, Hashable, Sendable {
        public var name: String
        public var description: String
        /// Fighting between the sides: alliance commitments covering the attacked are invoked
        /// and combat is fought each turn.
        public var armedAttack: Bool
        /// At or above the nuclear threshold.
        public var nuclear: Bool
        /// ψ: how much the war outcome weighs in the value of standing at this rung (1 at
        /// war rungs; below, the chance, as the sides reckon it, that the crisis ends in war).
        /// nil: the default of ``Ladder/warShare(_:)``.
        public var warShare: Double?
        /// c: the cost of war at this rung, in units of the stakes. nil: the default.
        public var cost: Double?
        /// ρ: the chance per turn that fighting at this rung slips one rung up by accident.
        /// nil: the default.
        public var risk: Double?
        public init(name: String, description: String = "", armedAttack: Bool = false, nuclear: Bool = false,
                    warShare: Double? = nil, cost: Double? = nil, risk: Double? = nil) {
            self.name = name
            self.description = description
            self.armedAttack = armedAttack
            self.nuclear = nuclear
            self.warShare = warShare
            self.cost = cost
            self.risk = risk
        }
    }

    public var rungs: [Rung]

    public init(rungs: [Rung]) { self.rungs = rungs }

    /// The default ten rungs: 5–9 armed attack, 7 the nuclear threshold; ψ, c and ρ as in
    /// docs/escalation.md (modelling choices after Kahn's ladder and Schelling's risk).
    public static let standard = Ladder(rungs: [
        Rung(name: "peace", description: "normal relations; no dispute is active", warShare: 0, cost: 0, risk: 0),
        Rung(name: "crisis", description: "a dispute with threats, demands and diplomatic pressure", warShare: 0.05, cost: 0, risk: 0),
        Rung(name: "sanctions", description: "economic coercion: trade and financial sanctions", warShare: 0.15, cost: 0, risk: 0),
        Rung(name: "proxy war", description: "arms and support to a third party fighting the other side", warShare: 0.3, cost: 0, risk: 0),
        Rung(name: "mobilisation", description: "forces raised and deployed; the last step before war", warShare: 0.5, cost: 0, risk: 0),
        Rung(name: "limited conventional war", description: "an armed attack limited in aims and area", armedAttack: true,
             warShare: 1, cost: 0.1, risk: 0.03),
        Rung(name: "major conventional war", description: "full-scale conventional war", armedAttack: true,
             warShare: 1, cost: 0.2, risk: 0.08),
        Rung(name: "nuclear signalling", description: "alerts, exercises and threats of nuclear use; the threshold", armedAttack: true, nuclear: true,
             warShare: 1, cost: 0.25, risk: 0.25),
        Rung(name: "limited nuclear use", description: "a small number of nuclear weapons used", armedAttack: true, nuclear: true,
             warShare: 1, cost: 0.35, risk: 0.5),
        Rung(name: "general nuclear war", description: "strategic nuclear exchange", armedAttack: true, nuclear: true,
             warShare: 1, cost: 0.5, risk: 1),
    ])

    public var top: Int { rungs.count - 1 }
    public func clamp(_ r: Int) -> Int { min(max(r, 0), top) }
    public func name(_ r: Int) -> String { rungs.indices.contains(r) ? rungs[r].name : "rung \(r)" }
    /// Nuclear rungs are war rungs too.
    public func isWar(_ r: Int) -> Bool { rungs.indices.contains(r) && (rungs[r].armedAttack || rungs[r].nuclear) }
    public func isNuclear(_ r: Int) -> Bool { rungs.indices.contains(r) && rungs[r].nuclear }
    /// The lowest nuclear rung (the threshold), nil when the ladder has none.
    public var nuclearThreshold: Int? { rungs.firstIndex(where: \.nuclear) }
    /// The lowest war rung, nil when the ladder has none.
    public var firstWarRung: Int? { rungs.indices.first(where: isWar) }

    /// ψ of rung r; default 1 at war rungs, 0.5 (r / first war rung)² below (0 without war rungs).
    public func warShare(_ r: Int) -> Double {
        guard rungs.indices.contains(r) else { return 0 }
        if let v = rungs[r].warShare { return v }
        if isWar(r) { return 1 }
        guard let w = firstWarRung, w > 0 else { return 0 }
        return 0.5 * pow(Double(r) / Double(w), 2)
    }

    /// c of rung r; default 0 below war, 0.1 more for each war rung from 0.1, at most 0.5.
    public func cost(_ r: Int) -> Double {
        guard rungs.indices.contains(r) else { return 0 }
        if let v = rungs[r].cost { return v }
        guard isWar(r) else { return 0 }
        let j = (0..<r).filter(isWar).count
        return min(0.5, 0.1 + 0.1 * Double(j))
    }

    /// ρ of rung r; default 0 below war, 0.03 at war, 0.25 at nuclear rungs and 1 at a
    /// nuclear top rung (there the exchange is certain). The engine never slips past the top.
    public func risk(_ r: Int) -> Double {
        guard rungs.indices.contains(r) else { return 0 }
        if let v = rungs[r].risk { return v }
        if r == top && rungs[r].nuclear { return 1 }
        return rungs[r].nuclear ? 0.25 : (isWar(r) ? 0.03 : 0)
    }

    /// Refuses an empty or oversized ladder and per-rung values outside [0, 1].
    public func validate() throws(ParameterError) {
        guard !rungs.isEmpty else { throw ParameterError("the ladder has no rungs") }
        guard rungs.count <= ScenarioLimits.maxRungs else {
            throw ParameterError("a ladder has at most \(ScenarioLimits.maxRungs) rungs, got \(rungs.count)")
        }
        for (i, r) in rungs.enumerated() {
            for (what, v) in [("war_share", r.warShare), ("cost", r.cost), ("risk", r.risk)] {
                if let v, !(v >= 0 && v <= 1) {
                    throw ParameterError("ladder rung \(i) (\(r.name)): \(what) must be in [0, 1], got \(LuaNumberText.format(v))")
                }
            }
        }
    }
}
