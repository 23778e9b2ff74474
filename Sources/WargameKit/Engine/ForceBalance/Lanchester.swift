/// Lanchester's (1916) laws of attrition between forces A and B.
public enum LanchesterLaw: String, Codable, Hashable, Sendable, CaseIterable {
    /// Aimed fire: dA/dt = −βB, dB/dt = −αA; αA² − βB² is invariant.
    case square
    /// Area fire: dA/dt = −βAB, dB/dt = −αAB; αA − βB is invariant.
    case linear
}

/// One of the two forces.
public enum LanchesterSide: String, Codable, Hashable, Sendable {
    case a, b
}

/// Where an engagement stopped.
public struct LanchesterResult: Codable, Hashable, Sendable {
    /// Surviving forces (never negative; exactly 0 for an annihilated side).
    public var a: Double
    public var b: Double
    /// Time actually run: the time limit, or the moment a side reached zero.
    public var t: Double
    /// The side left standing when the other was annihilated; `nil` if time ran out first
    /// (or both reached zero together).
    public var winner: LanchesterSide?
}

/// Numerical integration of Lanchester's laws.
public enum Lanchester {
    /// Most RK4 steps one run may take, so a tiny `dt` cannot hang a scenario.
    public static let maxSteps = 10_000_000

    /// Integrates from forces `a`, `b` with classical fourth-order Runge–Kutta, step `dt`,
    /// until time `t` or until a side reaches zero. `alpha` is A's effectiveness against B
    /// and `beta` B's against A; `reinforcementA`/`reinforcementB` are constant rates added
    /// to dA/dt and dB/dt. When a step would take a side through zero, the crossing inside
    /// that step is found by bisection on the step length, so the run stops at the moment
    /// of annihilation with exact survivors rather than overshooting into negative forces.
    ///
    /// - Throws: ``ForceBalanceError/invalidParameter(_:)`` for a negative or non-finite force,
    ///   rate or reinforcement, a non-positive `dt` or `t`, `dt > t`, or more than
    ///   ``maxSteps`` steps.
    public static func run(a: Double, b: Double, alpha: Double, beta: Double, law: LanchesterLaw = .square,
                           reinforcementA: Double = 0, reinforcementB: Double = 0,
                           dt: Double, t: Double) throws(ForceBalanceError) -> LanchesterResult {
        for (name, v) in [("a", a), ("b", b), ("alpha", alpha), ("beta", beta),
                          ("reinforcement of a", reinforcementA), ("reinforcement of b", reinforcementB)] {
            guard v.isFinite, v >= 0 else { throw .invalidParameter("\(name) must be a finite number >= 0, got \(v)") }
        }
        guard t.isFinite, t > 0 else { throw .invalidParameter("t must be a finite number > 0, got \(t)") }
        guard dt.isFinite, dt > 0 else { throw .invalidParameter("dt must be a finite number > 0, got \(dt)") }
        guard dt <= t else { throw .invalidParameter("dt (\(dt)) must not exceed t (\(t))") }
        let steps = (t / dt).rounded(.up)
        guard steps <= Double(maxSteps) else {
            throw .invalidParameter("t/dt is \(steps) steps, more than \(maxSteps)")
        }

        let f: (State) -> State
        switch law {
        case .square: f = { s in State(a: -beta * s.b + reinforcementA, b: -alpha * s.a + reinforcementB) }
        case .linear: f = { s in State(a: -beta * s.a * s.b + reinforcementA, b: -alpha * s.a * s.b + reinforcementB) }
        }
        func rk4(_ s: State, _ h: Double) -> State {
            let k1 = f(s)
            let k2 = f(s + k1 * (h / 2))
            let k3 = f(s + k2 * (h / 2))
            let k4 = f(s + k3 * h)
            return s + (k1 + k2 * 2 + k3 * 2 + k4) * (h / 6)
        }

        var s = State(a: a, b: b)
        if a == 0 || b == 0 { return finish(s, t: 0) }
        var k = 0
        var time = 0.0
        while time < t {
            // Time from the step count, not a running sum, so rounding does not accumulate.
            let next = min(Double(k + 1) * dt, t)
            let h = next - time
            if h <= 0 { break }
            let s1 = rk4(s, h)
            if s1.a > 0 && s1.b > 0 {
                s = s1; time = next; k += 1
                continue
            }
            // A side reaches zero within this step: bisect on the step length.
            var lo = 0.0, hi = h
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if mid <= lo || mid >= hi { break }
                let sm = rk4(s, mid)
                if sm.a > 0 && sm.b > 0 { lo = mid } else { hi = mid }
            }
            return finish(rk4(s, hi), t: time + hi)
        }
        return LanchesterResult(a: s.a, b: s.b, t: t, winner: nil)
    }

    /// Clamps a side at or below zero to exactly zero and names the survivor.
    private static func finish(_ s: State, t: Double) -> LanchesterResult {
        let a = max(0, s.a), b = max(0, s.b)
        let winner: LanchesterSide? = a > 0 && b == 0 ? .a : (b > 0 && a == 0 ? .b : nil)
        return LanchesterResult(a: a, b: b, t: t, winner: winner)
    }

    struct State {
        var a: Double
        var b: Double
        static func + (l: State, r: State) -> State { State(a: l.a + r.a, b: l.b + r.b) }
        static func * (l: State, r: Double) -> State { State(a: l.a * r, b: l.b * r) }
    }
}
