import Foundation

/// The built-in doctrine: each side weighs the rungs within reach by their expected value
/// and chooses among them smoothly (quantal response), so that small changes in the
/// situation make small changes in behaviour. docs/escalation.md sets out the equations;
/// the parameters are ``DoctrineParameters`` and the per-rung values of the ``Ladder``.
///
/// U(m) = q + ψ_m (p − c_m − q) − k m − π(m) D, with
/// - q = q0 − η d, the status quo, worth less under sanctions pain d (% of GDP);
/// - p the contest odds in the war that m risks: a war the side starts when m climbs
///   (the target's defence pacts count, its own do not), one the opponent starts
///   otherwise, the war being fought once at war (Fearon 1995);
/// - c_m the war's cost at rung m (at least that of the first war rung);
/// - π(m) = 1 − (1 − ρ_m)(1 − ψ_m h), the risk of nuclear use: the rung's slip risk ρ_m
///   and the opponent's desperation hazard h in that war (Schelling's threat that leaves
///   something to chance; Powell 1990);
/// - D = D_max (1 − exp(−W/W_ref)), the cost of nuclear use by an opponent holding W
///   warheads, 0 against a side without nuclear weapons.
/// P(m) ∝ exp(λ U(m)) (McKelvey & Palfrey 1995).
public enum Doctrine {
    /// One of the two wars a move may risk, as the deciding side sees it.
    public struct Outlook: Codable, Hashable, Sendable {
        /// The side's contest odds in that war.
        public var odds: Double
        /// The opponent's share of Lanchester fighting strength in that war.
        public var opponentShare: Double
        public init(odds: Double, opponentShare: Double) {
            self.odds = odds
            self.opponentShare = opponentShare
        }
    }

    /// What a side weighs when it chooses.
    public struct Situation: Codable, Hashable, Sendable {
        public var rung: Int
        /// The rungs within reach, lowest first.
        public var options: [Int]
        /// Already at a war rung: both outlooks are the war being fought.
        public var atWar: Bool
        public var ifAttacking: Outlook
        public var ifAttacked: Outlook
        /// The side's sanctions damage, % of GDP.
        public var pain: Double
        /// Warheads of the opposing sides (0 when none of them is nuclear-armed).
        public var opponentWarheads: Double
        /// The opposing leader's stake e (ceiling of its desperation hazard).
        public var opponentStake: Double
    }

    /// h = e / (1 + exp(−κ (θ − s))): the hazard per turn that a side holding share s of the
    /// fighting strength turns to nuclear weapons.
    public static func hazard(share s: Double, stake e: Double, _ p: DoctrineParameters) -> Double {
        e / (1 + exp(-p.hazardSteepness * (p.hazardShare - s)))
    }

    /// D = D_max (1 − exp(−W / W_ref)).
    public static func nuclearCost(warheads w: Double, _ p: DoctrineParameters) -> Double {
        w > 0 ? p.nuclearDamage * (1 - exp(-w / p.warheadScale)) : 0
    }

    /// U(m) for one option.
    public static func utility(of m: Int, in s: Situation, ladder: Ladder, _ p: DoctrineParameters) -> Double {
        utility(of: m, in: s, ladder: ladder, p, Shared(s, ladder: ladder, p))
    }

    /// The terms of U(m) that do not depend on m: computed once for all the options of a
    /// choice rather than once for each (their exponentials were a sixth of a choice: issue
    /// 14's profile). The same arithmetic, so the same figures.
    struct Shared {
        /// The lowest war rung.
        var firstWarRung: Int?
        /// q.
        var statusQuo: Double
        /// D.
        var nuclearCost: Double
        /// h in the war the side would start, and in the war the opponent would start (0
        /// when D is 0: the hazard is not needed then).
        var hazardIfAttacking = 0.0, hazardIfAttacked = 0.0

        init(_ s: Situation, ladder: Ladder, _ p: DoctrineParameters) {
            firstWarRung = ladder.firstWarRung
            statusQuo = p.statusQuo - p.painWeight * s.pain
            nuclearCost = Doctrine.nuclearCost(warheads: s.opponentWarheads, p)
            if nuclearCost > 0 {
                hazardIfAttacked = hazard(share: s.ifAttacked.opponentShare, stake: s.opponentStake, p)
                hazardIfAttacking = s.atWar ? hazardIfAttacked : hazard(share: s.ifAttacking.opponentShare, stake: s.opponentStake, p)
            }
        }
    }

    /// U(m) with the terms that all options share.
    static func utility(of m: Int, in s: Situation, ladder: Ladder, _ p: DoctrineParameters, _ shared: Shared) -> Double {
        let attacking = !s.atWar && m > s.rung
        let outlook = attacking ? s.ifAttacking : s.ifAttacked
        let psi = ladder.warShare(m)
        let c = ladder.cost(max(m, shared.firstWarRung ?? m))
        let q = shared.statusQuo
        let d = shared.nuclearCost
        var risk = 0.0
        if d > 0 {
            let h = attacking ? shared.hazardIfAttacking : shared.hazardIfAttacked
            risk = 1 - (1 - ladder.risk(m)) * (1 - psi * h)
        }
        return q + psi * (outlook.odds - c - q) - p.rungCost * Double(m) - risk * d
    }

    /// P(m) ∝ exp(λ U(m)), computed without overflow.
    public static func probabilities(_ utilities: [Double], rationality lambda: Double) -> [Double] {
        var p = utilities
        normalise(&p, rationality: lambda)
        return p
    }

    /// ``probabilities(_:rationality:)`` in place: the utilities become the probabilities,
    /// so a turn's choice makes no arrays of weights (issue 14's profile).
    static func normalise(_ u: inout [Double], rationality lambda: Double) {
        guard let top = u.max() else { return }
        var total = 0.0
        for i in u.indices {
            u[i] = exp(lambda * (u[i] - top))
            total += u[i]
        }
        for i in u.indices { u[i] /= total }
    }

    /// The option a uniform draw `u` in [0, 1) picks (inverse CDF).
    public static func pick(_ probabilities: [Double], u: Double) -> Int {
        var cumulative = 0.0
        for (i, x) in probabilities.enumerated() {
            cumulative += x
            if u < cumulative { return i }
        }
        return probabilities.count - 1
    }
}
