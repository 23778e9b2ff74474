import Foundation

/// What the caller of ``Scenario/step(_:)`` supplies: Lua policies and the reseeding of
/// the script's `math.random`, as Swift closures, so the engine stays free of Lua.
public struct StepHooks {
    /// Policies by side index; sides without one, and a policy that answers nil, follow
    /// the built-in doctrine.
    public var policies: [Int: (SideView) throws -> Move?]
    /// Called at the start of each turn with a seed drawn from the scenario's generator.
    public var reseedScripts: ((Int64) throws -> Void)?
    /// Whom a side's policy speaks for (an exercise's team, the white cell); default `.policy`.
    public var sources: [Int: SideMove.Source]
    /// The white cell's decision, logged with the turn it decided (an exercise's override).
    public var adjudication: String?
    public init(policies: [Int: (SideView) throws -> Move?] = [:], reseedScripts: ((Int64) throws -> Void)? = nil,
                sources: [Int: SideMove.Source] = [:], adjudication: String? = nil) {
        self.policies = policies
        self.reseedScripts = reseedScripts
        self.sources = sources
        self.adjudication = adjudication
    }
    // Exercise orders (issue 13; the stage is in Scenario+Orders.swift): begin
    /// Alliances each side calls on this turn before any attack (a team's `invoke`), by side index.
    public var invocations: [Int: [String]] = [:]
    /// Answers decided instead of the reliability draw, by alliance (a team's `honour`/`abandon`).
    public var answers: [String: Bool] = [:]
    /// What the caller's own orders did before the turn (sanctions imposed or lifted), logged with it.
    public var notes: [Event] = []
    // Exercise orders: end
}

extension Scenario {
    /// Advances one turn, in the documented order: orders → alliance invocations →
    /// sanctions and leakage → combat → escalation and thresholds → termination → events.
    /// This is the only function that advances a scenario. It is atomic: when a policy
    /// throws, the scenario stays at the turn before. After the run has ended it changes
    /// nothing and returns the last report.
    ///
    /// `atomic: false` is for a caller that discards the scenario when a turn fails (a
    /// Monte Carlo run): the turn is then made in place, without the copy that atomicity
    /// takes, and a failed turn leaves the scenario part-way through it. Results are the same.
    ///
    /// `keepsLog: false` (with `atomic: false`) leaves this turn's events out of ``log``, for
    /// a caller that reads the reports and never the log (a Monte Carlo run: growing the log
    /// and freeing it at the end was a twentieth of a run in issue 14's profile). The turn is
    /// the same: a policy's view of the last turn's events then comes from the last report.
    public mutating func step(_ hooks: StepHooks = StepHooks(), atomic: Bool = true, keepsLog: Bool = true) throws -> TurnReport {
        if ending != nil, let last = lastReport { return last }
        guard sides.count >= 2 else {
            throw ScenarioError.invalid("a scenario needs two sides to step (use s:side)")
        }
        guard atomic else {
            let report: TurnReport
            if !keepsLog, lastReport?.turn == turn, log.last.map({ $0.turn < turn }) ?? true {
                // The last turn was made without logging: its events are the report's alone.
                // Read in place, not bound to a copy of the report: a copy alive during the
                // turn would keep the arrays the turn refills from being its own.
                report = try advanceOneTurn(hooks, recent: lastReport?.events ?? [])
            } else {
                report = try advanceOneTurn(hooks, recent: Self.events(of: turn, in: log, last: lastReport))
            }
            if keepsLog { log += report.events }
            return report
        }
        // The turn is computed on a copy, for atomicity. The log, which only grows, is moved
        // out first so that the copy does not share it: appending to a shared log copied
        // the whole log every turn (issue 14's profile).
        var log = self.log
        self.log = []
        var next = self
        let report: TurnReport
        do {
            report = try next.advanceOneTurn(hooks, recent: Self.events(of: turn, in: log, last: lastReport))
        } catch {
            self.log = log
            throw error
        }
        log += report.events
        next.log = log
        self = next
        return report
    }

    /// The events of `turn`: the log is in turn order (``validate()`` holds a loaded one
    /// to it), so they are found from its end rather than by reading the whole log every
    /// turn, which made a long run cost the square of its turns.
    private static func events(of turn: Int, in log: [Event], last: TurnReport?) -> [Event] {
        // Usually they are the last report's events, which the log ends with: shared rather
        // than copied out of the log, an allocation a turn (issue 14's profile).
        if let last, last.turn == turn, let first = last.events.first, first.turn == turn,
           last.events[last.events.count - 1].turn == turn, log.count >= last.events.count {
            let start = log.count - last.events.count
            if (start == 0 || log[start - 1].turn < turn) && log[start...].elementsEqual(last.events) { return last.events }
        }

        var start = log.endIndex
        while start > log.startIndex, log[start - 1].turn >= turn { start -= 1 }
        var end = start
        while end < log.endIndex, log[end].turn == turn { end += 1 }
        return Array(log[start..<end])
    }

    private mutating func advanceOneTurn(_ hooks: StepHooks, recent: consuming [Event]) throws -> TurnReport {
        var recent = recent  // taken over (its storage holds this turn's events at the end)
        let turn = self.turn + 1
        let previous = rung
        try hooks.reseedScripts?(streams[.scripts].derivedSeed())
        checkMemo()
        let median = cachedMedian()
        // The previous report's moves and damage are refilled in place rather than made anew
        // each turn (issue 14's profile); the report is dropped first, so that where nothing
        // else keeps it (a Monte Carlo run) they are not copied.
        var moves: [SideMove] = [], damage: [String: Double] = [:]
        if let last = lastReport.take() {  // not `lastReport?.moves`: that copied the whole report
            moves = last.moves
            damage = last.damagePct
        }

        // 1. Orders, each side from the situation at the start of the turn; one draw per
        // side on the choices stream whoever decides, so a policy leaves the others' draws alone.
        // Each side's move replaces its last one in place, and the doctrine refills the arrays
        // of its last choice: making and freeing them was 5% of a turn (issue 14's profile).
        let start = try cachedSideOdds(at: turn)
        let startPlan = memo.sanctions
        // By index, not `for (i, side) in sides.enumerated()`: the turn changes `self`, so
        // each side was copied, its strings and members retained and released; and an empty
        // dictionary of policies or sources is not hashed into (issue 14's profile).
        for i in sides.indices {
            let u = streams[.choices].uniform()
            let pain = sanctions.gdpLossPct(sides[i].leader, plan: startPlan)
            var asked: Move?
            if !hooks.policies.isEmpty, let policy = hooks.policies[i] {  // a side without one is shown no view
                let view = SideView(side: sides[i].name, leader: sides[i].leader, turn: turn, rung: rung,
                                    rungName: ladder.name(rung), pWin: start.pWin[i], ratio: start.ratio[i],
                                    position: position(i), damagePct: pain, nuclear: isNuclear(side: i),
                                    recentEvents: recent)
                do {
                    asked = try policy(view)
                } catch {
                    throw ScenarioError.policyFailed(side: sides[i].name, turn: turn, message: "\(error)")
                }
            }
            let move: SideMove
            if let asked {
                move = SideMove(side: sides[i].name, move: asked,
                                source: hooks.sources.isEmpty ? .policy : hooks.sources[i] ?? .policy)
            } else {
                var options: [Int] = [], p: [Double] = []
                if i < moves.count {
                    options = moves[i].options.take() ?? []
                    p = moves[i].probabilities.take() ?? []
                }
                move = try doctrineMove(side: i, odds: start.pWin[i], pain: pain, draw: u, median: median,
                                        options: &options, probabilities: &p)
            }
            if i < moves.count { moves[i] = move } else { moves.append(move) }
        }
        if moves.count > sides.count { moves.removeLast(moves.count - sides.count) }
        // The asks in a buffer on the stack: an array of them was an allocation a turn, and a
        // lazy map's closure was one too where the optimiser did not inline it (issue 14's profile).
        let (resolved, attackers) = withUnsafeTemporaryAllocation(of: Int.self, capacity: moves.count) { asks in
            for (k, m) in moves.enumerated() { asks[k] = m.move.target(from: rung, ladder: ladder) }
            let r = Move.resolve(current: rung, asks: asks)
            return (r, r > rung ? Set(asks.indices.filter { asks[$0] == r }) : [])
        }
        var newRung = resolved
        // The rung's changes come first in the turn's events, the others follow in the order
        // they happen; the two lists are joined at the end, rather than inserted at the front.
        var rungEvents: [Event] = []
        if newRung > rung {
            let sides = self.sides
            let who = sides.indices.lazy.filter { attackers.contains($0) }.map { sides[$0].leader }  // in side order
            rungEvents.append(Event(turn: turn, kind: .escalation,
                                    text: TurnEventText.rungChange(from: ladder.name(rung), to: ladder.name(newRung), askedBy: who)))
        } else if newRung < rung {
            rungEvents.append(Event(turn: turn, kind: .deescalation,
                                    text: TurnEventText.rungChange(from: ladder.name(rung), to: ladder.name(newRung), askedBy: nil as [String]?)))
        }

        // 2. Alliance invocations: an armed attack invokes the commitments covering the attacked.
        var events = invokeAsked(turn: turn, hooks.invocations, answers: hooks.answers)  // exercise orders
        if ladder.isWar(newRung) && !ladder.isWar(rung) {
            events += invokeAlliances(turn: turn, attackers: attackers, answers: hooks.answers)
            if warStartedBy == nil { warStartedBy = attackers.sorted().map { sides[$0].leader } }
        }

        // 3. Sanctions and leakage, on their own stream.
        let sanctionsEvents = sanctions.advanceLogLines(turn: turn, rng: &streams[.sanctions], plan: &memo.sanctions)
        let plan = memo.sanctions  // the plan of this turn, perhaps a new one
        for text in sanctionsEvents { events.append(Event(turn: turn, kind: .sanctions, text: text)) }

        // 4. Combat.
        if ladder.isWar(newRung) {
            events += try fight(turn: turn, median: median)
        } else {
            combat = nil
        }

        // 5. Escalation and thresholds. Nuclear pressure: each nuclear-armed side at war
        // moves the rung to the nuclear threshold, or one rung past it, with its desperation
        // hazard, which follows its share of the fighting strength; one draw per side,
        // always made. Each change is logged with its own cause.
        let anyNuclear = sides.indices.contains { isNuclear(side: $0) }
        for i in sides.indices {
            let u = streams[.nuclear].uniform()
            guard ladder.isWar(newRung), newRung < ladder.top, isNuclear(side: i), combat != nil else { continue }
            let share = fightingShare(i)
            let h = Doctrine.hazard(share: share, stake: stake(i), doctrine)
            if u < h {
                // Below the threshold the first nuclear step is to cross it; above, one rung.
                let target = max(newRung + 1, ladder.nuclearThreshold ?? newRung + 1)
                rungEvents.append(Event(turn: turn, kind: .escalation, text: String(format:
                    "%@ → %@ (%@'s nuclear pressure: fighting-strength share %.2f, hazard %.2f)",
                    ladder.name(newRung), ladder.name(target), sides[i].leader, share, h)))
                newRung = target
            }
        }
        // Inadvertent escalation: fighting at a rung slips one up with the rung's risk; one
        // draw a turn, always made. Nothing slips into nuclear rungs without nuclear arms.
        let slip = streams[.slips].uniform()
        if ladder.isWar(newRung), newRung < ladder.top, anyNuclear || !ladder.isNuclear(newRung + 1),
           slip < ladder.risk(newRung) {
            rungEvents.append(Event(turn: turn, kind: .escalation, text: String(format:
                "%@ → %@ (inadvertent escalation: slip risk %.2f)", ladder.name(newRung), ladder.name(newRung + 1),
                ladder.risk(newRung))))
            newRung += 1
        }
        if let t = ladder.nuclearThreshold, previous < t, newRung >= t {
            rungEvents.append(Event(turn: turn, kind: .nuclear, text: "the nuclear threshold is crossed: \(ladder.name(newRung))"))
        }
        let wasAtWar = ladder.isWar(rung)
        rung = newRung
        self.turn = turn

        // 6. Termination.
        let end = try cachedSideOdds(at: turn + 1)
        if ending == nil { ending = terminate(turn: turn, odds: end.pWin, wasAtWar: wasAtWar) }

        // 7. Events (the `on` hooks run in the bindings, after this returns): the turn, the
        // white cell's decision and the notes of the orders before it, the rung's changes,
        // the rest, the ending.
        // In the storage of last turn's events, which nothing else holds by now in a Monte
        // Carlo run: a new array each turn was an allocation (issue 14's profile).
        // Written over last turn's events one by one, the rest trimmed at the end: emptying
        // the array first went through a generic replaceSubrange (issue 14's profile).
        var all = recent
        recent = []
        all.reserveCapacity(3 + hooks.notes.count + rungEvents.count + events.count)
        var n = 0
        all.put(Event(turn: turn, kind: .turn, text: TurnEventText.make(turn: turn, rungName: ladder.name(rung), rung: rung)), at: &n)
        if let a = hooks.adjudication { all.put(Event(turn: turn, kind: .adjudication, text: a), at: &n) }
        for note in hooks.notes { all.put(Event(turn: turn, kind: note.kind, text: note.text), at: &n) }  // exercise orders
        for e in rungEvents { all.put(e, at: &n) }
        for e in events { all.put(e, at: &n) }
        if let ending {
            all.put(Event(turn: turn, kind: .end, text: "\(ending.reason.rawValue): \(ending.why)"), at: &n)
        }
        while all.count > n { all.removeLast() }
        // Each target's damage. When the targets are last turn's (unless a package came or
        // went), the values are replaced in place and no key is hashed (issue 14's profile).
        let packages = sanctions.packages
        func isFirst(_ k: Int) -> Bool { !packages[..<k].contains { $0.target == packages[k].target } }
        var targets = 0
        for k in packages.indices where isFirst(k) { targets += 1 }
        if damage.count == targets, damage.keys.allSatisfy({ key in packages.contains { $0.target == key } }) {
            var i = damage.startIndex
            while i != damage.endIndex {  // not `for i in damage.indices`: they hold the storage, which is written
                damage.values[i] = sanctions.gdpLossPct(damage.keys[i], plan: plan)
                i = damage.index(after: i)
            }
        } else {
            damage.removeAll(keepingCapacity: true)
            for k in packages.indices where isFirst(k) { damage[packages[k].target] = sanctions.gdpLossPct(packages[k].target, plan: plan) }
        }
        let report = TurnReport(turn: turn, previousRung: previous, rung: rung, rungName: ladder.name(rung),
                                moves: moves, pWin: end.pWin,
                                positions: combat == nil ? memo.positionsBeforeFighting : sides.indices.map { position($0) },
                                damagePct: damage, events: all, ending: ending)
        lastReport = report
        return report
    }

    // MARK: Stages

    /// The built-in doctrine (``Doctrine``): a quantal-response choice among the rungs
    /// within reach, drawn by inverse CDF from the side's one uniform draw `u`.
    mutating func doctrineMove(side i: Int, odds: Double, pain: Double, draw u: Double, median: Double?) throws -> SideMove {
        var options: [Int] = [], p: [Double] = []
        return try doctrineMove(side: i, odds: odds, pain: pain, draw: u, median: median, options: &options, probabilities: &p)
    }

    /// ``doctrineMove(side:odds:pain:draw:median:)`` in the storage of `options` and
    /// `probabilities` (their contents are replaced), which the move then holds.
    mutating func doctrineMove(side i: Int, odds: Double, pain: Double, draw u: Double, median: Double?,
                               options: inout [Int], probabilities p: inout [Double]) throws -> SideMove {
        let nuclear = isNuclear(side: i)
        // The rungs within reach, lowest first, without repeats (clamping keeps them in
        // order, so a repeat can only follow its twin): no set to build and sort each turn,
        // nor an array of the three candidates.
        options.removeAll(keepingCapacity: true)
        options.reserveCapacity(3)
        for step in -1...1 {
            let r = ladder.clamp(rung + step)
            if options.last != r, r <= rung || nuclear || !ladder.isNuclear(r) { options.append(r) }
        }
        let atWar = ladder.isWar(rung)
        let opponent = sides.indices.first { $0 != i } ?? i
        let attacking: Doctrine.Outlook, attacked: Doctrine.Outlook
        if atWar {
            attacking = Doctrine.Outlook(odds: odds, opponentShare: fightingShare(opponent))
            attacked = attacking
        } else {
            attacking = try cachedOutlook(i, attacker: i, median: median)
            attacked = try cachedOutlook(i, attacker: opponent, median: median)
        }
        let situation = Doctrine.Situation(rung: rung, options: options, atWar: atWar, ifAttacking: attacking,
                                           ifAttacked: attacked, pain: pain, opponentWarheads: cachedOpposingWarheads(i),
                                           opponentStake: stake(opponent))
        // The utilities become the probabilities in place (Doctrine.probabilities, without its
        // copies); what all the options share is computed once (Doctrine.Shared).
        let shared = Doctrine.Shared(situation, ladder: ladder, doctrine)
        p.removeAll(keepingCapacity: true)
        p.reserveCapacity(options.count)
        for m in options { p.append(Doctrine.utility(of: m, in: situation, ladder: ladder, doctrine, shared)) }
        Doctrine.normalise(&p, rationality: doctrine.rationality)
        let choice = options[Doctrine.pick(p, u: u)]
        let move: Move = choice > rung ? .escalate : (choice < rung ? .deescalate : .hold)
        return SideMove(side: sides[i].name, move: move, source: .doctrine, options: options, probabilities: p)
    }
}

private extension Array where Element == Event {
    /// Puts `event` at index `n`, over the event there or after the last, and moves `n` on.
    mutating func put(_ event: Event, at n: inout Int) {
        if n < count { self[n] = event } else { append(event) }
        n += 1
    }
}
