import Foundation
import Testing
@testable import WargameKit

@Suite struct ForceBalanceTests {
    static let caps = Capabilities(year: 2000, states: [
        StateCapabilities(stateabb: "RUS", ccode: 365, year: 2000, milex: 60, milper: 1000, irst: 70, pec: 900, tpop: 140, upop: 100),
        StateCapabilities(stateabb: "USA", ccode: 2, year: 2000, milex: 600, milper: 1400, irst: 80, pec: 3000, tpop: 320, upop: 200),
        StateCapabilities(stateabb: "CHN", ccode: 710, year: 2000, milex: 200, milper: 2000, irst: 800, pec: 4000, tpop: 1400, upop: 800),
        StateCapabilities(stateabb: "BLR", ccode: 370, year: 2000, milex: 1, milper: 50, irst: 2, pec: 40, tpop: 9, upop: 7),
        StateCapabilities(stateabb: "UKG", ccode: 200, year: 2000, milex: 50, milper: 150, irst: 8, pec: 250, tpop: 65, upop: 55),
        StateCapabilities(stateabb: "ARM", ccode: 371, year: 2000, milex: 0.5, milper: 45, irst: 0, pec: 4, tpop: 3, upop: 2),
    ])
    func cinc(_ s: String) -> Double { Self.caps[s]!.cinc! }

    func balance(_ alliances: [Alliance], attacker: String? = nil, honoured: [String: Bool] = [:],
                 a: (String, [String]) = ("RUS", []), b: (String, [String]) = ("USA", ["UKG"]), k: Double = 1) throws -> Balance {
        try ForceBalance.balance(a: (leader: a.0, members: a.1), b: (leader: b.0, members: b.1), alliances: alliances,
                                 capabilities: Self.caps, attacker: attacker, honoured: honoured, decisiveness: k)
    }

    @Test func leaderMembersAndAlliesInDeterministicOrder() throws {
        let alliances = [
            Alliance(name: "CSTO", members: ["RUS", "ARM", "BLR"], obligation: .defense, reliability: 0.3),
            Alliance(name: "Union State", members: ["BLR", "RUS"], obligation: .defense, reliability: 0.9),
            Alliance(name: "RU-CN", members: ["RUS", "CHN"], obligation: .defense, reliability: 0.5, against: ["USA"]),
        ]
        let r = try balance(alliances)
        #expect(r.a.contributions.map(\.state) == ["RUS", "ARM", "BLR", "CHN"])
        #expect(r.a.contributions.map(\.alliance) == [nil, "CSTO", "Union State", "RU-CN"])
        #expect(r.a.contributions.map(\.weight) == [1, 0.3, 0.9, 0.5])  // BLR: the strongest covering commitment
        let pa = cinc("RUS") + 0.3 * cinc("ARM") + 0.9 * cinc("BLR") + 0.5 * cinc("CHN")
        let pb = cinc("USA") + cinc("UKG")
        #expect(abs(r.a.power - pa) < 1e-15)
        #expect(abs(r.b.power - pb) < 1e-15)
        #expect(r.b.contributions.map(\.state) == ["USA", "UKG"])
        #expect(abs(r.ratio - pa / pb) < 1e-12)
        #expect(abs(r.pWin - pa / (pa + pb)) < 1e-12)
        let k3 = try balance(alliances, k: 3)
        #expect(abs(k3.pWin - pow(pa, 3) / (pow(pa, 3) + pow(pb, 3))) < 1e-12)
        #expect(k3.decisiveness == 3)
    }

    /// A side with a bilateral patron calls it and invokes no multilateral treaty (the
    /// Armenia case, 2020); each ally answers once, under its strongest commitment.
    @Test func bilateralPatronsComeBeforeMultilateralTreaties() throws {
        let csto = Alliance(name: "CSTO", members: ["RUS", "ARM", "BLR"], obligation: .defense, reliability: 0.3)
        let bilateral = Alliance(name: "RU-AM", members: ["ARM", "RUS"], obligation: .defense, reliability: 0.6,
                                 format: .bilateral)
        let r = try balance([csto, bilateral], attacker: "USA", a: ("ARM", []))
        #expect(r.a.contributions.map(\.state) == ["ARM", "RUS", "BLR"])
        #expect(r.a.contributions.map(\.alliance) == [nil, "RU-AM", nil])
        #expect(r.a.contributions.map(\.weight) == [1, 0.6, 0])
        let calls = Commitments.calls(side: ["ARM"], opponents: ["USA"], alliances: [csto, bilateral], attacks: false)
        #expect(calls.map(\.ally) == ["RUS"])
        // Without the bilateral treaty, the CSTO is invoked and both allies are called.
        let multi = Commitments.calls(side: ["ARM"], opponents: ["USA"], alliances: [csto], attacks: false)
        #expect(multi.map(\.ally) == ["RUS", "BLR"])
        // An attacker's defence pacts are void.
        #expect(Commitments.calls(side: ["ARM"], opponents: ["USA"], alliances: [csto, bilateral], attacks: true).isEmpty)
    }

    @Test func moreReliabilityMoreWeight() throws {
        var last = -1.0
        for rel in stride(from: 0.0, through: 1.0, by: 0.25) {
            let r = try balance([Alliance(name: "P", members: ["RUS", "CHN"], obligation: .defense, reliability: rel)])
            #expect(r.a.power > last)
            #expect(r.pWin > 0 && r.pWin < 1)
            last = r.a.power
        }
    }

    @Test func againstExcludesOtherContingencies() throws {
        let pact = Alliance(name: "RU-CN", members: ["RUS", "CHN"], obligation: .defense, reliability: 0.8, against: ["USA"])
        let vsUSA = try balance([pact])
        let vsUKG = try balance([pact], b: ("UKG", []))
        #expect(vsUSA.a.contributions.last?.weight == 0.8)
        #expect(vsUKG.a.contributions.last?.weight == 0)
        #expect(vsUKG.a.contributions.last?.alliance == nil)
        #expect(vsUKG.a.power == cinc("RUS"))
        // A member of the opponent's side counts as the contingency too.
        let ukgLed = try balance([pact], b: ("UKG", ["USA"]))
        #expect(ukgLed.a.contributions.last?.weight == 0.8)
    }

    @Test func obligationsCoverByWhoAttacks() throws {
        func weight(_ o: Obligation, _ attacker: String?) throws -> Double {
            try balance([Alliance(name: "X", members: ["RUS", "CHN"], obligation: o, reliability: 0.7)], attacker: attacker)
                .a.contributions.last!.weight
        }
        #expect(try weight(.defense, nil) == 0.7)
        #expect(try weight(.defense, "USA") == 0.7)
        #expect(try weight(.defense, "UKG") == 0.7)
        #expect(try weight(.defense, "RUS") == 0)
        #expect(try weight(.offense, "RUS") == 0.7)
        #expect(try weight(.offense, "USA") == 0)
        #expect(try weight(.offense, nil) == 0)
        for o in [Obligation.neutrality, .nonaggression, .consultation] {
            #expect(try weight(o, nil) == 0)
        }
    }

    @Test func honouredOverridesExpectedWeight() throws {
        let csto = Alliance(name: "CSTO", members: ["RUS", "ARM", "BLR"], obligation: .defense, reliability: 0.3)
        let r = try balance([csto], honoured: ["ARM": false, "BLR": true])
        #expect(r.a.contributions.map(\.weight) == [1, 0, 1])
        #expect(abs(r.a.power - cinc("RUS") - cinc("BLR")) < 1e-15)
    }

    @Test func allyOnTheOtherSideIsNotCounted() throws {
        let r = try balance([Alliance(name: "Odd", members: ["RUS", "UKG"], obligation: .defense, reliability: 1)])
        #expect(r.a.contributions.map(\.state) == ["RUS"])
    }

    @Test func errorsNameTheProblem() throws {
        #expect(throws: ForceBalanceError.unknownState("XYZ")) { try balance([], a: ("XYZ", [])) }
        #expect(throws: ForceBalanceError.unknownState("ZZZ")) {
            try balance([Alliance(name: "P", members: ["RUS", "ZZZ"], obligation: .defense, reliability: 1)])
        }
        #expect(throws: ForceBalanceError.invalidParameter("'UKG' is on both sides")) { try balance([], a: ("RUS", ["UKG"])) }
        #expect(throws: ForceBalanceError.invalidParameter("attacker 'CHN' is on neither side")) { try balance([], attacker: "CHN") }
        #expect(throws: ForceBalanceError.invalidParameter("reliability of 'P' must be in 0...1, got 1.5")) {
            try balance([Alliance(name: "P", members: ["RUS", "CHN"], obligation: .defense, reliability: 1.5)])
        }
        #expect(throws: ForceBalanceError.self) { try balance([], k: 0) }
        #expect(throws: ForceBalanceError.self) { try balance([], k: .nan) }
        #expect(ForceBalanceError.unknownState("XYZ").description == "unknown state 'XYZ'")
    }

    @Test func contestIsRatioForm() {
        #expect(ForceBalance.contest(3, 1) == 0.75)
        #expect(ForceBalance.contest(0, 0) == 0.5)
        #expect(ForceBalance.contest(1, 0) == 1)
        #expect(abs(ForceBalance.contest(2, 1, decisiveness: 2) - 0.8) < 1e-15)
        #expect(ForceBalance.contest(2, 1, decisiveness: 2000) == 1)  // no overflow to NaN
    }

    @Test func theatreForceAndEffectiveness() throws {
        let r = try balance([Alliance(name: "P", members: ["RUS", "BLR"], obligation: .defense, reliability: 0.5)])
        let p = TheatreParameters()
        let (force, alpha) = ForceBalance.theatre(r.a, capabilities: Self.caps, parameters: p)
        // milex/milper: RUS .06, USA .4286, CHN .1, BLR .02, UKG .3333, ARM .0111 -> median (.06+.1)/2 = .08
        let fR = 1000 * 0.3, fB = 50 * 0.15 * 0.5
        let qR = (0.06 / 0.08).squareRoot(), qB = (0.02 / 0.08).squareRoot()
        #expect(abs(force - (fR + fB)) < 1e-9)
        #expect(abs(alpha - 0.08 * (fR * qR + fB * qB) / (fR + fB)) < 1e-12)
        // Better-funded soldiers fight better.
        let usa = ForceBalance.theatre(r.b, capabilities: Self.caps)
        #expect(usa.effectiveness > alpha)
        #expect(throws: ParameterError("theatre.side_commitment must be a number in [0, 1], got 2")) { try TheatreParameters(sideCommitment: 2).validate() }
        try p.validate()
    }

    @Test func bundledDataRussiaAgainstUSA() throws {
        let caps = try Capabilities.bundled()
        let r = try ForceBalance.balance(a: (leader: "RUS", members: []), b: (leader: "USA", members: []),
                                         alliances: [], capabilities: caps)
        #expect(r.ratio > 0.2 && r.ratio < 1)  // RUS ≈ 0.037, USA ≈ 0.133 in COW 2016
    }
}
