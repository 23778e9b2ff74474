import Foundation

// The Monte Carlo summary as text for people: the REPL prints it through `tostring`.

extension MonteCarlo.Summary {
    /// Endings, the share of runs that reached each rung, and the two distributions.
    public var summary: String {
        var lines = ["\(runs) runs"]
        lines.append("endings: " + endings.sorted { $0.key < $1.key }.map { String(format: "%@ %.3f", $0.key, $0.value) }
            .joined(separator: ", "))
        lines.append("reached: " + reached.sorted { $0.key < $1.key }.map { String(format: "%d %.3f", $0.key, $0.value) }
            .joined(separator: ", "))
        if !started.isEmpty {
            lines.append("started war: " + started.sorted { $0.key < $1.key }.map { String(format: "%@ %.3f", $0.key, $0.value) }
                .joined(separator: ", "))
        }
        func q(_ name: String, _ x: MonteCarlo.Quantiles) -> String {
            String(format: "%@: p5 %.3f, p50 %.3f, p95 %.3f, mean %.3f", name, x.p5, x.p50, x.p95, x.mean)
        }
        lines.append(q("max_rung", maxRung))
        if let g = gdpLossPct { lines.append(q("gdp_loss_pct", g)) }
        return lines.joined(separator: "\n")
    }
}
