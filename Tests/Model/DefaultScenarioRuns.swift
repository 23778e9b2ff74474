import Foundation
import Testing
@testable import WargameKit

/// Many seeded runs of the default scenario (Scripts/scenarios/default.lua), stepped
/// through the Lua API as `wg.montecarlo` steps them (fork, reseed, step to the end), with
/// what the model checks need from each run: the target's cumulative sanctions figures.
struct DefaultScenarioRuns {
    static let script = Programs.root.appendingPathComponent("Scripts/scenarios/default.lua").path

    /// Per run (seed 1...n, in order): cumulative leaked and blocked trade (USD bn) and the
    /// GDP loss (% of GDP) of Russia, the scenario's sanctions target, at the run's end.
    var leaked: [Double] = []
    var blocked: [Double] = []
    var gdpLossPct: [Double] = []

    /// Runs `n` seeds of the default scenario with the variant arguments `args` (a Lua
    /// table constructor such as `{ visibility = 0.1 }`), in a Lua state of its own.
    init(args: String = "{}", seeds n: Int) throws {
        let lua = try LuaState()
        WargameModule.install(in: lua)
        let r = try lua.run("""
            local base = assert(loadfile("\(Self.script)"))(\(args))
            local leaked, blocked, loss = {}, {}, {}
            for seed = 1, \(n) do
              local s = base:fork()
              s:seed(seed)
              while not s.ended do s:step() end
              local d = s:damage("RUS")
              leaked[seed], blocked[seed], loss[seed] = d.leaked, d.blocked, d.gdp_loss_pct
            end
            return leaked, blocked, loss
            """, name: "=runs")
        func array(_ v: LuaValue) -> [Double] {
            (1...n).compactMap { v.asTable?[.integer(Int64($0))]?.asDouble }
        }
        leaked = array(r[0])
        blocked = array(r[1])
        gdpLossPct = array(r[2])
        #expect(leaked.count == n && blocked.count == n && gdpLossPct.count == n)
    }
}

/// A paired comparison over the same seeds: the mean of the differences x_i − y_i and its
/// standard error (sample standard deviation of the differences over √n). Pairing removes
/// the variation the two variants share, which is most of it while their runs coincide.
struct PairedDifference: CustomStringConvertible {
    var mean: Double
    var standardError: Double
    var meanOfX: Double
    var meanOfY: Double

    init(_ x: [Double], minus y: [Double]) {
        let n = min(x.count, y.count)
        let d = zip(x, y).map { $0 - $1 }
        let m = d.reduce(0, +) / Double(n)
        mean = m
        standardError = (d.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot() / Double(n).squareRoot()
        meanOfX = x.prefix(n).reduce(0, +) / Double(n)
        meanOfY = y.prefix(n).reduce(0, +) / Double(n)
    }

    /// The lower end of the interval mean ± 3 standard errors.
    var lowerBound: Double { mean - 3 * standardError }

    var description: String {
        String(format: "mean difference %.4g ± %.2g (SE) between means %.4g and %.4g", mean, standardError, meanOfX, meanOfY)
    }
}

/// Order statistics bounding the median of `n` draws with confidence at least 1 − α,
/// distribution-free: the median lies between the j-th and (n + 1 − j)-th smallest draw
/// with probability 1 − 2 P(Binomial(n, ½) < j). Returns 0-based indices.
func medianConfidenceIndices(n: Int, alpha: Double) -> (lower: Int, upper: Int) {
    // P(B ≤ k) for B ~ Binomial(n, 1/2), summed in logs to stay finite for large n.
    var logTerm = -Double(n) * log(2.0)  // log C(n, 0) / 2^n
    var cdf = 0.0
    var j = 0
    for k in 0..<n {
        cdf += exp(logTerm)
        if 2 * cdf > alpha { break }
        j = k + 1  // P(B < j) = P(B ≤ k) ≤ α/2
        logTerm += log(Double(n - k)) - log(Double(k + 1))
    }
    let lower = max(j, 1)
    return (lower - 1, n - lower)
}
