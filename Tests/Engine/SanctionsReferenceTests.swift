import Foundation
import Testing
@testable import WargameKit

/// The sanctions model of the faster turn (issue 14: a plan of the figures that stay the
/// same from turn to turn, records looked up once) against the model as it was before,
/// kept here verbatim as the reference (`ReferenceSanctions`, from commit 58fff72): on
/// random configurations, with packages starting late, sectors, directions, several
/// targets and alignments, and inputs changed in the middle of a run, every report, every
/// state and every draw must be the same, bit for bit.
@Suite struct SanctionsReferenceTests {
    static let states = ["S1", "S2", "S3", "T1", "T2", "M1", "M2", "M3", "M4"]

    /// A random configuration: two targets, packages by the S states, alignments of M states.
    static func model(_ g: inout SeededGenerator) throws -> SanctionsModel {
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let sectors = ["energy", "tech"]
        var flows: [TradeFlow] = []
        for a in states {
            for b in states where a != b && g.uniform() < 0.6 {
                flows.append(TradeFlow(exporter: a, importer: b, value: (100 * g.uniform()).rounded() / 4,
                                       sector: g.uniform() < 0.3 ? pick(sectors) : nil))
            }
        }
        var packages: [SanctionPackage] = []
        for (k, target) in ["T1", "T2"].enumerated() {
            let by = ["S1", "S2", "S3"].filter { _ in g.uniform() < 0.7 }
            guard !by.isEmpty else { continue }
            packages.append(SanctionPackage(name: "p\(k)", sanctioners: by, target: target, coverage: g.uniform(),
                                            startTurn: Int(g.next() % 4), sectors: g.uniform() < 0.3 ? [pick(sectors)] : nil,
                                            direction: pick(TradeDirection.allCases), secondary: g.uniform() < 0.7))
        }
        var alignments: [Alignment] = []
        for (k, target) in ["T1", "T2", "T1"].enumerated() {
            let members = ["M1", "M2", "M3", "M4"].filter { _ in g.uniform() < 0.5 }
            guard !members.isEmpty, !alignments.contains(where: { a in a.beneficiary == target && a.members.contains(where: members.contains) }) else { continue }
            alignments.append(Alignment(name: "alignment \(k) helping \(target)", members: members, beneficiary: target,
                                        visibility: g.uniform(), commission: 0.4 * g.uniform(),
                                        capacity: g.uniform() < 0.3 ? g.uniform() : nil, pragmatic: g.uniform() < 0.7))
        }
        var m = SanctionsModel(trade: TradeMatrix(flows), gdp: Dictionary(uniqueKeysWithValues: states.map { ($0, 50 + 1000 * g.uniform()) }),
                               packages: packages, alignments: alignments)
        try m.validate()
        return m
    }

    @Test func matchesTheModelBeforeTheFasterTurn() throws {
        var g = SeededGenerator(seed: 14)
        var turns = 0, detections = 0, exits = 0
        for _ in 0..<60 {
            var fast = try Self.model(&g)
            var reference = fast
            var plan: SanctionsPlan?
            var rngFast = SeededGenerator(seed: Int64(bitPattern: g.next())), rngReference = rngFast
            for turn in 0..<24 {
                if turn == 12 {
                    // A change of inputs in the middle of a run: a new package, a new member.
                    for i in fast.alignments.indices where !fast.alignments[i].members.contains("M4") {
                        fast.alignments[i].members.append("M4")
                        break
                    }
                    fast.packages.append(SanctionPackage(name: "late", sanctioners: ["S2"], target: "T2", coverage: 0.5, startTurn: 14))
                    guard (try? fast.validate()) != nil else { break }
                    reference.alignments = fast.alignments
                    reference.packages = fast.packages
                }
                let a = fast.advance(turn: turn, rng: &rngFast, plan: &plan)
                let b = ReferenceSanctions.advance(&reference, turn: turn, rng: &rngReference)
                #expect(a == b, "turn \(turn)")
                #expect(fast.state == reference.state, "turn \(turn)")
                #expect(rngFast == rngReference)
                turns += 1
                detections += a.detections.count
                exits += a.exits.count
            }
        }
        // The configurations reach what is compared: detections and exits happen.
        #expect(turns > 600 && detections > 20 && exits > 20, "\(turns) turns, \(detections) detections, \(exits) exits")
    }
}

/// The sanctions model's turn as it was before the faster turn (commit 58fff72), verbatim
/// but for the model passed in: the reference the faster one must match.
enum ReferenceSanctions {
    /// Creates missing records, so `advance` and `damage` can look them up.
    static func prepareRecords(_ model: inout SanctionsModel) {
        for p in model.packages where model.state.packages[p.name] == nil {
            model.state.packages[p.name] = PackageRecord()
        }
        for a in model.alignments {
            var record = model.state.alignments[a.name] ?? AlignmentRecord()
            for m in a.members where record.members[m] == nil {
                record.members[m] = MemberRecord()
            }
            model.state.alignments[a.name] = record
        }
    }

    /// Leakage figures for one target this turn, computed before any draw.
    private struct TargetFlows {
        var blocked: Double = 0
        var capacity: Double = 0
        var leaked: Double = 0
        /// Σ_p a(τ_p) · B_p: divided by `blocked`, the blocked-weighted mean adaptation ā.
        var adaptedBlocked: Double = 0
        /// Σ_m min(φ_m, μ) · L_m: the commission before adaptation.
        var commissionBase: Double = 0
        /// ā = Σ_p a(τ_p) B_p / B_t, the adaptation of the target's blocked trade as a whole.
        var meanAdaptation: Double { blocked > 0 ? adaptedBlocked / blocked : 0 }
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
    static func advance(_ model: inout SanctionsModel, turn: Int, rng: inout SeededGenerator) -> SanctionsTurn {
        prepareRecords(&model)
        let p = model.parameters
        var report = SanctionsTurn(turn: turn)
        let active = model.packages.indices.filter { model.packages[$0].startTurn <= turn }

        // Blocked flow and adaptation per package and sanctioner.
        var blockedBy: [Int: [StateAmount]] = [:]
        var blocked: [Int: Double] = [:]
        var tau: [Int: Int] = [:]
        var adaptation: [Int: Double] = [:]
        for i in active {
            let pk = model.packages[i]
            let bs = pk.sanctioners.map {
                StateAmount(state: $0, amount: max(0, pk.blocked(by: $0, trade: model.trade, turnYears: p.turnYears)))
            }
            blockedBy[i] = bs
            blocked[i] = bs.reduce(0) { $0 + $1.amount }
            // Overflow-safe: start turns come from scripts and may be anything.
            let (elapsed, overflow) = turn.subtractingReportingOverflow(pk.startTurn)
            tau[i] = overflow ? Int.max : elapsed
            adaptation[i] = p.adaptation(turns: tau[i] ?? 0)
        }
        var flows: [String: TargetFlows] = [:]
        for i in active {
            let b = blocked[i] ?? 0
            flows[model.packages[i].target, default: TargetFlows()].blocked += b
            flows[model.packages[i].target, default: TargetFlows()].adaptedBlocked += b * (adaptation[i] ?? 0)
        }

        // Capacity of members still in (active or detected), per alignment and member: a
        // share of their trade with the target, plus a share of their trade with the
        // target's active sanctioners (access to the goods the sanctions withhold).
        let kappa: [[Double]] = model.alignments.map { a in
            let share = a.capacity ?? p.capacity
            let sanctioners = activeSanctioners(model, of: a.beneficiary, active: active, secondaryOnly: false)
            return a.members.map { m in
                guard flows[a.beneficiary] != nil, status(model, a.name, m) != .left else { return 0 }
                let access = sanctioners.reduce(0) { $0 + model.trade.trade(between: m, and: $1) }
                return max(0, (share * model.trade.trade(between: m, and: a.beneficiary) + p.access * access) * p.turnYears)
            }
        }
        for (ai, a) in model.alignments.enumerated() where flows[a.beneficiary] != nil {
            flows[a.beneficiary]?.capacity += kappa[ai].reduce(0, +)
        }
        for (t, f) in flows { flows[t]?.leaked = min(f.blocked, f.capacity) }

        // Each member's leakage; L_m / κ_m is the same L / K for all members helping one
        // target, since leakage is shared in proportion to capacity. The rate per unit
        // rerouted is min(φ, μ) · ā: the target reroutes only while it costs no more than
        // going without, and the middlemen's margin shrinks as substitutes appear.
        var leaked: [[Double]] = kappa.map { $0.map { _ in 0 } }
        var income: [[Double]] = kappa.map { $0.map { _ in 0 } }
        for (ai, a) in model.alignments.enumerated() {
            guard let f = flows[a.beneficiary], f.capacity > 0 else { continue }
            let rate = min(a.commission, p.multiplier)
            for mi in a.members.indices {
                leaked[ai][mi] = f.leaked * kappa[ai][mi] / f.capacity
                income[ai][mi] = rate * f.meanAdaptation * leaked[ai][mi]
                flows[a.beneficiary]?.commissionBase += rate * leaked[ai][mi]
            }
        }

        // Detection: one draw per member every turn, fixed order; only an undetected member
        // still rerouting can be detected.
        var detectP: [[Double]] = kappa.map { $0.map { _ in 0 } }
        for (ai, a) in model.alignments.enumerated() {
            for (mi, m) in a.members.enumerated() {
                var pm = 0.0
                if leaked[ai][mi] > 0 && kappa[ai][mi] > 0 {
                    pm = 1 - exp(-p.detectionRate * a.visibility * leaked[ai][mi] / kappa[ai][mi])
                    detectP[ai][mi] = pm
                }
                let draw = rng.bernoulli(pm)
                guard draw, status(model, a.name, m) == .active else { continue }
                model.state.alignments[a.name]?.members[m]?.status = .detected
                model.state.alignments[a.name]?.members[m]?.detectedTurn = turn
                report.detections.append(MemberEvent(member: m, alignment: a.name, turn: turn))
                report.events.append("\(m) detected in '\(a.name)' (turn \(turn))")
            }
        }

        // Secondary sanctions and pragmatic exits.
        for (ai, a) in model.alignments.enumerated() {
            let punishers = activeSanctioners(model, of: a.beneficiary, active: active, secondaryOnly: true)
            for (mi, m) in a.members.enumerated() {
                let st = status(model, a.name, m)
                guard st != .left else { continue }
                let cost = p.secondaryShare * p.turnYears
                    * punishers.reduce(0) { $0 + model.trade.trade(between: m, and: $1) }
                let expected = st == .detected ? cost : detectP[ai][mi] * cost
                var record = model.state.alignments[a.name]?.members[m] ?? MemberRecord()
                record.leaked += leaked[ai][mi]
                record.commissionIncome += income[ai][mi]
                if a.pragmatic && expected > income[ai][mi] {
                    record.status = .left
                    record.leftTurn = turn
                    report.exits.append(MemberEvent(member: m, alignment: a.name, turn: turn))
                    report.events.append("\(m) leaves '\(a.name)' (turn \(turn))")
                } else if st == .detected {
                    record.secondaryCost += cost
                }
                model.state.alignments[a.name]?.members[m] = record
                model.state.alignments[a.name]?.leaked += leaked[ai][mi]
            }
        }

        // Per-package figures: the target's leakage and commission shared by blocked flow;
        // each package's commission adapts with its own τ, so Σ_p C_p = Σ_m income_m.
        var targetLoss: [String: Double] = [:]
        for i in active {
            let pk = model.packages[i]
            guard let f = flows[pk.target], let b = blocked[i] else { continue }
            let share = f.blocked > 0 ? b / f.blocked : 0
            let a = adaptation[i] ?? 0
            let l = f.leaked * share
            let c = f.commissionBase * share * a
            let u = b - l
            let loss = p.multiplier * u * a + c
            var byMember: [StateAmount] = []
            for (ai, al) in model.alignments.enumerated() where al.beneficiary == pk.target {
                for (mi, m) in al.members.enumerated() {
                    byMember.append(StateAmount(state: m, amount: leaked[ai][mi] * share))
                }
            }
            let bs = blockedBy[i] ?? []
            let costs = bs.map { StateAmount(state: $0.state, amount: p.multiplier * $0.amount * a) }
            report.packages.append(PackageTurn(
                name: pk.name, target: pk.target, tau: tau[i] ?? 0, adaptation: a, blocked: b,
                blockedBySanctioner: bs, leaked: l, leakedByMember: byMember, unreplaced: u,
                commission: c, targetGDPLoss: loss, sanctionerCost: costs))

            var record = model.state.packages[pk.name] ?? PackageRecord()
            // Saturating: a counter from a save file is checked on load, but never trap here.
            let (active, wrapped) = record.turnsActive.addingReportingOverflow(1)
            record.turnsActive = wrapped ? .max : active
            record.blocked += b
            record.leaked += l
            record.unreplaced += u
            record.commission += c
            record.targetLoss += loss
            for x in bs { record.blockedBySanctioner[x.state, default: 0] += x.amount }
            for x in costs {
                record.sanctionerCost[x.state, default: 0] += x.amount
                model.state.gdpLoss[x.state, default: 0] += x.amount
            }
            model.state.packages[pk.name] = record
            model.state.gdpLoss[pk.target, default: 0] += loss
            targetLoss[pk.target, default: 0] += loss
        }
        report.targetGDPLoss = targetLoss.keys.sorted().map { StateAmount(state: $0, amount: targetLoss[$0] ?? 0) }
        model.state.lastTurn = turn
        return report
    }

    /// Sanctioners of active packages against `target` (only those imposing secondary
    /// sanctions when `secondaryOnly`), without repeats, in package then sanctioner order.
    static func activeSanctioners(_ model: SanctionsModel, of target: String, active: [Int], secondaryOnly: Bool) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for i in active where model.packages[i].target == target && (model.packages[i].secondary || !secondaryOnly) {
            for s in model.packages[i].sanctioners where seen.insert(s).inserted { result.append(s) }
        }
        return result
    }

    static func status(_ model: SanctionsModel, _ alignment: String, _ member: String) -> MemberStatus {
        model.state.alignments[alignment]?.members[member]?.status ?? .active
    }
}
