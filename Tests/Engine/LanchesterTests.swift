import Foundation
import Testing
@testable import WargameKit

@Suite struct LanchesterTests {
    func rel(_ x: Double, _ y: Double) -> Double { abs(x - y) / max(abs(y), 1e-300) }

    /// A(t) = A₀cosh(ωt) − √(β/α)B₀sinh(ωt), B(t) = B₀cosh(ωt) − √(α/β)A₀sinh(ωt), ω = √(αβ).
    @Test(arguments: [1.0, 10, 25, 50, 100])
    func squareLawMatchesClosedForm(time: Double) throws {
        let (a0, b0, al, be) = (1000.0, 800.0, 0.010, 0.012)
        let r = try Lanchester.run(a: a0, b: b0, alpha: al, beta: be, law: .square, dt: 0.01, t: time)
        let w = (al * be).squareRoot()
        let a = a0 * cosh(w * time) - (be / al).squareRoot() * b0 * sinh(w * time)
        let b = b0 * cosh(w * time) - (al / be).squareRoot() * a0 * sinh(w * time)
        #expect(rel(r.a, a) < 1e-6)
        #expect(rel(r.b, b) < 1e-6)
        #expect(r.t == time)
        #expect(r.winner == nil)
        #expect(rel(al * r.a * r.a - be * r.b * r.b, al * a0 * a0 - be * b0 * b0) < 1e-6)
    }

    @Test(arguments: [(1000.0, 800.0, 0.010, 0.012, 0.01), (500, 900, 0.05, 0.01, 0.1), (300, 200, 0.02, 0.03, 0.5)])
    func squareLawAnnihilationSurvivorsAndTime(a0: Double, b0: Double, al: Double, be: Double, dt: Double) throws {
        let r = try Lanchester.run(a: a0, b: b0, alpha: al, beta: be, dt: dt, t: 1000)
        let w = (al * be).squareRoot()
        if al * a0 * a0 > be * b0 * b0 {  // A wins: B(t*) = 0 at tanh(ωt*) = √(β/α)·B₀/A₀
            #expect(r.winner == .a)
            #expect(r.b == 0)
            #expect(rel(r.a, (a0 * a0 - be / al * b0 * b0).squareRoot()) < 1e-6)
            #expect(rel(r.t, atanh((be / al).squareRoot() * b0 / a0) / w) < 1e-6)
        } else {
            #expect(r.winner == .b)
            #expect(r.a == 0)
            #expect(rel(r.b, (b0 * b0 - al / be * a0 * a0).squareRoot()) < 1e-6)
            #expect(rel(r.t, atanh((al / be).squareRoot() * a0 / b0) / w) < 1e-6)
        }
        #expect(r.a >= 0 && r.b >= 0)
    }

    @Test(arguments: [5.0, 50, 500])
    func linearLawConservesInvariant(time: Double) throws {
        let (a0, b0, al, be) = (1000.0, 800.0, 0.0001, 0.00012)
        let r = try Lanchester.run(a: a0, b: b0, alpha: al, beta: be, law: .linear, dt: 0.01, t: time)
        #expect(rel(al * r.a - be * r.b, al * a0 - be * b0) < 1e-6)
        #expect(r.a > 0 && r.b > 0)
        #expect(r.a < a0 && r.b < b0)
        // Closed form with c = αA − βB: B(t) = c·B₀ / (αA₀·e^{ct} − βB₀).
        let c = al * a0 - be * b0
        #expect(rel(r.b, c * b0 / (al * a0 * exp(c * time) - be * b0)) < 1e-6)
    }

    @Test func reinforcementIsAddedAtItsRate() throws {
        let r = try Lanchester.run(a: 100, b: 50, alpha: 0, beta: 0, reinforcementA: 2, reinforcementB: 0.5, dt: 0.1, t: 10)
        #expect(rel(r.a, 120) < 1e-12)
        #expect(rel(r.b, 55) < 1e-12)
        let plain = try Lanchester.run(a: 1000, b: 800, alpha: 0.01, beta: 0.012, dt: 0.01, t: 50)
        let helped = try Lanchester.run(a: 1000, b: 800, alpha: 0.01, beta: 0.012, reinforcementB: 5, dt: 0.01, t: 50)
        #expect(helped.b > plain.b)
        #expect(helped.a < plain.a)
    }

    @Test func zeroForceAtStartEndsAtOnce() throws {
        #expect(try Lanchester.run(a: 0, b: 5, alpha: 1, beta: 1, dt: 1, t: 1) == LanchesterResult(a: 0, b: 5, t: 0, winner: .b))
        #expect(try Lanchester.run(a: 0, b: 0, alpha: 1, beta: 1, dt: 1, t: 1).winner == nil)
    }

    @Test(arguments: [
        (-1.0, 1.0, 0.01, 1.0, "a must be a finite number >= 0, got -1.0"),
        (1, .nan, 0.01, 1, "b must be a finite number >= 0, got nan"),
        (1, 1, 0, 1, "dt must be a finite number > 0, got 0.0"),
        (1, 1, 0.1, -2, "t must be a finite number > 0, got -2.0"),
        (1, 1, 2, 1, "dt (2.0) must not exceed t (1.0)"),
        (1, 1, 1e-9, 1e3, "t/dt is 1000000000000.0 steps, more than 10000000"),
    ])
    func invalidParametersThrow(a: Double, b: Double, dt: Double, t: Double, message: String) {
        #expect(throws: ForceBalanceError.invalidParameter(message)) {
            try Lanchester.run(a: a, b: b, alpha: 0.01, beta: 0.01, dt: dt, t: t)
        }
    }

    @Test func negativeRatesThrow() {
        #expect(throws: ForceBalanceError.self) { try Lanchester.run(a: 1, b: 1, alpha: -1, beta: 0.01, dt: 1, t: 1) }
        #expect(throws: ForceBalanceError.self) { try Lanchester.run(a: 1, b: 1, alpha: 1, beta: .infinity, dt: 1, t: 1) }
        #expect(throws: ForceBalanceError.self) {
            try Lanchester.run(a: 1, b: 1, alpha: 1, beta: 1, reinforcementA: -3, dt: 1, t: 1)
        }
    }
}
