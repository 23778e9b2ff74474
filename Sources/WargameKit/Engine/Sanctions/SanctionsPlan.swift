/// The figures of a turn of sanctions that depend only on the model's inputs (trade,
/// packages, alignments, parameters) and on which packages are active: the flow each
/// package blocks, each member's rerouting capacity, and what secondary sanctions would
/// cost it. ``SanctionsModel/advance(turn:rng:plan:)`` computes them once and reuses them
/// while the inputs and the active packages stay the same (a run of a scenario), instead
/// of looking up the trade matrix by state names every turn, which was most of the cost
/// of a turn of sanctions (issue 14's profile). The arithmetic is the model's own, in the
/// same order, so the figures are the same to the bit.
///
/// An immutable class: a scenario is copied several times a turn (for atomicity, for undo),
/// and one reference copies faster than a dozen arrays.
final class SanctionsPlan: Sendable {
    /// What the plan was computed from; compared with `==`, which is quick while the
    /// arrays share their storage.
    private let trade: TradeMatrix
    private let packages: [SanctionPackage]
    private let alignments: [Alignment]
    private let parameters: SanctionsParameters

    /// Indices of the active packages, in model order.
    let active: [Int]
    /// The distinct targets of the active packages, in order of first appearance.
    let targets: [String]
    /// Per active package: the index of its target in `targets`.
    let packageTarget: [Int]
    /// Per active package: B_s per sanctioner (in the package's order) and their sum.
    let blockedBy: [[StateAmount]]
    let blocked: [Double]
    /// Per target: B_t, the flow its active packages block, summed in package order.
    let targetBlocked: [Double]
    /// Per alignment: the index of its beneficiary in `targets`, nil when no active
    /// package targets it (then its members reroute nothing).
    let alignmentTarget: [Int?]
    /// The members of all alignments, counted once per alignment they are in.
    let memberCount: Int
    /// Per member, in alignment then member order: κ_m, the capacity of a member still in.
    let capacity: [Double]
    /// Per member, in alignment then member order: the trade a detected member loses to
    /// secondary sanctions in a turn, σ Δ Σ_s (X[m][s] + X[s][m]) over the sanctioners
    /// that impose them.
    let secondaryCost: [Double]

    /// Where a turn puts each state's GDP loss in a state it filled from the start (per
    /// active package: its sanctioners', then its target's), tried first by the turn and
    /// by ``SanctionsModel/gdpLossPct(_:plan:)``: looking the codes up among all the states
    /// was a large part of both (issue 14's profile). Per active package and sanctioner,
    /// and per active package for its target.
    let sanctionerLossSlot: [[Int]]
    let targetLossSlot: [Int]
    /// The states a turn adds GDP loss to, targets first (they are asked for every turn),
    /// with their GDP in `gdp` (0 when unknown) and their slot as above: GDP is looked up
    /// here rather than hashed in the model's dictionary, while that is still `gdp`.
    let lossStates: [String]
    let lossGDP: [Double]
    let lossSlot: [Int]
    /// The model's GDP when the plan was made; `lossGDP` holds only while it is unchanged.
    let gdp: [String: Double]
    /// Whether the state this plan travels with has a record for every package and
    /// alignment member of its inputs (`SanctionsModel.advance` makes them).
    let recordsPrepared: Bool

    /// The same plan, for a state whose records have been made.
    func withRecordsPrepared() -> SanctionsPlan { SanctionsPlan(copying: self, recordsPrepared: true) }

    private init(copying p: SanctionsPlan, recordsPrepared: Bool) {
        (trade, packages, alignments, parameters) = (p.trade, p.packages, p.alignments, p.parameters)
        (active, targets, packageTarget, blockedBy, blocked) = (p.active, p.targets, p.packageTarget, p.blockedBy, p.blocked)
        (targetBlocked, alignmentTarget, memberCount, capacity, secondaryCost) =
            (p.targetBlocked, p.alignmentTarget, p.memberCount, p.capacity, p.secondaryCost)
        (sanctionerLossSlot, targetLossSlot) = (p.sanctionerLossSlot, p.targetLossSlot)
        (lossStates, lossGDP, lossSlot, gdp) = (p.lossStates, p.lossGDP, p.lossSlot, p.gdp)
        self.recordsPrepared = recordsPrepared
    }

    init(_ model: SanctionsModel, active: [Int]) {
        recordsPrepared = false
        let p = model.parameters, trade = model.trade
        self.trade = trade
        packages = model.packages
        alignments = model.alignments
        parameters = p
        self.active = active
        var targets: [String] = [], packageTarget: [Int] = [], blockedBy: [[StateAmount]] = [], blocked: [Double] = []
        for i in active {
            let pk = model.packages[i]
            let bs = pk.sanctioners.map {
                StateAmount(state: $0, amount: max(0, pk.blocked(by: $0, trade: trade, turnYears: p.turnYears)))
            }
            blockedBy.append(bs)
            blocked.append(bs.reduce(0) { $0 + $1.amount })
            if let t = targets.firstIndex(of: pk.target) {
                packageTarget.append(t)
            } else {
                packageTarget.append(targets.count)
                targets.append(pk.target)
            }
        }
        self.targets = targets
        self.packageTarget = packageTarget
        self.blockedBy = blockedBy
        self.blocked = blocked
        var targetBlocked = [Double](repeating: 0, count: targets.count)
        for k in active.indices { targetBlocked[packageTarget[k]] += blocked[k] }  // as a turn summed it
        self.targetBlocked = targetBlocked
        alignmentTarget = model.alignments.map { targets.firstIndex(of: $0.beneficiary) }
        memberCount = model.alignments.reduce(0) { $0 + $1.members.count }
        // κ_m: a share of the member's trade with the target, plus a share of its trade
        // with the target's active sanctioners (access to the goods the sanctions withhold).
        capacity = model.alignments.flatMap { a in
            let share = a.capacity ?? p.capacity
            let sanctioners = model.activeSanctioners(of: a.beneficiary, active: active, secondaryOnly: false)
            return a.members.map { m in
                let access = sanctioners.reduce(0) { $0 + trade.trade(between: m, and: $1) }
                return max(0, (share * trade.trade(between: m, and: a.beneficiary) + p.access * access) * p.turnYears)
            }
        }
        secondaryCost = model.alignments.flatMap { a in
            let punishers = model.activeSanctioners(of: a.beneficiary, active: active, secondaryOnly: true)
            return a.members.map { m in
                p.secondaryShare * p.turnYears * punishers.reduce(0) { $0 + trade.trade(between: m, and: $1) }
            }
        }

        // The order in which a turn first adds each state's loss to a new state.
        var order: [String] = []
        func slot(_ s: String) -> Int {
            if let i = order.firstIndex(of: s) { return i }
            order.append(s)
            return order.count - 1
        }
        sanctionerLossSlot = blockedBy.map { $0.map { slot($0.state) } }
        targetLossSlot = active.map { slot(model.packages[$0].target) }
        lossStates = targets + order.filter { !targets.contains($0) }
        lossGDP = lossStates.map { model.gdp[$0] ?? 0 }
        lossSlot = lossStates.map { slot($0) }
        gdp = model.gdp
    }

    /// ``SanctionsModel/gdpLossPct(_:)`` of `model` from the plan's figures, nil when the
    /// plan does not know `code` or `model`'s GDP is no longer the plan's.
    func gdpLossPct(_ code: String, in model: SanctionsModel) -> Double? {
        guard let i = lossStates.firstIndex(of: code), gdp == model.gdp else { return nil }
        let slots = model.state.gdpLossSlots
        let loss = slots.index(of: code, hint: lossSlot[i]).map { slots.values[$0] } ?? 0
        let y = lossGDP[i]
        return y > 0 ? 100 * loss / y : 0
    }

    /// Whether the plan holds for `model` with the packages `active`.
    func holds(for model: SanctionsModel, active: [Int]) -> Bool {
        self.active == active && parameters == model.parameters && packages == model.packages
            && alignments == model.alignments && trade == model.trade
    }

    /// Whether the plan holds for `model` at `turn`: ``holds(for:active:)`` without making
    /// the list of active packages (a turn's allocation saved).
    func holds(for model: SanctionsModel, turn: Int) -> Bool {
        guard parameters == model.parameters && packages == model.packages
                && alignments == model.alignments && trade == model.trade else { return false }
        var k = 0
        for i in packages.indices where packages[i].startTurn <= turn {
            guard k < active.count && active[k] == i else { return false }
            k += 1
        }
        return k == active.count
    }
}
