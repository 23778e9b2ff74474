import Foundation

/// The sanctions model: trade blocked by packages, rerouted through alignments, detected,
/// punished by secondary sanctions, and turned into GDP damage. docs/sanctions.md gives
/// every formula with its reference and default.
///
/// A value type: the inputs and the evolving `state` copy together, and the only source of
/// chance is the generator passed to `advance`, drawn in a fixed order, so the same seed
/// reproduces a run bit for bit.
public struct SanctionsModel: Codable, Hashable, Sendable {
    public var parameters: SanctionsParameters
    public var trade: TradeMatrix
    /// Annual GDP per state, USD bn.
    public var gdp: [String: Double]
    /// Packages in the order they were imposed; reports follow this order.
    public var packages: [SanctionPackage]
    /// Alignments in the order they were formed; detection draws follow this order.
    public var alignments: [Alignment]
    public var state: SanctionsState

    public init(parameters: SanctionsParameters = SanctionsParameters(), trade: TradeMatrix = TradeMatrix(),
                gdp: [String: Double] = [:], packages: [SanctionPackage] = [],
                alignments: [Alignment] = [], state: SanctionsState = SanctionsState()) {
        self.parameters = parameters
        self.trade = trade
        self.gdp = gdp
        self.packages = packages
        self.alignments = alignments
        self.state = state
    }

    // MARK: - Validation

    /// Checks every input and prepares the state records.
    ///
    /// Rejects values out of range, duplicate names, a sanctioner that is its own target, a
    /// state that both sanctions a target and helps it through an alignment (a coalition
    /// member cannot also reroute around it), a member in two alignments helping the same
    /// state, a sanctioner in two packages against the same target (their coverages would
    /// stack past the trade itself), and a target without GDP. Duplicate sectors in a
    /// package are merged (mutating).
    ///
    /// - Throws: `SanctionsInputError` naming the first problem.
    public mutating func validate() throws {
        try parameters.validate()
        for (s, y) in gdp.sorted(by: { $0.key < $1.key }) {
            guard !s.isEmpty else { throw SanctionsInputError("GDP given for an empty state code") }
            guard y.isFinite, y > 0 else { throw SanctionsInputError("GDP of \(s) must be positive, got \(y)") }
        }
        for f in trade.flows {
            guard !f.exporter.isEmpty, !f.importer.isEmpty else { throw SanctionsInputError("trade flow with an empty state code") }
            guard f.exporter != f.importer else { throw SanctionsInputError("trade flow from \(f.exporter) to itself") }
            guard f.value.isFinite, f.value >= 0 else {
                throw SanctionsInputError("trade flow \(f.exporter)→\(f.importer) must be ≥ 0, got \(f.value)")
            }
        }

        var packageNames = Set<String>()
        var sanctionerOf: [String: [String: String]] = [:]  // target → sanctioner → package
        for i in packages.indices {
            let p = packages[i]
            let name = "sanction '\(p.name)'"
            guard !p.name.isEmpty else { throw SanctionsInputError("a sanction has an empty name") }
            guard packageNames.insert(p.name).inserted else { throw SanctionsInputError("two sanctions named '\(p.name)'") }
            guard !p.target.isEmpty else { throw SanctionsInputError("\(name) has no target") }
            guard !p.sanctioners.isEmpty else { throw SanctionsInputError("\(name) has no sanctioners") }
            guard p.coverage.isFinite, (0...1).contains(p.coverage) else {
                throw SanctionsInputError("\(name): coverage must be in [0, 1], got \(p.coverage)")
            }
            guard let y = gdp[p.target], y > 0 else {
                throw SanctionsInputError("\(name): target \(p.target) has no GDP (give it with economy)")
            }
            if let sectors = p.sectors {
                guard !sectors.isEmpty else { throw SanctionsInputError("\(name): empty sector list (omit it to cover all trade)") }
                var seen = Set<String>()
                packages[i].sectors = sectors.filter { seen.insert($0).inserted }
            }
            var seen = Set<String>()
            for s in p.sanctioners {
                guard !s.isEmpty else { throw SanctionsInputError("\(name) has an empty sanctioner code") }
                guard s != p.target else { throw SanctionsInputError("\(name): \(s) cannot sanction itself") }
                guard seen.insert(s).inserted else { throw SanctionsInputError("\(name) lists \(s) twice") }
                if let other = sanctionerOf[p.target]?[s] {
                    throw SanctionsInputError("\(s) sanctions \(p.target) in both '\(other)' and '\(p.name)'")
                }
                sanctionerOf[p.target, default: [:]][s] = p.name
            }
        }

        var alignmentNames = Set<String>()
        var memberOf: [String: [String: String]] = [:]  // beneficiary → member → alignment
        for a in alignments {
            let name = "alignment '\(a.name)'"
            guard !a.name.isEmpty else { throw SanctionsInputError("an alignment has an empty name") }
            guard alignmentNames.insert(a.name).inserted else { throw SanctionsInputError("two alignments named '\(a.name)'") }
            guard !a.beneficiary.isEmpty else { throw SanctionsInputError("\(name) has no beneficiary") }
            guard !a.members.isEmpty else { throw SanctionsInputError("\(name) has no members") }
            guard a.visibility.isFinite, (0...1).contains(a.visibility) else {
                throw SanctionsInputError("\(name): visibility must be in [0, 1], got \(a.visibility)")
            }
            guard a.commission.isFinite, (0...1).contains(a.commission) else {
                throw SanctionsInputError("\(name): commission must be in [0, 1], got \(a.commission)")
            }
            if let c = a.capacity, !(c.isFinite && (0...1).contains(c)) {
                throw SanctionsInputError("\(name): capacity must be in [0, 1], got \(c)")
            }
            for m in a.members {
                guard !m.isEmpty else { throw SanctionsInputError("\(name) has an empty member code") }
                guard m != a.beneficiary else { throw SanctionsInputError("\(name): \(m) cannot reroute for itself") }
                if let p = sanctionerOf[a.beneficiary]?[m] {
                    throw SanctionsInputError("\(m) both sanctions \(a.beneficiary) in '\(p)' and helps it in '\(a.name)'")
                }
                if let other = memberOf[a.beneficiary]?[m] {
                    throw SanctionsInputError(other == a.name
                        ? "\(name) lists \(m) twice"
                        : "\(m) helps \(a.beneficiary) in both '\(other)' and '\(a.name)'")
                }
                memberOf[a.beneficiary, default: [:]][m] = a.name
            }
        }
        prepareRecords()
    }

    /// Creates missing records, so `advance` and `damage` can look them up. Looks first:
    /// after the first turn every record exists, and rewriting them would copy them.
    private mutating func prepareRecords() {
        // Room for the records and sums a turn adds, made once in a new state rather than
        // grown one entry at a time on the first turn of every run (issue 14's profile).
        if state.packageSlots.isEmpty { state.packageSlots.reserveCapacity(packages.count) }
        if state.alignmentSlots.isEmpty { state.alignmentSlots.reserveCapacity(alignments.count) }
        if state.gdpLossSlots.isEmpty { state.gdpLossSlots.reserveCapacity(packages.reduce(0) { $0 + $1.sanctioners.count + 1 }) }
        for p in packages { _ = state.packageSlots.index(of: p.name, inserting: PackageSlot(sanctioners: p.sanctioners.count)) }
        for a in alignments {
            let i = state.alignmentSlots.index(of: a.name, inserting: AlignmentSlot(members: a.members.count))
            if a.members.allSatisfy({ state.alignmentSlots.values[i].members.index(of: $0) != nil }) { continue }
            for m in a.members { _ = state.alignmentSlots.values[i].members.index(of: m, inserting: MemberRecord()) }
        }
    }

    // MARK: - One turn

    /// Leakage figures for one target this turn, computed before any draw.
    private struct TargetFlows {
        /// B_t, from the plan.
        var blocked: Double
        var capacity: Double = 0
        var leaked: Double = 0
        /// Σ_p a(τ_p) · B_p: divided by `blocked`, the blocked-weighted mean adaptation ā.
        var adaptedBlocked: Double = 0
        /// Σ_m min(φ_m, μ) · L_m: the commission before adaptation.
        var commissionBase: Double = 0
        /// ā = Σ_p a(τ_p) B_p / B_t, the adaptation of the target's blocked trade as a whole.
        var meanAdaptation: Double { blocked > 0 ? adaptedBlocked / blocked : 0 }
    }

    /// An alignment member's figures during one turn; its record is changed in the state.
    private struct MemberTurn {
        /// Where its record is in its alignment's record.
        var slot: Int
        /// κ_m when the member is still in, else 0.
        var kappa: Double
        var leaked: Double = 0
        var income: Double = 0
        var detectP: Double = 0
    }

    /// Advances the model through `turn` and returns what happened.
    ///
    /// Order within a turn: blocked flow per active package; leakage through members still
    /// in their alignment, up to capacity, shared by capacity; one detection draw per
    /// alignment member, every turn, in alignment then member order (a member not at risk
    /// draws too, so the draws a member meets on a turn do not depend on the path so far);
    /// secondary-sanctions cost for detected members; pragmatic exits (effective from the
    /// next turn); GDP losses. Call `validate()` first: inputs it would reject give
    /// meaningless (but never crashing) results.
    public mutating func advance(turn: Int, rng: inout SeededGenerator) -> SanctionsTurn {
        var plan: SanctionsPlan?
        return advance(turn: turn, rng: &rng, plan: &plan)
    }

    /// ``advance(turn:rng:)`` with the figures that stay the same from turn to turn kept
    /// in `plan`, which is made again when it does not hold for this model and turn.
    /// Without `packageReports` the report's `packages` and `targetGDPLoss` stay empty (a
    /// scenario's turn reads only the events; building and freeing the figures per package
    /// was a tenth of a turn of sanctions): the state and the draws are the same.
    mutating func advance(turn: Int, rng: inout SeededGenerator, plan memo: inout SanctionsPlan?,
                          packageReports: Bool = true) -> SanctionsTurn {
        var report = SanctionsTurn(turn: turn)
        if memo?.holds(for: self, turn: turn) != true { memo = SanctionsPlan(self, active: activePackages(at: turn)) }
        // The records' look-ups are skipped once they were made for the plan's inputs in
        // this state (the plan travels with the state it was used on: a copy, an undo or
        // a loaded file brings its own, or none).
        if memo?.recordsPrepared != true || state.lastTurn == nil {
            prepareRecords()
            memo = memo?.withRecordsPrepared()
        }
        guard let plan = memo else { return report }
        // The figures per target and per member are scratch on the stack: allocating and
        // freeing arrays of them was a large part of a turn (issue 14's profile).
        withUnsafeTemporaryAllocation(of: TargetFlows.self, capacity: plan.targets.count) { flows in
            withUnsafeTemporaryAllocation(of: MemberTurn.self, capacity: plan.memberCount) { members in
                advance(turn: turn, rng: &rng, plan: plan, flows: flows, members: members,
                        packageReports: packageReports, report: &report)
            }
        }
        state.lastTurn = turn
        return report
    }

    /// ``advance(turn:rng:plan:packageReports:)`` without package reports, for a scenario's
    /// turn, which reads only the log lines. Not inlined: the turn's report is then made and
    /// destroyed here, where it is destroyed whole; destroyed in the scenario's turn, each of
    /// its arrays went through a generic path (issue 14's profile).
    @inline(never)
    mutating func advanceLogLines(turn: Int, rng: inout SeededGenerator, plan: inout SanctionsPlan?) -> [String] {
        advance(turn: turn, rng: &rng, plan: &plan, packageReports: false).events
    }

    /// The turn itself, with uninitialized scratch for each target and member (both hold
    /// only numbers, so they need no deinitializing).
    private mutating func advance(turn: Int, rng: inout SeededGenerator, plan: SanctionsPlan,
                                  flows: UnsafeMutableBufferPointer<TargetFlows>,
                                  members: UnsafeMutableBufferPointer<MemberTurn>,
                                  packageReports: Bool, report: inout SanctionsTurn) {
        let p = parameters

        // The blocked flow per target, and its sum weighted by each package's adaptation.
        for t in flows.indices { flows.initializeElement(at: t, to: TargetFlows(blocked: plan.targetBlocked[t])) }
        for k in plan.active.indices {
            flows[plan.packageTarget[k]].adaptedBlocked += plan.blocked[k] * adaptation(of: plan.active[k], at: turn).a
        }

        // Capacity of members still in (active or detected), with where their records are:
        // `j` counts the members of all alignments, as the plan and the scratch do.
        var j = 0
        for ai in alignments.indices {
            let slot = state.alignmentSlots.index(of: alignments[ai].name, hint: ai, inserting: AlignmentSlot())
            let names = alignments[ai].members, helps = plan.alignmentTarget[ai] != nil
            var sum = 0.0  // in member order, as the sum has always been made
            Self.update(&state.alignmentSlots.values[slot].members) { records in
                for mi in names.indices {
                    let record = records.index(of: names[mi], hint: mi, inserting: MemberRecord())
                    let kappa = helps && records.values[record].status != .left ? plan.capacity[j] : 0
                    members.initializeElement(at: j, to: MemberTurn(slot: record, kappa: kappa))
                    sum += kappa
                    j += 1
                }
            }
            if let t = plan.alignmentTarget[ai] { flows[t].capacity += sum }
        }
        for t in flows.indices { flows[t].leaked = min(flows[t].blocked, flows[t].capacity) }

        // Each member's leakage; L_m / κ_m is the same L / K for all members helping one
        // target, since leakage is shared in proportion to capacity. The rate per unit
        // rerouted is min(φ, μ) · ā: the target reroutes only while it costs no more than
        // going without, and the middlemen's margin shrinks as substitutes appear.
        j = 0
        for ai in alignments.indices {
            let range = j..<j + alignments[ai].members.count
            j = range.upperBound
            guard let t = plan.alignmentTarget[ai], flows[t].capacity > 0 else { continue }
            let f = flows[t]
            let rate = min(alignments[ai].commission, p.multiplier)
            for m in range {
                let leaked = f.leaked * members[m].kappa / f.capacity
                members[m].leaked = leaked
                members[m].income = rate * f.meanAdaptation * leaked
                flows[t].commissionBase += rate * leaked
            }
        }

        // Detection: one draw per member every turn, fixed order; only an undetected member
        // still rerouting can be detected.
        j = 0
        for ai in alignments.indices {
            let slot = state.alignmentSlots.index(of: alignments[ai].name, hint: ai, inserting: AlignmentSlot())
            for mi in alignments[ai].members.indices {
                var pm = 0.0
                let mt = members[j]
                if mt.leaked > 0 && mt.kappa > 0 {
                    pm = 1 - exp(-p.detectionRate * alignments[ai].visibility * mt.leaked / mt.kappa)
                    members[j].detectP = pm
                }
                j += 1
                guard rng.bernoulli(pm), state.alignmentSlots.values[slot].members.values[mt.slot].status == .active else {
                    continue
                }
                state.alignmentSlots.values[slot].members.values[mt.slot].status = .detected
                state.alignmentSlots.values[slot].members.values[mt.slot].detectedTurn = turn
                let event = MemberEvent(member: alignments[ai].members[mi], alignment: alignments[ai].name, turn: turn)
                report.detections.append(event)
                report.events.append(event.logLine("detected in"))
            }
        }

        // Secondary sanctions and pragmatic exits, on the records in the state, one access
        // to the alignment's record for all its members.
        j = 0
        for ai in alignments.indices {
            let slot = state.alignmentSlots.index(of: alignments[ai].name, hint: ai, inserting: AlignmentSlot())
            let names = alignments[ai].members, name = alignments[ai].name, pragmatic = alignments[ai].pragmatic
            let first = j
            j += names.count
            Self.update(&state.alignmentSlots.values[slot]) { r in
                for mi in names.indices {
                    let mt = members[first + mi]
                    let st = r.members.values[mt.slot].status
                    guard st != .left else { continue }
                    let cost = plan.secondaryCost[first + mi]
                    let expected = st == .detected ? cost : mt.detectP * cost
                    Self.update(&r.members.values[mt.slot]) { record in
                        record.leaked += mt.leaked
                        record.commissionIncome += mt.income
                        if pragmatic && expected > mt.income {
                            record.status = .left
                            record.leftTurn = turn
                            let event = MemberEvent(member: names[mi], alignment: name, turn: turn)
                            report.exits.append(event)
                            report.events.append(event.logLine("leaves"))
                        } else if st == .detected {
                            record.secondaryCost += cost
                        }
                    }
                    r.leaked += mt.leaked
                }
            }
        }

        // Per-package figures: the target's leakage and commission shared by blocked flow;
        // each package's commission adapts with its own τ, so Σ_p C_p = Σ_m income_m.
        var targetLoss: [Double] = []  // for the report only
        if packageReports { targetLoss = [Double](repeating: 0, count: flows.count) }
        for k in plan.active.indices {
            let i = plan.active[k]
            let (tau, a) = adaptation(of: i, at: turn)
            let t = plan.packageTarget[k], f = flows[t], b = plan.blocked[k]
            let share = f.blocked > 0 ? b / f.blocked : 0
            let l = f.leaked * share
            let c = f.commissionBase * share * a
            let u = b - l
            let loss = p.multiplier * u * a + c
            let bs = plan.blockedBy[k]
            if packageReports {
                var byMember: [StateAmount] = []
                j = 0
                for ai in alignments.indices {
                    let names = alignments[ai].members
                    defer { j += names.count }
                    guard plan.alignmentTarget[ai] == t else { continue }
                    for mi in names.indices {
                        byMember.append(StateAmount(state: names[mi], amount: members[j + mi].leaked * share))
                    }
                }
                report.packages.append(PackageTurn(
                    name: packages[i].name, target: packages[i].target, tau: tau, adaptation: a, blocked: b,
                    blockedBySanctioner: bs, leaked: l, leakedByMember: byMember, unreplaced: u, commission: c,
                    targetGDPLoss: loss,
                    sanctionerCost: bs.map { StateAmount(state: $0.state, amount: p.multiplier * $0.amount * a) }))
                targetLoss[t] += loss
            }

            // Records found where a turn put them (see `Slots.index(of:hint:)`).
            let slot = state.packageSlots.index(of: packages[i].name, hint: i, inserting: PackageSlot())
            Self.update(&state.packageSlots.values[slot]) { record in
                // Saturating: a counter from a save file is checked on load, but never trap here.
                let (active, wrapped) = record.turnsActive.addingReportingOverflow(1)
                record.turnsActive = wrapped ? .max : active
                record.blocked += b
                record.leaked += l
                record.unreplaced += u
                record.commission += c
                record.targetLoss += loss
                for s in bs.indices {
                    record.blockedBySanctioner.values[
                        record.blockedBySanctioner.index(of: bs[s].state, hint: s, inserting: 0)] += bs[s].amount
                }
                for s in bs.indices {
                    record.sanctionerCost.values[
                        record.sanctionerCost.index(of: bs[s].state, hint: s, inserting: 0)] += p.multiplier * bs[s].amount * a
                }
            }
            let lossSlots = plan.sanctionerLossSlot[k]
            for s in bs.indices {
                state.gdpLossSlots.values[
                    state.gdpLossSlots.index(of: bs[s].state, hint: lossSlots[s], inserting: 0)] += p.multiplier * bs[s].amount * a
            }
            state.gdpLossSlots.values[
                state.gdpLossSlots.index(of: packages[i].target, hint: plan.targetLossSlot[k], inserting: 0)] += loss
        }
        if packageReports {
            let byTarget = plan.targets.indices.map { StateAmount(state: plan.targets[$0], amount: targetLoss[$0]) }
            report.targetGDPLoss = byTarget.count > 1 ? byTarget.sorted { $0.state < $1.state } : byTarget
        }
    }

    /// τ, the turns since package `i` began, and a(τ), its adaptation factor, at `turn`.
    private func adaptation(of i: Int, at turn: Int) -> (tau: Int, a: Double) {
        // Overflow-safe: start turns come from scripts and may be anything.
        let (elapsed, overflow) = turn.subtractingReportingOverflow(packages[i].startTurn)
        let tau = overflow ? Int.max : elapsed
        return (tau, parameters.adaptation(turns: tau))
    }

    /// Indices of the packages that apply at `turn`, in model order.
    func activePackages(at turn: Int) -> [Int] {
        packages.indices.filter { packages[$0].startTurn <= turn }
    }

    /// Runs `body` on the record in place (one access, so its arrays are not copied).
    private static func update<T>(_ record: inout T, _ body: (inout T) -> Void) {
        body(&record)
    }

    /// Sanctioners of active packages against `target` (only those imposing secondary
    /// sanctions when `secondaryOnly`), without repeats, in package then sanctioner order.
    func activeSanctioners(of target: String, active: [Int], secondaryOnly: Bool) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for i in active where packages[i].target == target && (packages[i].secondary || !secondaryOnly) {
            for s in packages[i].sanctioners where seen.insert(s).inserted { result.append(s) }
        }
        return result
    }


    // MARK: - Reports

    /// `damage(state).gdpLossPct` alone: the sides' views and the turn's report need only
    /// this, and the whole report cost a tenth of a turn (issue 14's profile).
    public func gdpLossPct(_ state: String) -> Double {
        let loss = self.state.gdpLossSlots[state] ?? 0
        let y = gdp[state] ?? 0
        return y > 0 ? 100 * loss / y : 0
    }

    /// ``gdpLossPct(_:)`` with the plan of the model's turns, or nil: the GDP is taken from
    /// the plan while the model's is the one it was made with, and the loss is looked for
    /// first where the plan expects it, so the figure is the same whatever the plan, for a
    /// tenth of the cost of hashing the code in `gdp` (issue 14's profile).
    func gdpLossPct(_ code: String, plan: SanctionsPlan?) -> Double {
        plan?.gdpLossPct(code, in: self) ?? gdpLossPct(code)
    }

    /// Cumulative damage seen from `state` (see `Damage`).
    public func damage(_ state: String) -> Damage {
        var d = Damage(state: state, gdpLoss: self.state.gdpLossSlots[state] ?? 0, gdpLossPct: gdpLossPct(state),
                       blocked: 0, leaked: 0, unreplaced: 0, commission: 0, bySanctioner: [], byMember: [])
        var sanctionerIndex: [String: Int] = [:]
        for p in packages where p.target == state {
            let r = self.state.packageSlots[p.name] ?? PackageSlot()
            d.blocked += r.blocked
            d.leaked += r.leaked
            d.unreplaced += r.unreplaced
            d.commission += r.commission
            for s in p.sanctioners {
                let cost = r.sanctionerCost[s] ?? 0
                if let k = sanctionerIndex[s] {
                    d.bySanctioner[k].cost += cost
                } else {
                    sanctionerIndex[s] = d.bySanctioner.count
                    d.bySanctioner.append(SanctionerDamage(state: s, cost: cost, costPct: nil))
                }
            }
        }
        for k in d.bySanctioner.indices {
            if let ys = gdp[d.bySanctioner[k].state], ys > 0 { d.bySanctioner[k].costPct = 100 * d.bySanctioner[k].cost / ys }
        }
        for a in alignments where a.beneficiary == state {
            for m in a.members {
                let r = self.state.alignmentSlots[a.name]?.members[m] ?? MemberRecord()
                d.byMember.append(MemberDamage(state: m, alignment: a.name, commissionIncome: r.commissionIncome,
                                               secondaryCost: r.secondaryCost, status: r.status,
                                               detectedTurn: r.detectedTurn))
            }
        }
        return d
    }
}
