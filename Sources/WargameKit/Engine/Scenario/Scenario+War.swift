import Foundation

/// The stages of a turn that concern war: odds, alliance invocations, combat, the nuclear
/// hazard's inputs and termination. Called only from ``Scenario/step(_:)``.
extension Scenario {
    /// Each side's contest odds and power ratio against all the others, with answers
    /// counted that are in force at `turn`. At war only invoked commitments weigh, and
    /// power is scaled by the conventional position, so losing the fighting lowers the odds.
    func sideOdds(at turn: Int) throws -> [(pWin: Double, ratio: Double)] {
        let honoured = self.honoured(at: turn)
        let atWar = ladder.isWar(rung)
        var pair: Balance?  // with two sides, one balance serves both
        return try sides.indices.map { i in
            let (own, others) = parties(i)
            var pa: Double, pb: Double
            if i == 1, sides.count == 2, let first = pair {
                (pa, pb) = (first.b.power, first.a.power)
            } else {
                let bal = try ForceBalance.balance(a: own, b: others, alliances: alliances, capabilities: capabilities,
                                                   attacker: nil, honoured: honoured, invokedOnly: atWar,
                                                   decisiveness: doctrine.decisiveness, listUncovered: false)
                pair = bal
                (pa, pb) = (bal.a.power, bal.b.power)
            }
            if atWar, combat != nil {
                pa *= position(i)
                pb *= position(sides.indices.first { $0 != i } ?? i)
            }
            return (ForceBalance.contest(pa, pb, decisiveness: doctrine.decisiveness), pb > 0 ? pa / pb : .infinity)
        }
    }

    /// Side `i` and the coalition of all the others, led by the first other side's leader.
    func parties(_ i: Int) -> (own: (leader: String, members: [String]), others: (leader: String, members: [String])) {
        let others = sides.indices.filter { $0 != i }
        let lead = others.first.map { sides[$0].leader } ?? sides[i].leader
        return ((sides[i].leader, Array(sides[i].members.dropFirst())),
                (lead, others.flatMap { sides[$0].members }.filter { $0 != lead }))
    }

    /// How side `i` sees a war that `attacker` would start: its contest odds with the
    /// commitments that such an attack invokes, and the opponent's share of fighting
    /// strength α F² (theatre forces with the allies' expected weights).
    func outlook(_ i: Int, attacker: Int, median: Double?) throws -> Doctrine.Outlook {
        let (own, others) = parties(i)
        let bal = try ForceBalance.balance(a: own, b: others, alliances: alliances, capabilities: capabilities,
                                           attacker: sides[attacker].leader, decisiveness: doctrine.decisiveness,
                                           listUncovered: false)
        let ta = ForceBalance.theatre(bal.a, capabilities: capabilities, parameters: theatre, median: median)
        let tb = ForceBalance.theatre(bal.b, capabilities: capabilities, parameters: theatre, median: median)
        return Doctrine.Outlook(odds: bal.pWin, opponentShare: Self.share(tb.effectiveness * tb.force * tb.force,
                                                                          ta.effectiveness * ta.force * ta.force))
    }

    /// Whether the figures of ``PrewarMemo`` hold: no war is being fought and none has
    /// been (no answers, no forces).
    var isPrewar: Bool { !ladder.isWar(rung) && combat == nil && invocations.isEmpty }

    /// Empties the memo unless it was computed from this configuration. The `cached…`
    /// functions below read the memo without checking it: their callers check it once,
    /// at the start of a turn (which changes no configuration) or of ``prepareMemo()``;
    /// checking at every read was a tenth of a turn (issue 14's profile).
    mutating func checkMemo() {
        guard !memo.holds(for: self) else { return }
        memo.reset(for: PrewarMemo.Inputs(self))
        // Only here: they depend on the inputs alone, and reading them out of the memo to
        // check them every turn copied its figures (issue 14's profile).
        memo.nuclear = sides.map { isNuclear($0) }
        memo.positionsBeforeFighting = sides.map { _ in 1 }
    }

    /// ``isNuclear(_:)`` of side `i`, from the memo: a turn asked it several times, each a
    /// lookup by name (issue 14's profile).
    func isNuclear(side i: Int) -> Bool {
        let known = memo.nuclear
        return i < known.count ? known[i] : isNuclear(sides[i])
    }

    /// Fills the memo for the next turn, so that copies of this scenario (the forks of a
    /// Monte Carlo, which start from a scenario never stepped) find it filled rather than
    /// each computing the same figures again. A cache only: what cannot be computed is
    /// left for the turn to compute, and to report.
    mutating func prepareMemo() {
        guard sides.count >= 2 else { return }
        checkMemo()
        let median = cachedMedian()
        _ = try? cachedSideOdds(at: turn + 1)
        for i in sides.indices {
            _ = cachedOpposingWarheads(i)
            for attacker in sides.indices where attacker == i || attacker == sides.indices.first(where: { $0 != i }) {
                _ = try? cachedOutlook(i, attacker: attacker, median: median)
            }
        }
        let next = turn + 1
        let active = sanctions.packages.indices.filter { sanctions.packages[$0].startTurn <= next }
        if memo.sanctions?.holds(for: sanctions, active: active) != true {
            memo.sanctions = SanctionsPlan(sanctions, active: active)
        }
    }

    /// ``sideOdds(at:)``, from the memo before war.
    mutating func cachedSideOdds(at turn: Int) throws -> OddsBySide {
        guard isPrewar else { return OddsBySide(try sideOdds(at: turn)) }
        if let odds = memo.odds { return odds }
        let odds = OddsBySide(try sideOdds(at: turn))
        memo.odds = odds
        return odds
    }

    /// The world median of spending per soldier, computed once per set of capabilities
    /// (it sorts every state's ratio) rather than every turn.
    mutating func cachedMedian() -> Double? {
        if let m = memo.median { return m }
        let m = ForceBalance.medianSpendingPerSoldier(capabilities)
        memo.median = .some(m)
        return m
    }

    /// ``outlook(_:attacker:median:)``, from the memo before war.
    mutating func cachedOutlook(_ i: Int, attacker: Int, median: Double?) throws -> Doctrine.Outlook {
        guard isPrewar else { return try outlook(i, attacker: attacker, median: median) }
        let key = i * sides.count + attacker
        if let o = memo.outlooks[key] { return o }
        let o = try outlook(i, attacker: attacker, median: median)
        memo.outlooks[key] = o
        return o
    }

    /// x / (x + y), 0.5 when both are 0.
    static func share(_ x: Double, _ y: Double) -> Double { x + y > 0 ? x / (x + y) : 0.5 }

    /// Side `i`'s share of the Lanchester fighting strength α F² in the war being fought
    /// (the first two sides fight; 0.5 for others and before fighting).
    func fightingShare(_ i: Int) -> Double {
        guard let f = combat, f.count == 2, i < 2 else { return 0.5 }
        let strength = f.map { $0.effectiveness * $0.current * $0.current }
        return Self.share(strength[i], strength[1 - i])
    }

    /// Remaining over initial theatre force (1 before fighting).
    func position(_ i: Int) -> Double {
        combat.map { i < $0.count ? $0[i].position : 1 } ?? 1
    }

    /// The side's stake e, the ceiling of its desperation hazard.
    func stake(_ i: Int) -> Double { sides.indices.contains(i) ? sides[i].stake ?? doctrine.stake : doctrine.stake }

    /// ``opposingWarheads(_:)``, from the memo (it depends on the configuration alone).
    mutating func cachedOpposingWarheads(_ i: Int) -> Double {
        if let w = memo.opposingWarheads[i] { return w }
        let w = opposingWarheads(i)
        memo.opposingWarheads[i] = w
        return w
    }

    /// Warheads held by the sides opposing `i`: their members' FAS estimates; a side declared
    /// nuclear without any counts `warhead_scale` warheads, one declared non-nuclear none.
    func opposingWarheads(_ i: Int) -> Double {
        sides.indices.filter { $0 != i && isNuclear(sides[$0]) }.reduce(0.0) { total, k in
            let held = sides[k].members.reduce(0) { $0 + (warheads[$1] ?? 0) }
            return total + (held > 0 ? Double(held) : doctrine.warheadScale)
        }
    }

    /// An armed attack: every side calls the allies its commitments bring in
    /// (``Commitments/calls(side:opponents:alliances:attacks:)``: the attacked their
    /// defence pacts, the attackers their offence pacts), and each ally answers once, one
    /// draw on the alliances stream. Without an attacker nobody is called.
    /// `answers`: decided instead of the draw, by alliance (the draw is made all the same).
    mutating func invokeAlliances(turn: Int, attackers: Set<Int>, answers: [String: Bool] = [:]) -> [Event] {
        guard !attackers.isEmpty else { return [] }
        var events: [Event] = []
        // Allies who answered an invocation before the attack (exercise orders) are not called again.
        var answered = Set(sides.flatMap(\.members) + invocations.flatMap { $0.responses.map(\.state) })
        for i in sides.indices {
            let attacks = attackers.contains(i)
            let opponents = sides.indices.filter { attacks ? !attackers.contains($0) : attackers.contains($0) }
                .flatMap { sides[$0].members }
            guard !opponents.isEmpty else { continue }
            let calls = Commitments.calls(side: sides[i].members, opponents: opponents, alliances: alliances, attacks: attacks)
                .filter { answered.insert($0.ally).inserted }
            var order: [String] = []
            var byAlliance: [String: [Invocation.Response]] = [:]
            for call in calls {
                let drawn = streams[.alliances].uniform() < call.alliance.reliability
                let honoured = answers[call.alliance.name] ?? drawn
                if byAlliance[call.alliance.name] == nil { order.append(call.alliance.name) }
                byAlliance[call.alliance.name, default: []].append(Invocation.Response(state: call.ally, honoured: honoured))
            }
            for name in order {
                guard let alliance = alliances.first(where: { $0.name == name }), let responses = byAlliance[name] else { continue }
                let caller = sides[i].members.first(where: alliance.members.contains) ?? sides[i].leader
                invocations.append(Invocation(alliance: name, turn: turn, invokedBy: caller, side: sides[i].name,
                                              responses: responses))
                let answers = responses.map { "\($0.state) \($0.honoured ? "honoured" : "declined")" }
                events.append(Event(turn: turn, kind: .alliance, text: "\(name) invoked by \(caller): " + answers.joined(separator: ", ")))
            }
        }
        return events
    }

    /// One turn of Lanchester square-law attrition between the first two sides; allies who
    /// honour join in the turn they answer (their coming is what the attacked side counts on).
    mutating func fight(turn: Int, median: Double?) throws -> [Event] {
        var forces = combat ?? []
        func contributions(_ states: [String], ally: Bool) -> [Contribution] {
            states.map { Contribution(state: $0, alliance: ally ? "ally" : nil, weight: 1, cinc: capabilities[$0]?.cinc ?? 0) }
        }
        for i in 0..<2 {
            let allies = invocations.filter { $0.side == sides[i].name && $0.turn <= turn }
                .flatMap(\.responses).filter(\.honoured).map(\.state)
            if forces.count <= i {
                let side = SidePower(leader: sides[i].leader, members: Array(sides[i].members.dropFirst()), power: 0,
                                     contributions: contributions(sides[i].members, ally: false) + contributions(allies, ally: true))
                let t = ForceBalance.theatre(side, capabilities: capabilities, parameters: theatre, median: median)
                forces.append(CombatForces(initial: t.force, current: t.force, effectiveness: t.effectiveness, joined: allies))
            } else {
                let newcomers = allies.filter { !forces[i].joined.contains($0) }
                if !newcomers.isEmpty {
                    let side = SidePower(leader: "", members: [], power: 0, contributions: contributions(newcomers, ally: true))
                    let t = ForceBalance.theatre(side, capabilities: capabilities, parameters: theatre, median: median)
                    // The side's effectiveness becomes the force-weighted mean of old and new.
                    let total = forces[i].current + t.force
                    if total > 0 {
                        forces[i].effectiveness = (forces[i].effectiveness * forces[i].current + t.effectiveness * t.force) / total
                    }
                    forces[i].initial += t.force
                    forces[i].current += t.force
                    forces[i].joined += newcomers
                }
            }
        }
        // Quality is measured against the world median, which puts rich armies' fire rates
        // far above base_rate (USA vs RUS 2016: about 0.5 a turn, annihilation in two
        // quarters). Rescale so the two sides' geometric mean is base_rate: the quality
        // ratio between them is kept, the pace is the documented base rate.
        let mean = (forces[0].effectiveness * forces[1].effectiveness).squareRoot()
        let scale = mean > 0 ? theatre.baseRate / mean : 1
        let r = try Lanchester.run(a: forces[0].current, b: forces[1].current,
                                   alpha: forces[0].effectiveness * scale, beta: forces[1].effectiveness * scale,
                                   law: .square, dt: 0.01, t: 1)
        forces[0].current = r.a
        forces[1].current = r.b
        combat = forces
        return [Event(turn: turn, kind: .combat, text: String(format: "%@ %.0f (%.0f%%) vs %@ %.0f (%.0f%%)",
                                                               sides[0].leader, r.a, 100 * forces[0].position,
                                                               sides[1].leader, r.b, 100 * forces[1].position))]
    }

    /// The first ending that applies: nuclear war (the top rung), breakpoint, capitulation,
    /// negotiation (every side stepped down from war), ceasefire, the turn limit.
    mutating func terminate(turn: Int, odds: [Double], wasAtWar: Bool) -> Ending? {
        if ladder.isNuclear(rung) && rung == ladder.top {
            return Ending(reason: .nuclearWar, turn: turn, why: "the top of the ladder, \(ladder.name(rung)), was reached")
        }
        let d = doctrine
        if lowOddsTurns.count != sides.count { lowOddsTurns = Array(repeating: 0, count: sides.count) }
        if lowPositionTurns.count != sides.count { lowPositionTurns = Array(repeating: 0, count: sides.count) }
        let atWar = ladder.isWar(rung)
        for i in sides.indices {
            // Counters never pass the turn, so they cannot overflow.
            lowPositionTurns[i] = atWar && combat != nil && position(i) < d.breakpoint ? min(lowPositionTurns[i] + 1, turn) : 0
            lowOddsTurns[i] = atWar && odds[i] < d.capitulationOdds ? min(lowOddsTurns[i] + 1, turn) : 0
        }
        for i in sides.indices where lowPositionTurns[i] >= d.breakpointTurns {
            return Ending(reason: .breakpoint, turn: turn, why: String(format:
                "%@'s forces stayed below %.0f%% of their strength for %d turns (now %.0f%%)",
                sides[i].name, 100 * d.breakpoint, d.breakpointTurns, 100 * position(i)))
        }
        for i in sides.indices where lowOddsTurns[i] >= d.capitulationTurns {
            return Ending(reason: .capitulation, turn: turn, why: String(format:
                "%@'s odds stayed below %.2f for %d turns at war (now %.3f)",
                sides[i].name, d.capitulationOdds, d.capitulationTurns, odds[i]))
        }
        if wasAtWar && !atWar {
            return Ending(reason: .negotiation, turn: turn, why: "every side stepped down from war to \(ladder.name(rung))")
        }
        lowRungTurns = rung <= d.ceasefireRung ? min(lowRungTurns + 1, turn) : 0
        if lowRungTurns >= d.ceasefireTurns {
            return Ending(reason: .ceasefire, turn: turn, why: "the rung stayed at \(ladder.name(rung)) or below for \(d.ceasefireTurns) turns")
        }
        if turn >= turnLimit {
            return Ending(reason: .turnLimit, turn: turn, why: "the turn limit (\(turnLimit)) was reached")
        }
        return nil
    }
}
