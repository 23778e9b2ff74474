import Foundation

/// A Monte Carlo summary as one self-contained HTML file (inline SVG and CSS, no script, no
/// network) for projecting: ending shares with their 95% intervals, a histogram of the
/// highest rung, and the damage quantiles with their unit. Charts are at most 960 px wide
/// and scale down with the page, so nothing is clipped at 1280 px.
public enum MonteCarloReport {
    public static func html(_ s: MonteCarlo.Summary, title: String = "Monte Carlo summary") -> String {
        let head = "\(s.runs) runs" + (s.failed > 0 ? ", \(s.failed) failed (not in the shares)" : "")
            + (s.partial ? " — partial: interrupted after \(s.runs + s.failed) of \(s.requested) runs" : "")
        var body = "<h1>\(escape(title))</h1>\n<p>\(escape(head)). Shares are counts over the \(s.runs) runs that finished; "
            + "bars show 95% Wilson intervals.</p>\n"
        body += "<h2>Endings</h2>\n" + endingsChart(s)
        body += "<h2>Highest rung</h2>\n" + histogram(s)
        body += String(format: "<p>Nuclear threshold crossed (highest rung at or above the first nuclear rung): %d runs, %.3f (95%% %.3f–%.3f).</p>\n",
                       s.thresholdCrossed, s.share(s.thresholdCrossed), s.interval(s.thresholdCrossed).lower, s.interval(s.thresholdCrossed).upper)
        body += "<h2>Damage</h2>\n"
        if let g = s.gdpLossPct {
            body += "<p>GDP loss, % of annual GDP, cumulative: the sanctions' first target, over the \(s.sanctionedRuns) "
                + "of \(s.runs) runs that had sanctions.</p>\n<table><tr><th></th><th>p5</th><th>p50</th><th>p95</th><th>mean</th></tr>\n"
                + String(format: "<tr><td>GDP loss (%% of annual GDP)</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>\n",
                         g.p5, g.p50, g.p95, g.mean)
                + String(format: "<tr><td>highest rung</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td></tr></table>\n",
                         s.maxRung.p5, s.maxRung.p50, s.maxRung.p95, s.maxRung.mean)
        } else {
            body += "<p>No run had sanctions.</p>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>body{font-family:sans-serif;max-width:1000px;margin:1.5em auto;padding:0 1em;color:#222}
            svg{max-width:100%;height:auto;display:block}table{border-collapse:collapse}
            td,th{border-bottom:1px solid #ddd;padding:3px 10px;font-size:14px;text-align:right}
            td:first-child{text-align:left}</style></head>
            <body>
            \(body)</body></html>

            """
    }

    /// Writes the report atomically.
    public static func write(_ s: MonteCarlo.Summary, to path: String) throws {
        try AtomicFileWriter.write(Data(html(s).utf8), to: path)
    }

    /// Horizontal bars: one per ending, share with its interval, on an axis 0 to 1.
    static func endingsChart(_ s: MonteCarlo.Summary) -> String {
        let reasons = MonteCarlo.endingReasons + s.endings.keys.filter { !MonteCarlo.endingReasons.contains($0) }.sorted()
        let (w, left, right, row, top) = (960.0, 140.0, 120.0, 28.0, 10.0)
        let h = top + Double(reasons.count) * row + 50
        func x(_ v: Double) -> Double { left + (w - left - right) * v }
        var svg = svgOpen(w, h, "share of runs by ending, with 95% intervals")
        for i in 0...5 {
            let v = Double(i) / 5, bottom = top + Double(reasons.count) * row
            svg += line(x(v), top, x(v), bottom + 5, "#ccc")
            svg += text(x(v), bottom + 20, String(format: "%.1f", v), anchor: "middle")
        }
        svg += text((x(0) + x(1)) / 2, h - 8, "share of runs", anchor: "middle")
        for (i, reason) in reasons.enumerated() {
            let c = s.endings[reason] ?? 0, y = top + Double(i) * row
            let (lo, hi) = s.interval(c)
            svg += text(left - 8, y + row / 2 + 4, reason, anchor: "end")
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab0\"/>",
                          x(0), y + 6, x(s.share(c)) - x(0), row - 12)
            svg += line(x(lo), y + row / 2, x(hi), y + row / 2, "#111")
            svg += line(x(lo), y + 8, x(lo), y + row - 8, "#111") + line(x(hi), y + 8, x(hi), y + row - 8, "#111")
            svg += text(x(1) + 8, y + row / 2 + 4, String(format: "%d (%.3f)", c, s.share(c)), anchor: "start")
        }
        return svg + "</svg>\n"
    }

    /// Vertical bars: runs whose highest rung was r, for every rung, on a labelled count axis.
    static func histogram(_ s: MonteCarlo.Summary) -> String {
        let (w, h, left, bottom, top) = (960.0, 340.0, 70.0, 70.0, 15.0)
        let peak = max(s.highestRung.max() ?? 0, 1)
        let step = niceStep(Double(peak) / 5), axisMax = (Double(peak) / step).rounded(.up) * step
        let n = max(s.highestRung.count, 1), slot = (w - left - 20) / Double(n)
        func y(_ v: Double) -> Double { h - bottom - (h - bottom - top) * v / axisMax }
        var svg = svgOpen(w, h, "histogram of the highest rung")
        var v = 0.0
        while v <= axisMax + step / 2 {
            svg += line(left - 5, y(v), w - 20, y(v), "#e3e3e3")
            svg += text(left - 9, y(v) + 4, String(format: "%.0f", v), anchor: "end")
            v += step
        }
        svg += String(format: "<text x=\"16\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">runs</text>",
                      (top + h - bottom) / 2, (top + h - bottom) / 2)
        for (r, c) in s.highestRung.enumerated() {
            let x0 = left + Double(r) * slot
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#b0564a\"/>",
                          x0 + slot * 0.15, y(Double(c)), slot * 0.7, y(0) - y(Double(c)))
            svg += text(x0 + slot / 2, y(0) + 16, "\(r)", anchor: "middle")
            let name = s.rungNames.indices.contains(r) ? s.rungNames[r] : ""
            if !name.isEmpty { svg += text(x0 + slot / 2, y(0) + 31, String(name.prefix(14)), anchor: "middle", size: 11) }
            if c > 0 { svg += text(x0 + slot / 2, y(Double(c)) - 4, "\(c)", anchor: "middle", size: 11) }
        }
        svg += line(left, y(0), w - 20, y(0), "#333")
        svg += text((left + w) / 2, h - 10, "highest rung (0-based)", anchor: "middle")
        return svg + "</svg>\n"
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        let p = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * p >= raw { return max(1, m * p) }
        return max(1, 10 * p)
    }

    static func svgOpen(_ w: Double, _ h: Double, _ label: String) -> String {
        String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%@\" font-family=\"sans-serif\">",
               w, h, w, h, escape(label))
    }
    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ colour: String) -> String {
        String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%@\"/>", x1, y1, x2, y2, colour)
    }
    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String, size: Int = 13) -> String {
        String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%@\">%@</text>", x, y, size, anchor, escape(s))
    }
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
