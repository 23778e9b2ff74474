import Foundation

// The Monte Carlo summary as text for people: the REPL prints it through `tostring`.
// An aligned table: counts, shares (count / runs) and 95% Wilson intervals; a histogram
// of the highest rung; damage quantiles with their unit and the runs they are over.

extension MonteCarlo.Summary {
    /// Width of the longest histogram bar, in characters.
    static let barWidth = 30

    public var summary: String {
        var lines: [String] = []
        var head = "\(runs) runs"
        if failed > 0 { head += ", \(failed) failed (not in the shares)" }
        if partial { head += " — partial: interrupted after \(runs + failed) of \(requested) runs" }
        lines.append(head)

        func fmt(_ x: Double) -> String { FixedDecimal.format(x, digits: 3) }  // as "%.3f"
        func interval(_ count: Int) -> String {
            let (lo, hi) = self.interval(count)
            return "\(fmt(lo))-\(fmt(hi))"
        }
        func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
            let n = s.count
            guard n < w else { return s }
            return right ? String(repeating: " ", count: w - n) + s : s + String(repeating: " ", count: w - n)
        }

        // Endings: every reason, 0 where none.
        let reasons = MonteCarlo.endingReasons + endings.keys.filter { !MonteCarlo.endingReasons.contains($0) }.sorted()
        let countWidth = max(4, String(runs).count)
        let endingWidth = max(12, reasons.map(\.count).max() ?? 0)
        lines.append("")
        lines.append("\(pad("ending", endingWidth))  \(pad("runs", countWidth, right: true))  share  95% interval")
        for reason in reasons {
            let c = endings[reason] ?? 0
            lines.append("\(pad(reason, endingWidth))  \(pad(String(c), countWidth, right: true))  \(fmt(share(c)))  \(interval(c))")
        }

        // Highest rung: exact counts with a bar, and "at least r" with its interval.
        let labels = highestRung.indices.map { r in rungNames[r].isEmpty ? "\(r)" : "\(r) \(rungNames[r])" }
        let rungWidth = max(12, labels.map(\.count).max() ?? 0)
        let peak = highestRung.max() ?? 0
        let atLeast = self.atLeast
        lines.append("")
        lines.append("\(pad("highest rung", rungWidth))  \(pad("runs", countWidth, right: true))  share  "
                     + "at least  95% interval  histogram (# = runs whose highest rung was r)")
        for r in highestRung.indices {
            let c = highestRung[r]
            let bar = peak == 0 ? "" : String(repeating: "#", count: Int((Double(c) * Double(Self.barWidth) / Double(peak)).rounded(.up)))
            lines.append("\(pad(labels[r], rungWidth))  \(pad(String(c), countWidth, right: true))  \(fmt(share(c)))  "
                         + "   \(fmt(share(atLeast[r])))  \(interval(atLeast[r]))" + (bar.isEmpty ? "" : "  \(bar)"))
        }
        lines.append("nuclear threshold crossed (highest rung at or above the first nuclear rung): "
                     + "\(thresholdCrossed) runs, \(fmt(share(thresholdCrossed))) (95% \(interval(thresholdCrossed)))")
        if !started.isEmpty {
            lines.append("started a war: " + started.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value) runs, \(fmt(share($0.value))) (95% \(interval($0.value)))" }
                .joined(separator: "; "))
        }

        lines.append("")
        lines.append("\(pad("distribution", 44))      p5     p50     p95    mean")
        func q(_ name: String, _ x: MonteCarlo.Quantiles) -> String {
            pad(name, 44) + [x.p5, x.p50, x.p95, x.mean].map { pad(fmt($0), 8, right: true) }.joined()
        }
        lines.append(q("highest rung", maxRung))
        if let g = gdpLossPct {
            lines.append(q("GDP loss, % of annual GDP, cumulative", g))
            lines.append("  (sanctions target's loss over the \(sanctionedRuns) of \(runs) runs that had sanctions)")
        } else {
            lines.append("GDP loss: no run had sanctions")
        }
        return lines.joined(separator: "\n")
    }
}
