import Foundation

/// What the caller of ``Scenario/step(_:)`` supplies: Lua policies and the reseeding of
/// the script's `math.random`, as Swift closures, so the engine stays free of Lua.
public struct StepHooks {
    /// Policies by side index; sides without one follow the built-in doctrine.
    public var policies: [Int: (SideView) throws -> Move]
    /// Called at the start of each turn with a seed drawn from the scenario's generator.
    public var reseedScripts: ((Int64) throws -> Void)?
    public init(policies: [Int: (SideView) throws -> Move] = [:], reseedScripts: ((Int64) throws -> Void)? = nil) {
        self.policies = policies
        self.reseedScripts = reseedScripts
    }
}

extension Scenario {
    /// Advances one turn, in the documented order: orders → alliance invocations →
    /// sanctions and leakage → combat → escalation and thresholds → termination → events.
    /// This is the only function that advances a scenario. It is atomic: when a policy
    /// throws, the scenario stays at the turn before. After the run has ended it changes
    /// nothing and returns the last report.
    public mutating func step(_ hooks: StepHooks = StepHooks()) throws -> TurnReport {
        if ending != nil, let last = lastReport { return last }
        guard sides.count >= 2 else {
            throw ScenarioError.invalid("a scenario needs two sides to step (use s:side)")
        }
        var next = self
        let report = try next.advanceOneTurn(hooks)
        self = next
        return report
    }

    private mutating func advanceOneTurn(_ hooks: StepHooks) throws -> TurnReport {
        let turn = self.turn + 1
        let previous = rung
        var events: [Event] = []
        try hooks.reseedScripts?(rng.derivedSeed())

        // 1. Orders, each side from the situation at the start of the turn.
        let start = try sideOdds(at: turn)
        let recent = log.filter { $0.turn == turn - 1 }
        var moves: [SideMove] = []
        for (i, side) in sides.enumerated() {
            let view = SideView(side: side.name, leader: side.leader, turn: turn, rung: rung,
                                rungName: ladder.name(rung), pWin: start[i].pWin, ratio: start[i].ratio,
                                position: combat.map { i < $0.count ? $0[i].position : 1 } ?? 1,
                                damagePct: sanctions.damage(side.leader).gdpLossPct,
                                nuclear: isNuclear(side), recentEvents: recent)
            if let policy = hooks.policies[i] {
                do {
                    moves.append(SideMove(side: side.name, move: try policy(view), source: .policy))
                } catch {
                    throw ScenarioError.policyFailed(side: side.name, turn: turn, message: "\(error)")
                }
            } else {
                moves.append(doctrineMove(side: side, view: view))
            }
        }
        let asks = moves.map { $0.move.target(from: rung, ladder: ladder) }
        var newRung = Move.resolve(current: rung, asks: asks)
        let attackers = newRung > rung ? Set(asks.indices.filter { asks[$0] == newRung }) : []

        // 2. Alliance invocations: an armed attack invokes the commitments covering the attacked.
        if ladder.isWar(newRung) && !ladder.isWar(rung) {
            events += invokeAlliances(turn: turn, attackers: attackers)
        }

        // 3. Sanctions and leakage.
        let sanctionsTurn = sanctions.advance(turn: turn, rng: &rng)
        events += sanctionsTurn.events.map { Event(turn: turn, kind: .sanctions, text: $0) }

        // 4. Combat.
        if ladder.isWar(newRung) {
            events += try fight(turn: turn)
        }

        // 5. Escalation and thresholds: a nuclear-armed side losing conventionally.
        if let threshold = ladder.nuclearThreshold, ladder.isWar(newRung), let forces = combat {
            for i in forces.indices where isNuclear(sides[i]) {
                let x = forces[i].position
                let q = doctrine.nuclearStepProbability(position: x)
                guard q > 0 else { continue }
                if rng.bernoulli(q) {
                    let target = newRung < threshold ? threshold : ladder.clamp(newRung + 1)
                    if target > newRung {
                        events.append(Event(turn: turn, kind: .nuclear, text: String(format:
                            "%@ is losing the conventional war (position %.2f, p=%.2f): moves to %@",
                            sides[i].leader, x, q, ladder.name(target))))
                        newRung = target
                    }
                }
            }
        }
        if newRung > previous {
            let who = attackers.sorted().map { sides[$0].leader }.joined(separator: ", ")
            events.insert(Event(turn: turn, kind: .escalation, text: "\(ladder.name(previous)) → \(ladder.name(newRung))"
                                + (who.isEmpty ? "" : " (asked by \(who))")), at: 0)
            if let t = ladder.nuclearThreshold, previous < t, newRung >= t {
                events.append(Event(turn: turn, kind: .nuclear, text: "the nuclear threshold is crossed: \(ladder.name(newRung))"))
            }
        } else if newRung < previous {
            events.insert(Event(turn: turn, kind: .deescalation, text: "\(ladder.name(previous)) → \(ladder.name(newRung))"), at: 0)
        }
        rung = newRung
        self.turn = turn

        // 6. Termination.
        let end = try sideOdds(at: turn + 1)
        if ending == nil { ending = terminate(turn: turn, odds: end.map(\.pWin)) }
        if let ending {
            events.append(Event(turn: turn, kind: .end, text: "\(ending.reason.rawValue): \(ending.why)"))
        }

        // 7. Events (the `on` hooks run in the bindings, after this returns).
        events.insert(Event(turn: turn, kind: .turn, text: "turn \(turn): \(ladder.name(rung)) (rung \(rung))"), at: 0)
        log += events
        var damage: [String: Double] = [:]
        for target in Set(sanctions.packages.map(\.target)) { damage[target] = sanctions.damage(target).gdpLossPct }
        let report = TurnReport(turn: turn, previousRung: previous, rung: rung, rungName: ladder.name(rung),
                                moves: moves, pWin: end.map(\.pWin),
                                positions: sides.indices.map { i in combat.map { i < $0.count ? $0[i].position : 1 } ?? 1 },
                                damagePct: damage, events: events, ending: ending)
        lastReport = report
        return report
    }

    // MARK: Stages

    /// The built-in doctrine (docs/escalation.md). Draws once for friction every turn, so
    /// the number of draws does not depend on the situation.
    mutating func doctrineMove(side: Side, view: SideView) -> SideMove {
        if rng.bernoulli(doctrine.friction) {
            let options: [Move] = [.escalate, .hold, .deescalate]
            let pick = options[Int(rng.uniform() * Double(options.count)) % options.count]
            return SideMove(side: side.name, move: pick, source: .friction)
        }
        let d = doctrine
        let threshold = ladder.nuclearThreshold ?? ladder.rungs.count
        let firstWar = ladder.firstWarRung ?? ladder.rungs.count
        let move: Move
        if view.pWin >= d.resolve && rung + 1 < threshold {
            move = .escalate
        } else if view.damagePct > d.costTolerance && rung < d.painEscalationCeiling {
            move = .escalate
        } else if view.pWin <= d.yieldOdds && rung < firstWar {
            move = .deescalate
        } else {
            move = .hold
        }
        return SideMove(side: side.name, move: move, source: .doctrine)
    }

    /// Each side's contest odds and power ratio against all the others, with answers
    /// counted that are in force at `turn`; at war, power is scaled by the conventional
    /// position, so losing the fighting lowers the odds.
    func sideOdds(at turn: Int) throws -> [(pWin: Double, ratio: Double)] {
        let honoured = self.honoured(at: turn)
        return try sides.indices.map { i in
            let others = sides.indices.filter { $0 != i }
            let a = (leader: sides[i].leader, members: Array(sides[i].members.dropFirst()))
            let b = (leader: sides[others[0]].leader,
                     members: others.flatMap { sides[$0].members }.filter { $0 != sides[others[0]].leader })
            let bal = try ForceBalance.balance(a: a, b: b, alliances: alliances, capabilities: capabilities,
                                               attacker: nil, honoured: honoured, decisiveness: doctrine.decisiveness)
            var pa = bal.a.power, pb = bal.b.power
            if let forces = combat, ladder.isWar(rung) {
                pa *= i < forces.count ? forces[i].position : 1
                pb *= others[0] < forces.count ? forces[others[0]].position : 1
            }
            let k = doctrine.decisiveness
            let p = pa + pb > 0 ? pow(pa, k) / (pow(pa, k) + pow(pb, k)) : 0.5
            return (p, pb > 0 ? pa / pb : .infinity)
        }
    }

    /// Invokes every commitment that covers an attacked side; each ally answers once.
    mutating func invokeAlliances(turn: Int, attackers: Set<Int>) -> [Event] {
        var events: [Event] = []
        let attacked = sides.indices.filter { !attackers.contains($0) }
        let attackerStates = Set(attackers.flatMap { sides[$0].members })
        let belligerents = Set(sides.flatMap(\.members))
        for alliance in alliances where !invocations.contains(where: { $0.alliance == alliance.name }) {
            let covering: (Int) -> Bool = { i in
                guard let member = sides[i].members.first(where: alliance.members.contains) else { return false }
                _ = member
                switch alliance.obligation {
                case .defense:
                    guard !attackers.contains(i) else { return false }
                    let others = Set(self.sides.indices.filter { $0 != i }.flatMap { self.sides[$0].members })
                    let enemies = attackerStates.isEmpty ? others : attackerStates
                    return alliance.against.map { !Set($0).isDisjoint(with: enemies) } ?? true
                case .offense:
                    guard attackers.contains(i) else { return false }
                    let targets = Set(attacked.flatMap { self.sides[$0].members })
                    return alliance.against.map { !Set($0).isDisjoint(with: targets) } ?? true
                default:
                    return false
                }
            }
            guard let i = sides.indices.first(where: covering) else { continue }
            let caller = sides[i].members.first(where: alliance.members.contains) ?? sides[i].leader
            let allies = alliance.members.filter { !belligerents.contains($0) }
            let responses = allies.map { Invocation.Response(state: $0, honoured: rng.bernoulli(alliance.reliability)) }
            invocations.append(Invocation(alliance: alliance.name, turn: turn, invokedBy: caller, responses: responses))
            let answers = responses.map { "\($0.state) \($0.honoured ? "honoured" : "declined")" }
            events.append(Event(turn: turn, kind: .alliance, text: "\(alliance.name) invoked by \(caller)"
                                + (answers.isEmpty ? ": no ally outside the war" : ": " + answers.joined(separator: ", "))))
        }
        return events
    }

    /// One turn of Lanchester square-law attrition between the first two sides; allies who
    /// honoured join the turn after they answered.
    mutating func fight(turn: Int) throws -> [Event] {
        let honoured = self.honoured(at: turn)
        var forces = combat ?? []
        func contributions(_ states: [String]) -> [Contribution] {
            states.map { Contribution(state: $0, alliance: nil, weight: 1, cinc: capabilities[$0]?.cinc ?? 0) }
        }
        for i in 0..<2 {
            let allies = honoured.keys.sorted().filter { honoured[$0] == true && allyOf(side: i, $0) }
            if forces.count <= i {
                let side = SidePower(leader: sides[i].leader, members: Array(sides[i].members.dropFirst()), power: 0,
                                     contributions: contributions(sides[i].members) + contributions(allies).map {
                                         var c = $0; c.alliance = "ally"; return c })
                let t = ForceBalance.theatre(side, capabilities: capabilities, parameters: theatre)
                forces.append(CombatForces(initial: t.force, current: t.force, effectiveness: t.effectiveness, joined: allies))
            } else {
                let newcomers = allies.filter { !forces[i].joined.contains($0) }
                if !newcomers.isEmpty {
                    let side = SidePower(leader: "", members: [], power: 0, contributions: contributions(newcomers))
                    let t = ForceBalance.theatre(side, capabilities: capabilities, parameters: theatre)
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

    /// Whether `state` is bound to side `i` by an alliance with one of its members.
    func allyOf(side i: Int, _ state: String) -> Bool {
        alliances.contains { $0.members.contains(state) && sides[i].members.contains(where: $0.members.contains) }
            && !sides[i].members.contains(state)
    }

    mutating func terminate(turn: Int, odds: [Double]) -> Ending? {
        if ladder.isNuclear(rung) && rung == ladder.top {
            return Ending(reason: .nuclearWar, turn: turn, why: "the top of the ladder, \(ladder.name(rung)), was reached")
        }
        if lowOddsTurns.count != sides.count { lowOddsTurns = Array(repeating: 0, count: sides.count) }
        for i in sides.indices {
            lowOddsTurns[i] = ladder.isWar(rung) && odds[i] < doctrine.capitulationOdds ? lowOddsTurns[i] + 1 : 0
            if lowOddsTurns[i] >= doctrine.capitulationTurns {
                return Ending(reason: .capitulation, turn: turn, why: String(format:
                    "%@'s odds stayed below %.2f for %d turns at war (now %.3f)",
                    sides[i].name, doctrine.capitulationOdds, doctrine.capitulationTurns, odds[i]))
            }
        }
        lowRungTurns = rung <= doctrine.ceasefireRung ? lowRungTurns + 1 : 0
        if lowRungTurns >= doctrine.ceasefireTurns {
            return Ending(reason: .ceasefire, turn: turn, why: "the rung stayed at \(ladder.name(rung)) or below for \(doctrine.ceasefireTurns) turns")
        }
        if turn >= turnLimit {
            return Ending(reason: .turnLimit, turn: turn, why: "the turn limit (\(turnLimit)) was reached")
        }
        return nil
    }
}
