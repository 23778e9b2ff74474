import Foundation

/// Coalition power, contest odds and theatre forces from capabilities and alliances.
public enum ForceBalance {
    /// The balance between side a and side b.
    ///
    /// P_S = Σ w_i·CINC_i. The leader and declared members weigh 1. An ally called for the
    /// side in this contingency (``Commitments/calls(side:opponents:alliances:attacks:)``:
    /// who attacks decides which pacts cover, bilateral patrons before multilateral
    /// treaties, each ally once) weighs the reliability of its commitment;
    /// `honoured[state]` (after invocation) replaces it with 1 or 0, and with `invokedOnly`
    /// an ally that was not invoked weighs 0. Odds: p_a = P_a^k / (P_a^k + P_b^k), the ratio form
    /// of Hirshleifer (1989), k = `decisiveness`.
    ///
    /// - Throws: ``ForceBalanceError/unknownState(_:)`` for a side member, ally, attacker or
    ///   honoured state missing from `capabilities`; ``ForceBalanceError/invalidParameter(_:)``
    ///   for a state on both sides, an attacker on neither, a reliability outside 0...1 or a
    ///   decisiveness that is not a positive finite number.
    public static func balance(a: (leader: String, members: [String]), b: (leader: String, members: [String]),
                               alliances: [Alliance], capabilities: Capabilities, attacker: String? = nil,
                               honoured: [String: Bool] = [:], invokedOnly: Bool = false,
                               decisiveness: Double = 1, listUncovered: Bool = true) throws -> Balance {
        guard decisiveness.isFinite, decisiveness > 0 else {
            throw ForceBalanceError.invalidParameter("decisiveness must be a positive number, got \(decisiveness)")
        }
        for al in alliances where !(al.reliability >= 0 && al.reliability <= 1) {  // NaN fails too
            throw ForceBalanceError.invalidParameter("reliability of '\(al.name)' must be in 0...1, got \(al.reliability)")
        }
        func side(_ s: (leader: String, members: [String])) -> [String] {
            var seen = Set<String>(), out: [String] = []
            for x in [s.leader] + s.members where seen.insert(x).inserted { out.append(x) }
            return out
        }
        let sideA = side(a), sideB = side(b)
        for x in sideA + sideB where !capabilities.contains(x) { throw ForceBalanceError.unknownState(x) }
        if let both = sideA.first(where: sideB.contains) {
            throw ForceBalanceError.invalidParameter("'\(both)' is on both sides")
        }
        if let attacker, !sideA.contains(attacker), !sideB.contains(attacker) {
            if !capabilities.contains(attacker) { throw ForceBalanceError.unknownState(attacker) }
            throw ForceBalanceError.invalidParameter("attacker '\(attacker)' is on neither side")
        }
        if !honoured.isEmpty {
            for x in honoured.keys.sorted() where !capabilities.contains(x) { throw ForceBalanceError.unknownState(x) }
        }

        let powerA = try sidePower(sideA, opponents: sideB, alliances: alliances, capabilities: capabilities,
                                   attacks: attacker.map { sideA.contains($0) }, honoured: honoured,
                                   invokedOnly: invokedOnly, listUncovered: listUncovered)
        let powerB = try sidePower(sideB, opponents: sideA, alliances: alliances, capabilities: capabilities,
                                   attacks: attacker.map { sideB.contains($0) }, honoured: honoured,
                                   invokedOnly: invokedOnly, listUncovered: listUncovered)
        let pa = powerA.power, pb = powerB.power
        let ratio = pb > 0 ? pa / pb : (pa > 0 ? .infinity : 1)
        return Balance(a: powerA, b: powerB, ratio: ratio, pWin: contest(pa, pb, decisiveness: decisiveness),
                       decisiveness: decisiveness)
    }

    /// Ratio-form contest success p_a = P_a^k / (P_a^k + P_b^k) (Hirshleifer 1989); 0.5 if
    /// both are 0. Computed as 1 / (1 + (P_b/P_a)^k) so large k does not overflow.
    public static func contest(_ pa: Double, _ pb: Double, decisiveness k: Double = 1) -> Double {
        if pa <= 0 && pb <= 0 { return 0.5 }
        if pa <= 0 { return 0 }
        if pb <= 0 { return 1 }
        return 1 / (1 + pow(pb / pa, k))
    }

    /// `attacks`: nil if no attacker is given, else whether this side is the attacker.
    /// Allies and their commitments follow ``Commitments/calls(side:opponents:alliances:attacks:)``;
    /// with `invokedOnly` (once war has begun) an ally weighs only through its answer.
    static func sidePower(_ side: [String], opponents: [String], alliances: [Alliance], capabilities: Capabilities,
                          attacks: Bool?, honoured: [String: Bool], invokedOnly: Bool = false,
                          listUncovered: Bool = true) throws -> SidePower {
        func cinc(_ s: String) -> Double { capabilities[s]?.cinc ?? 0 }
        var contributions = side.map { Contribution(state: $0, alliance: nil, weight: 1, cinc: cinc($0)) }
        let calls = Commitments.calls(side: side, opponents: opponents, alliances: alliances, attacks: attacks)
        for call in calls {
            guard capabilities[call.ally] != nil else { throw ForceBalanceError.unknownState(call.ally) }
            var weight = invokedOnly ? 0 : call.alliance.reliability
            if let h = honoured[call.ally] { weight = h ? 1 : 0 }
            contributions.append(Contribution(state: call.ally, alliance: call.alliance.name, weight: weight,
                                              cinc: cinc(call.ally)))
        }
        // Allies no commitment brings into this contingency are listed at weight 0, so a
        // balance shows who stays out (the engine's own odds skip this).
        var listed = Set(side + opponents + calls.map(\.ally))
        for al in alliances where listUncovered && al.members.contains(where: side.contains) {
            for m in al.members where listed.insert(m).inserted {
                guard capabilities.contains(m) else { throw ForceBalanceError.unknownState(m) }
                contributions.append(Contribution(state: m, alliance: nil, weight: 0, cinc: cinc(m)))
            }
        }
        return SidePower(leader: side[0], members: Array(side.dropFirst()),
                         power: contributions.reduce(0) { $0 + $1.power }, contributions: contributions)
    }

    /// A side's theatre force and fire effectiveness (docs/force-balance.md).
    ///
    /// F_i = milper_i × commit_i, commit = `sideCommitment` for the leader and members and
    /// `allyCommitment` × weight for an ally (an ally expected to stay out brings nothing).
    /// q_i = (r_i / median_j r_j)^γ with r = milex/milper over every state in `capabilities`
    /// that reports both (milper > 0); a state without r counts at median quality (q = 1).
    /// α = baseRate × Σ F_i q_i / Σ F_i; a side with no force has α = 0.
    public static func theatre(_ side: SidePower, capabilities: Capabilities,
                               parameters: TheatreParameters = TheatreParameters()) -> (force: Double, effectiveness: Double) {
        theatre(side, capabilities: capabilities, parameters: parameters, median: medianSpendingPerSoldier(capabilities))
    }

    /// ``theatre(_:capabilities:parameters:)`` with the world median computed once by the caller.
    static func theatre(_ side: SidePower, capabilities: Capabilities, parameters: TheatreParameters,
                        median: Double?) -> (force: Double, effectiveness: Double) {
        let core = Set([side.leader] + side.members)
        var force = 0.0, weighted = 0.0
        for c in side.contributions {
            guard let s = capabilities[c.state], let milper = s.milper else { continue }
            let commit = core.contains(c.state) ? parameters.sideCommitment : parameters.allyCommitment * c.weight
            let f = milper * commit
            var q = 1.0
            if let median, median > 0, let milex = s.milex, milper > 0 {
                q = pow(milex / milper / median, parameters.qualityExponent)
            }
            force += f
            weighted += f * q
        }
        return (force, force > 0 ? parameters.baseRate * weighted / force : 0)
    }

    /// World median of milex/milper over states reporting both with milper > 0.
    static func medianSpendingPerSoldier(_ capabilities: Capabilities) -> Double? {
        let r = capabilities.states.compactMap { s -> Double? in
            guard let x = s.milex, let p = s.milper, p > 0 else { return nil }
            return x / p
        }.sorted()
        guard !r.isEmpty else { return nil }
        return r.count % 2 == 1 ? r[r.count / 2] : (r[r.count / 2 - 1] + r[r.count / 2]) / 2
    }
}
