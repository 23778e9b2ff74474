import Foundation
import Testing
@testable import WargameKit

/// The sanctions model against closed forms computed by hand, and against the directions
/// the literature states (docs/sanctions.md).
@Suite struct SanctionsTests {
    static func flows(_ list: [(String, String, Double)]) -> TradeMatrix {
        TradeMatrix(list.map { TradeFlow(exporter: $0.0, importer: $0.1, value: $0.2) })
    }

    static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool {
        abs(a - b) <= tol * max(1, abs(a), abs(b))
    }

    /// a(τ) = f + (1 − f) · exp(−τ · Δ / T) with the defaults Δ = 0.25, T = 2, f = 0.2.
    static func adaptation(_ tau: Int, floor: Double = 0.2, turnYears: Double = 0.25, years: Double = 2) -> Double {
        floor + (1 - floor) * exp(-Double(tau) * turnYears / years)
    }

    /// One sanctioner S, target T, one member M: X[S][T]=40, X[T][S]=60, X[M][T]=X[T][M]=10.
    static func oneMember(visibility: Double = 0, secondary: Bool = false,
                          direction: TradeDirection = .both) throws -> SanctionsModel {
        var m = SanctionsModel(
            trade: flows([("S", "T", 40), ("T", "S", 60), ("M", "T", 10), ("T", "M", 10)]),
            gdp: ["T": 1000, "S": 2000, "M": 100],
            packages: [SanctionPackage(name: "p", sanctioners: ["S"], target: "T", coverage: 0.5,
                                       direction: direction, secondary: secondary)],
            alignments: [Alignment(name: "a", members: ["M"], beneficiary: "T", visibility: visibility, commission: 0.1)])
        try m.validate()
        return m
    }

    @Test func oneSanctionerOneMemberMatchesClosedForm() throws {
        var m = try Self.oneMember()
        var rng = SeededGenerator(seed: 1)
        var cumulative = 0.0, sanctioner = 0.0, commission = 0.0
        for turn in 0..<4 {
            let r = m.advance(turn: turn, rng: &rng)
            let p = try #require(r.packages.first)
            // B = 0.5 × (40 + 60) × 0.25; κ = 0.5 × (10 + 10) × 0.25 (M trades with no
            // sanctioner); L = min(B, κ); C = min(φ, μ) · a(τ) · L with φ = 0.1 < μ = 0.3.
            let a = Self.adaptation(turn)
            let b = 12.5, l = 2.5, c = 0.1 * a * l
            #expect(p.tau == turn)
            #expect(Self.close(p.adaptation, a))
            #expect(Self.close(p.blocked, b))
            #expect(p.blockedBySanctioner == [StateAmount(state: "S", amount: b)])
            #expect(Self.close(p.leaked, l))
            #expect(Self.close(p.leakedByMember[0].amount, l))
            #expect(Self.close(p.unreplaced, b - l))
            #expect(Self.close(p.commission, c))
            #expect(Self.close(p.targetGDPLoss, 0.3 * (b - l) * a + c))
            #expect(Self.close(p.sanctionerCost[0].amount, 0.3 * b * a))
            #expect(r.detections.isEmpty && r.exits.isEmpty)  // visibility 0: never detected
            cumulative += 0.3 * (b - l) * a + c
            sanctioner += 0.3 * b * a
            commission += c
        }
        let d = m.damage("T")
        #expect(Self.close(d.gdpLoss, cumulative))
        #expect(Self.close(d.gdpLossPct, 100 * cumulative / 1000))
        #expect(Self.close(d.blocked, 50) && Self.close(d.leaked, 10) && Self.close(d.unreplaced, 40))
        #expect(Self.close(d.commission, commission))
        #expect(d.bySanctioner.count == 1 && Self.close(d.bySanctioner[0].cost, sanctioner))
        #expect(Self.close(d.bySanctioner[0].costPct ?? -1, 100 * sanctioner / 2000))
        // What the member earns is what the target pays.
        #expect(d.byMember.count == 1 && Self.close(d.byMember[0].commissionIncome, commission))
        #expect(d.byMember[0].secondaryCost == 0 && d.byMember[0].status == .active && d.byMember[0].detectedTurn == nil)
        #expect(Self.close(m.damage("S").gdpLoss, sanctioner))
    }

    @Test func directionAndSectorsRestrictBlockedFlow() throws {
        var rng = SeededGenerator(seed: 1)
        var imports = try Self.oneMember(direction: .imports)
        var exports = try Self.oneMember(direction: .exports)
        #expect(Self.close(imports.advance(turn: 0, rng: &rng).blocked, 0.5 * 40 * 0.25))
        #expect(Self.close(exports.advance(turn: 0, rng: &rng).blocked, 0.5 * 60 * 0.25))

        var m = SanctionsModel(
            trade: TradeMatrix([TradeFlow(exporter: "T", importer: "S", value: 30, sector: "energy"),
                                TradeFlow(exporter: "T", importer: "S", value: 20, sector: "metals"),
                                TradeFlow(exporter: "S", importer: "T", value: 40)]),
            gdp: ["T": 1000],
            packages: [SanctionPackage(name: "oil", sanctioners: ["S"], target: "T", coverage: 1,
                                       sectors: ["energy", "energy"])])
        try m.validate()
        #expect(m.packages[0].sectors == ["energy"])  // duplicates merged
        #expect(Self.close(m.advance(turn: 0, rng: &rng).blocked, 30 * 0.25))
    }

    @Test func packageStartsAtItsTurnAndAdaptsFromThere() throws {
        var m = try Self.oneMember()
        m.packages[0].startTurn = 3
        var rng = SeededGenerator(seed: 1)
        for turn in 0..<3 { #expect(m.advance(turn: turn, rng: &rng).packages.isEmpty) }
        let p = try #require(m.advance(turn: 5, rng: &rng).packages.first)
        #expect(p.tau == 2 && Self.close(p.adaptation, Self.adaptation(2)))
        #expect(m.state.packages["p"]?.turnsActive == 1)
        // Extreme turns from a script neither trap nor produce NaN.
        m.packages[0].startTurn = Int.min
        let far = try #require(m.advance(turn: Int.max, rng: &rng).packages.first)
        #expect(far.adaptation == m.parameters.floor && far.targetGDPLoss.isFinite)
    }

    @Test func noAlignmentNoLeakage() throws {
        var m = try Self.oneMember()
        m.alignments = []
        var rng = SeededGenerator(seed: 3)
        for turn in 0..<8 {
            let r = m.advance(turn: turn, rng: &rng)
            #expect(r.leaked == 0 && r.packages[0].commission == 0)
            #expect(r.unreplaced == r.blocked)
        }
        #expect(m.damage("T").leaked == 0 && m.damage("T").byMember.isEmpty)
    }

    @Test func leakageCappedByBlockedFlow() throws {
        // A member bigger than the blocked flow reroutes all of it, nothing more.
        var m = try Self.oneMember()
        m.trade.add(TradeFlow(exporter: "M", importer: "T", value: 500))
        var rng = SeededGenerator(seed: 1)
        let p = m.advance(turn: 0, rng: &rng).packages[0]
        #expect(Self.close(p.leaked, 12.5) && p.unreplaced == 0)
        #expect(Self.close(p.targetGDPLoss, 0.1 * 12.5))
    }

    /// A scenario with two targets, overlapping alignments and secondary sanctions.
    static func busy(visibility: Double) throws -> SanctionsModel {
        var m = SanctionsModel(
            trade: flows([("USA", "RUS", 30), ("RUS", "USA", 25), ("GMY", "RUS", 60), ("RUS", "GMY", 80),
                          ("TUR", "RUS", 30), ("RUS", "TUR", 40), ("KZK", "RUS", 12), ("RUS", "KZK", 18),
                          ("ARM", "RUS", 3), ("RUS", "ARM", 4), ("TUR", "USA", 15), ("GMY", "TUR", 40),
                          ("USA", "IRN", 1), ("GMY", "IRN", 3), ("IRN", "GMY", 2), ("ARM", "IRN", 1),
                          ("IRN", "ARM", 1), ("KZK", "GMY", 10)]),
            gdp: ["RUS": 1780, "USA": 25000, "GMY": 4000, "IRN": 400, "TUR": 900],
            packages: [SanctionPackage(name: "G7", sanctioners: ["USA", "GMY"], target: "RUS", coverage: 0.7),
                       SanctionPackage(name: "IRN", sanctioners: ["GMY"], target: "IRN", coverage: 0.9, startTurn: 2,
                                       direction: .exports, secondary: false)],
            alignments: [Alignment(name: "Eurasian roundabout", members: ["TUR", "KZK", "ARM"], beneficiary: "RUS",
                                   visibility: visibility, commission: 0.15),
                         Alignment(name: "north-south", members: ["ARM"], beneficiary: "IRN",
                                   visibility: visibility, commission: 0.2, capacity: 0.8, pragmatic: false)])
        try m.validate()
        return m
    }

    @Test func blockedEqualsLeakedPlusUnreplacedEveryTurn() throws {
        var detections = 0, exits = 0
        for seed in 0..<50 {
            var m = try Self.busy(visibility: Double(seed % 10) / 10)
            var rng = SeededGenerator(seed: Int64(seed))
            for turn in 0..<12 {
                let r = m.advance(turn: turn, rng: &rng)
                detections += r.detections.count
                exits += r.exits.count
                for p in r.packages {
                    #expect(Self.close(p.blocked, p.leaked + p.unreplaced, 1e-14))
                    #expect(p.leaked >= 0 && p.unreplaced >= 0)
                    #expect(Self.close(p.blocked, p.blockedBySanctioner.reduce(0) { $0 + $1.amount }))
                    #expect(Self.close(p.leaked, p.leakedByMember.reduce(0) { $0 + $1.amount }))
                }
            }
            let d = m.damage("RUS")
            #expect(Self.close(d.blocked, d.leaked + d.unreplaced))
        }
        #expect(detections > 0 && exits > 0)  // the runs exercise every branch
    }

    @Test func sameSeedSameRunBitForBitAndCodableRoundTrip() throws {
        func run(_ seed: Int64) throws -> ([SanctionsTurn], SanctionsModel) {
            var m = try Self.busy(visibility: 0.5)
            var rng = SeededGenerator(seed: seed)
            return ((0..<15).map { m.advance(turn: $0, rng: &rng) }, m)
        }
        let (a, ma) = try run(9), (b, mb) = try run(9)
        #expect(a == b && ma == mb)
        let back = try JSONDecoder().decode(SanctionsModel.self, from: try JSONEncoder().encode(ma))
        #expect(back == ma)
        #expect(back.damage("RUS") == ma.damage("RUS"))
    }

    @Test func eventsReadAsLogLines() throws {
        var m = try Self.oneMember(visibility: 1, secondary: true)
        m.trade.add(TradeFlow(exporter: "M", importer: "S", value: 100))
        var rng = SeededGenerator(seed: 4)
        var events: [String] = []
        var turn = 0
        while m.state.alignments["a"]?.members["M"]?.status != .left && turn < 100 {
            events += m.advance(turn: turn, rng: &rng).events
            turn += 1
        }
        let detected = try #require(m.state.alignments["a"]?.members["M"]?.detectedTurn)
        #expect(events == ["M detected in 'a' (turn \(detected))", "M leaves 'a' (turn \(detected))"])
        #expect(m.damage("T").byMember[0].status == .left)
        // After it leaves nothing leaks.
        #expect(m.advance(turn: turn, rng: &rng).leaked == 0)
    }

    // MARK: Commission, floor, access

    /// A commission above the multiplier is capped at it: rerouting a unit then costs the
    /// target exactly what the unit would have cost unreplaced, never more. Closed form over
    /// turns, with the floor and the adaptation of the commission.
    @Test func commissionIsCappedByTheCostOfGoingWithout() throws {
        var m = try Self.oneMember()
        m.alignments[0].commission = 0.6  // φ > μ = 0.3
        var without = m
        without.alignments = []
        var rng = SeededGenerator(seed: 2), rng2 = SeededGenerator(seed: 2)
        var income = 0.0
        for turn in 0..<30 {
            let p = m.advance(turn: turn, rng: &rng).packages[0]
            let q = without.advance(turn: turn, rng: &rng2).packages[0]
            let a = Self.adaptation(turn)
            // C = min(0.6, 0.3) · a · L with L = 2.5; loss = 0.3 (B − L) a + C = 0.3 B a.
            #expect(Self.close(p.commission, 0.3 * a * 2.5))
            #expect(Self.close(p.targetGDPLoss, 0.3 * 12.5 * a))
            #expect(Self.close(p.targetGDPLoss, q.targetGDPLoss))
            income += 0.3 * a * 2.5
        }
        #expect(Self.close(m.damage("T").byMember[0].commissionIncome, income))
    }

    /// The property the commission rule exists for: with an alignment the target never loses
    /// more in a turn than without it (same seed, visibility 0 so nobody is detected), for
    /// commissions below, at and above μ, with packages of different ages against one target
    /// (the commission adapts with each package's own τ). And what members earn is what
    /// targets pay, turn by turn in total.
    @Test func targetLossWithAlignmentNeverExceedsLossWithout() throws {
        for commission in [0.0, 0.1, 0.3, 0.8, 1.0] {
            for floor in [0.0, 0.2, 1.0] {
                var m = try Self.busy(visibility: 0)
                m.trade.add(contentsOf: [TradeFlow(exporter: "JPN", importer: "RUS", value: 20),
                                         TradeFlow(exporter: "RUS", importer: "JPN", value: 10),
                                         TradeFlow(exporter: "KZK", importer: "JPN", value: 5)])
                m.packages.append(SanctionPackage(name: "JPN", sanctioners: ["JPN"], target: "RUS", coverage: 0.5, startTurn: 5))
                for i in m.alignments.indices { m.alignments[i].commission = commission }
                m.parameters.floor = floor
                try m.validate()
                var without = m
                without.alignments = []
                var rng = SeededGenerator(seed: 7), rng2 = SeededGenerator(seed: 7)
                for turn in 0..<40 {
                    let r = m.advance(turn: turn, rng: &rng)
                    let q = without.advance(turn: turn, rng: &rng2)
                    #expect(r.detections.isEmpty && r.exits.isEmpty)
                    for (x, y) in zip(r.targetGDPLoss, q.targetGDPLoss) {
                        #expect(x.state == y.state)
                        #expect(x.amount <= y.amount * (1 + 1e-12), "φ \(commission) f \(floor) turn \(turn) \(x.state)")
                    }
                    // Below μ rerouting strictly helps; at or above μ it costs what going without does.
                    if commission < m.parameters.multiplier {
                        for (x, y) in zip(r.targetGDPLoss, q.targetGDPLoss) where x.state == "RUS" { #expect(x.amount < y.amount) }
                    }
                }
                for target in ["RUS", "IRN"] {
                    let d = m.damage(target)
                    let earned = d.byMember.reduce(0) { $0 + $1.commissionIncome }
                    #expect(Self.close(earned, d.commission, 1e-12), "\(target) φ \(commission) f \(floor)")
                }
            }
        }
    }

    /// a(τ) = f + (1 − f) · exp(−τ · Δ / T): the damage of blocked trade falls toward the
    /// floor f and stays there. Closed form, no alignment.
    @Test func adaptationFallsToAFloor() throws {
        for floor in [0.0, 0.2, 0.5] {
            var m = try Self.oneMember()
            m.alignments = []
            m.parameters.floor = floor
            try m.validate()
            var rng = SeededGenerator(seed: 1)
            var cumulative = 0.0
            for turn in 0..<200 {
                let p = m.advance(turn: turn, rng: &rng).packages[0]
                let a = floor + (1 - floor) * exp(-Double(turn) * 0.25 / 2)
                #expect(Self.close(p.adaptation, a))
                #expect(Self.close(p.targetGDPLoss, 0.3 * 12.5 * a))
                #expect(Self.close(p.sanctionerCost[0].amount, 0.3 * 12.5 * a))
                cumulative += 0.3 * 12.5 * a
            }
            #expect(Self.close(m.damage("T").gdpLoss, cumulative, 1e-11))
            // After 50 years the exponential is gone (e^−25): what is left is the floor.
            #expect(abs(m.parameters.adaptation(turns: 200) - floor) < 1e-10)
        }
        #expect(SanctionsParameters(floor: 0.3).adaptation(turns: 0) == 1)
    }

    /// κ_m = Δ · (k · (X[m][t] + X[t][m]) + k_s · Σ_s (X[m][s] + X[s][m])), s over the active
    /// sanctioners of packages against t. Closed form: a second package whose start turn
    /// has not come does not count until it does.
    @Test func capacityGrowsWithTradeWithActiveSanctioners() throws {
        var m = try Self.oneMember()
        m.trade.add(contentsOf: [TradeFlow(exporter: "M", importer: "S", value: 6), TradeFlow(exporter: "S", importer: "M", value: 4),
                                 TradeFlow(exporter: "R", importer: "T", value: 100), TradeFlow(exporter: "M", importer: "R", value: 8),
                                 TradeFlow(exporter: "M", importer: "Q", value: 50)])  // Q sanctions nobody
        m.packages.append(SanctionPackage(name: "late", sanctioners: ["R"], target: "T", coverage: 0.5, startTurn: 3))
        m.parameters.access = 0.25
        try m.validate()
        var rng = SeededGenerator(seed: 1)
        for turn in 0..<5 {
            let r = m.advance(turn: turn, rng: &rng)
            // κ = 0.25 · (0.5 · 20 + 0.25 · (10 [+ 8 once R sanctions])); B = 12.5 [+ 12.5].
            let kappa = 0.25 * (0.5 * 20 + 0.25 * (10 + (turn >= 3 ? 8 : 0)))
            let blocked = 12.5 + (turn >= 3 ? 12.5 : 0)
            #expect(Self.close(r.blocked, blocked))
            #expect(Self.close(r.leaked, min(blocked, kappa)), "turn \(turn)")
        }
    }

    /// Istomin (2024): partners are useful for their access to Western goods. Invisible
    /// rerouting (no detection, so no exit): the more a member trades with the sanctioners,
    /// the more it reroutes, until the blocked flow is all rerouted. With secondary
    /// sanctions and detection the same trade is also what a detected member stands to
    /// lose, so for a pragmatic member the net effect can go either way (docs/sanctions.md).
    @Test func moreTradeWithSanctionersMoreLeakage() throws {
        var leaks: [Double] = []
        for extra in stride(from: 0.0, through: 200, by: 20) {
            var m = try Self.oneMember()
            m.trade.add(TradeFlow(exporter: "M", importer: "S", value: extra))
            try m.validate()
            var rng = SeededGenerator(seed: 3)
            for turn in 0..<8 { _ = m.advance(turn: turn, rng: &rng) }
            // Per turn: min(B, κ) with B = 12.5 and κ = 0.25 · (0.5 · 20 + 0.2 · extra).
            #expect(Self.close(m.damage("T").leaked, 8 * min(12.5, 0.25 * (10 + 0.2 * extra))))
            leaks.append(m.damage("T").leaked)
        }
        for (next, prev) in zip(leaks.dropFirst(), leaks) { #expect(next >= prev) }
        #expect(leaks[1] > leaks[0] && leaks.last! == 8 * 12.5)
    }

    /// One detection draw per alignment member per turn, whatever happens: the number of
    /// draws does not depend on detections, exits, packages' start turns or anything else,
    /// so a run of n turns with k members advances the generator exactly n · k times.
    @Test func drawsPerTurnAreFixed() throws {
        for visibility in [0.0, 0.5, 1.0] {
            var m = try Self.busy(visibility: visibility)
            var rng = SeededGenerator(seed: 21)
            var reference = SeededGenerator(seed: 21)
            let members = m.alignments.reduce(0) { $0 + $1.members.count }
            for turn in 0..<15 {
                _ = m.advance(turn: turn, rng: &rng)
                for _ in 0..<members { _ = reference.next() }
                #expect(rng == reference, "v \(visibility) turn \(turn)")
            }
        }
    }

    // MARK: Literature directions

    /// Hausmann, Schetter & Yildirim (2024): the more of the target's trade partners join,
    /// the less capacity is left outside to reroute, so damage rises convexly with the
    /// coalition's share. Ten equal partners; k sanction, the other 10 − k reroute.
    @Test func damageRisesConvexlyWithCoalitionShare() throws {
        let partners = (0..<10).map { "P\($0)" }
        var damage = [0.0]
        for k in 1...10 {
            var m = SanctionsModel(
                trade: Self.flows(partners.flatMap { [($0, "T", 10.0), ("T", $0, 10.0)] }),
                gdp: ["T": 1000],
                packages: [SanctionPackage(name: "c", sanctioners: Array(partners[..<k]), target: "T", coverage: 1)],
                alignments: k < 10 ? [Alignment(name: "a", members: Array(partners[k...]), beneficiary: "T",
                                                visibility: 0, commission: 0.1)] : [])
            try m.validate()
            var rng = SeededGenerator(seed: 1)
            _ = m.advance(turn: 0, rng: &rng)
            // Closed form: B = 5k, K = 2.5 (10 − k), L = min(B, K), loss = 0.3 (B − L) + 0.1 L.
            let b = 5.0 * Double(k), l = min(b, 2.5 * Double(10 - k))
            #expect(Self.close(m.damage("T").gdpLoss, 0.3 * (b - l) + 0.1 * l))
            damage.append(m.damage("T").gdpLoss)
        }
        let steps = zip(damage.dropFirst(), damage).map { $0 - $1 }
        for (next, prev) in zip(steps.dropFirst(), steps) { #expect(next >= prev - 1e-12) }
        #expect(steps.allSatisfy { $0 > 0 })
        #expect(steps.last! > 3 * steps.first!)
    }

    /// Three members reroute for a commission; once detected, secondary sanctions cost each
    /// 0.4 a turn against 0.25 of income, so it leaves; undetected it stays (0.25 > p × 0.4).
    /// No adaptation (floor 1) and no access term, so capacity and income stay constant and
    /// only detection moves.
    static func roundabout(visibility: Double, secondary: Bool = true) throws -> SanctionsModel {
        let members = ["A", "B", "C"]
        var m = SanctionsModel(
            trade: flows([("S", "T", 100), ("T", "S", 100)] + members.flatMap {
                [($0, "T", 10.0), ("T", $0, 10.0), ($0, "S", 4.0), ("S", $0, 4.0)]
            }),
            gdp: ["T": 1000, "S": 5000, "A": 100, "B": 100, "C": 100],
            packages: [SanctionPackage(name: "p", sanctioners: ["S"], target: "T", coverage: 1, secondary: secondary)],
            alignments: [Alignment(name: "r", members: members, beneficiary: "T", visibility: visibility, commission: 0.1)])
        m.parameters.floor = 1
        m.parameters.access = 0
        try m.validate()
        return m
    }

    /// Mean turn of first detection (censored at `turns`) and mean cumulative leakage.
    static func detectionStats(visibility: Double, seeds: Int = 400, turns: Int = 20) throws -> (detect: Double, leaked: Double) {
        var detect = 0.0, leaked = 0.0
        for seed in 0..<seeds {
            var m = try roundabout(visibility: visibility)
            var rng = SeededGenerator(seed: Int64(seed))
            for turn in 0..<turns { _ = m.advance(turn: turn, rng: &rng) }
            for r in m.damage("T").byMember { detect += Double(r.detectedTurn ?? turns) }
            leaked += m.damage("T").leaked
        }
        return (detect / Double(3 * seeds), leaked / Double(seeds))
    }

    /// Istomin (2024): a countersanction alignment's success is inversely proportional to its
    /// visibility. Over 400 seeds, higher visibility means earlier detection and less
    /// cumulative leakage; the margins are many standard errors wide.
    @Test func higherVisibilityEarlierDetectionLessLeakage() throws {
        let levels = [0.1, 0.3, 0.6, 0.9]
        let stats = try levels.map { try Self.detectionStats(visibility: $0) }
        for (hi, lo) in zip(stats.dropFirst(), stats) {
            #expect(hi.detect < lo.detect - 0.2)
            #expect(hi.leaked < lo.leaked * 0.9)
        }
        // Detection is geometric with p = 1 − e^(−v) (L_m = κ_m here): mean first turn
        // (1 − p)/p before censoring; at v = 0.9, (e^−0.9)/(1 − e^−0.9) ≈ 0.68.
        let p = 1 - exp(-0.9)
        #expect(abs(stats[3].detect - (1 - p) / p) < 0.15)
        // Invisible rerouting is never detected and leaks at capacity every turn.
        let hidden = try Self.detectionStats(visibility: 0, seeds: 3)
        #expect(hidden.detect == 20 && Self.close(hidden.leaked, 20 * 7.5))
    }

    @Test func withoutSecondarySanctionsDetectionCostsMembersNothing() throws {
        var m = try Self.roundabout(visibility: 1, secondary: false)
        var rng = SeededGenerator(seed: 11)
        var detections = 0
        for turn in 0..<20 {
            let r = m.advance(turn: turn, rng: &rng)
            detections += r.detections.count
            #expect(r.exits.isEmpty)
            #expect(Self.close(r.leaked, 7.5))  // all three keep rerouting at capacity
        }
        #expect(detections == 3)
        for r in m.damage("T").byMember {
            #expect(r.secondaryCost == 0 && r.status == .detected && Self.close(r.commissionIncome, 20 * 0.25))
        }
        // With secondary sanctions on, the same detections make members pay or leave.
        var on = try Self.roundabout(visibility: 1, secondary: true)
        rng = SeededGenerator(seed: 11)
        for turn in 0..<20 { _ = on.advance(turn: turn, rng: &rng) }
        #expect(on.damage("T").byMember.allSatisfy { $0.status == .left })
    }

    @Test func loyalMemberStaysAndPaysSecondaryCost() throws {
        var m = try Self.roundabout(visibility: 1)
        m.alignments[0].pragmatic = false
        var rng = SeededGenerator(seed: 5)
        for turn in 0..<20 { _ = m.advance(turn: turn, rng: &rng) }
        for r in m.damage("T").byMember {
            let detected = try #require(r.detectedTurn)
            #expect(r.status == .detected)
            // σ × (4 + 4) × 0.25 = 0.4 a turn from the detection turn on.
            #expect(Self.close(r.secondaryCost, 0.4 * Double(20 - detected)))
        }
    }

    // MARK: Validation

    @Test func validationRejectsUnknownOrConflictingInputs() throws {
        func message(_ change: (inout SanctionsModel) -> Void) throws -> String {
            var m = try Self.oneMember()
            change(&m)
            do { try m.validate(); return "valid" } catch let e as SanctionsInputError { return e.message }
            catch let e as ParameterError { return e.message }
        }
        #expect(try message { _ in } == "valid")
        #expect(try message { $0.alignments[0].members.append("S") } == "S both sanctions T in 'p' and helps it in 'a'")
        #expect(try message { $0.packages[0].coverage = 1.5 } == "sanction 'p': coverage must be in [0, 1], got 1.5")
        #expect(try message { $0.gdp["T"] = nil } == "sanction 'p': target T has no GDP (give it with economy)")
        #expect(try message { $0.packages[0].sanctioners.append("T") } == "sanction 'p': T cannot sanction itself")
        #expect(try message { $0.packages.append($0.packages[0]) } == "two sanctions named 'p'")
        #expect(try message {
            $0.packages.append(SanctionPackage(name: "q", sanctioners: ["S"], target: "T", coverage: 0.1))
        } == "S sanctions T in both 'p' and 'q'")
        #expect(try message {
            $0.alignments.append(Alignment(name: "b", members: ["M"], beneficiary: "T", visibility: 0, commission: 0))
        } == "M helps T in both 'a' and 'b'")
        #expect(try message { $0.alignments[0].visibility = .nan } == "alignment 'a': visibility must be in [0, 1], got nan")
        #expect(try message { $0.packages[0].sectors = [] } == "sanction 'p': empty sector list (omit it to cover all trade)")
        #expect(try message { $0.parameters.adaptationYears = 0 } == "sanctions.adaptation_years must be a number in (0, 1000], got 0")
        #expect(try message { $0.parameters.floor = 1.5 } == "sanctions.floor must be a number in [0, 1], got 1.5")
        #expect(try message { $0.parameters.access = -0.1 } == "sanctions.access must be a number in [0, 1], got -0.1")
        #expect(try message { $0.trade.add(TradeFlow(exporter: "A", importer: "B", value: -1)) }
                == "trade flow A→B must be ≥ 0, got -1.0")
    }

    @Test func parametersAreOverridable() throws {
        var m = try Self.oneMember()
        m.trade.add(TradeFlow(exporter: "S", importer: "M", value: 10))
        m.parameters = SanctionsParameters(turnYears: 1, capacity: 0.2, detectionRate: 2, secondaryShare: 0.5,
                                           adaptationYears: 4, multiplier: 0.5, floor: 0.1, access: 0.3)
        try m.validate()
        var rng = SeededGenerator(seed: 1)
        _ = m.advance(turn: 0, rng: &rng)
        let p = m.advance(turn: 1, rng: &rng).packages[0]
        // B = 0.5 × 100; κ = 0.2 × 20 + 0.3 × 10; a(1) = 0.1 + 0.9 e^(−1/4); C = min(0.1, 0.5) · a · L.
        let a = Self.adaptation(1, floor: 0.1, turnYears: 1, years: 4)
        #expect(Self.close(p.blocked, 50) && Self.close(p.leaked, 7))
        #expect(Self.close(p.targetGDPLoss, 0.5 * 43 * a + 0.1 * a * 7))
        #expect(SanctionsParameters() == SanctionsParameters(turnYears: 0.25, capacity: 0.5, detectionRate: 1,
                                                             secondaryShare: 0.2, adaptationYears: 2, multiplier: 0.3,
                                                             floor: 0.2, access: 0.2))
    }

    /// A parameter set saved before `floor` and `access` existed reads them as 0 (the model
    /// it ran under); a current one round-trips.
    @Test func parametersDecodeWithoutTheNewerFields() throws {
        let old = #"{"turnYears":0.25,"capacity":0.5,"detectionRate":1,"secondaryShare":0.2,"adaptationYears":2,"multiplier":0.3}"#
        let p = try JSONDecoder().decode(SanctionsParameters.self, from: Data(old.utf8))
        #expect(p.floor == 0 && p.access == 0 && p.capacity == 0.5)
        let q = SanctionsParameters(floor: 0.35, access: 0.05)
        #expect(try JSONDecoder().decode(SanctionsParameters.self, from: JSONEncoder().encode(q)) == q)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SanctionsParameters.self, from: Data(#"{"turnYears":0.25}"#.utf8))
        }
    }
}
