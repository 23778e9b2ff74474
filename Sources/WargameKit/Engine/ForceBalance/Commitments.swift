/// Which commitments answer for a side in a war, and through which treaty each ally is
/// called: the one rule that both the odds before a war (expected weights) and the
/// invocations when it starts (answers drawn) follow.
public enum Commitments {
    /// An ally and the commitment it is called under.
    public struct Call: Hashable, Sendable {
        public var ally: String
        public var alliance: Alliance
    }

    /// The allies that answer for `side` against `opponents`, each once.
    ///
    /// - `attacks`: true when the side attacks, false when it is attacked, nil when no
    ///   attacker is given (a defensive reading: the side's defence pacts count).
    /// - A commitment covers when it has a member on the side, its obligation fits
    ///   (`defense` unless the side attacks, `offense` only when it attacks; the other
    ///   obligations add no power), and its `against` list, if any, names an opponent.
    /// - Format: a side that holds a covering *bilateral* commitment calls its bilateral
    ///   partners and invokes none of its multilateral treaties (a state with a patron
    ///   appeals to the patron: Armenia, 2020); otherwise it invokes its multilateral ones.
    /// - An ally bound by several covering commitments answers once, under the most
    ///   reliable (the first of equals, in alliance order). Allies come in alliance order,
    ///   then member order; states on either side are not allies.
    public static func calls(side: [String], opponents: [String], alliances: [Alliance], attacks: Bool?) -> [Call] {
        let covering = alliances.filter { al in
            guard al.members.contains(where: side.contains) else { return false }
            if let against = al.against, !against.isEmpty, !opponents.contains(where: against.contains) { return false }
            switch al.obligation {
            case .defense: return attacks != true
            case .offense: return attacks == true
            case .neutrality, .nonaggression, .consultation: return false
            }
        }
        let bilateral = covering.contains { $0.format == .bilateral }
        let invoked = covering.filter { !bilateral || $0.format == .bilateral }
        var calls: [Call] = []
        var index: [String: Int] = [:]
        for al in invoked {
            for m in al.members where !side.contains(m) && !opponents.contains(m) {
                if let k = index[m] {
                    if al.reliability > calls[k].alliance.reliability { calls[k].alliance = al }
                } else {
                    index[m] = calls.count
                    calls.append(Call(ally: m, alliance: al))
                }
            }
        }
        return calls
    }
}
