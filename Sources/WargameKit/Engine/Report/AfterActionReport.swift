import Foundation

/// The after-action report: one self-contained HTML file with an inline SVG of the rung
/// over time, the final status and the event log. Measurement only.
public enum AfterActionReport {
    public static func html(_ history: ScenarioHistory) -> String {
        let s = history.current
        let points = history.timeline.map { (turn: $0.turn, rung: $0.rung) }
        let w = 720.0, h = 260.0, pad = 30.0, left = 170.0  // room for the rung names
        let maxTurn = Double(max(points.last?.turn ?? 1, 1)), top = Double(max(s.ladder.top, 1))
        func x(_ t: Int) -> Double { left + (w - left - pad) * Double(t) / maxTurn }
        func y(_ r: Int) -> Double { h - pad - (h - 2 * pad) * Double(r) / top }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" role=\"img\" aria-label=\"rung by turn\">"
        for r in 0...s.ladder.top {
            let color = s.ladder.isNuclear(r) ? "#c0392b" : (s.ladder.isWar(r) ? "#e67e22" : "#bbb")
            svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%@\" stroke-width=\"0.5\"/>", left, y(r), w - pad, y(r), color)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">", left - 6, y(r) + 3)
                + "\(r) \(escape(s.ladder.name(r)))</text>"
        }
        let path = points.map { String(format: "%.1f,%.1f", x($0.turn), y($0.rung)) }.joined(separator: " ")
        svg += "<polyline fill=\"none\" stroke=\"#2c3e50\" stroke-width=\"2\" points=\"\(path)\"/>"
        svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">turn 0 to %d</text>", (left + w) / 2 - 30, h - 8, Int(maxTurn))
        svg += "</svg>"
        let events = s.log.map { "<tr><td>\($0.turn)</td><td>\(escape($0.kind.rawValue))</td><td>\(escape($0.text))</td></tr>" }
            .joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>After-action report: \(escape(s.name))</title>
            <style>body{font-family:sans-serif;max-width:760px;margin:2em auto;color:#222}
            pre{background:#f6f6f6;padding:1em;overflow:auto}table{border-collapse:collapse;width:100%}
            td{border-bottom:1px solid #ddd;padding:2px 6px;font-size:13px;vertical-align:top}</style></head>
            <body><h1>After-action report: \(escape(s.name))</h1>
            <p>Seed \(s.seed); \(s.turn) turns; \(escape(s.ending.map { "ended: \($0.reason.rawValue) — \($0.why)" } ?? "not ended"))</p>
            <h2>Rung by turn</h2>\(svg)
            <h2>Where things stand</h2><pre>\(escape(s.status(events: 0)))</pre>
            <h2>Events</h2><table><tr><th>turn</th><th>kind</th><th>event</th></tr>
            \(events)
            </table>
            <p><small>Capabilities: COW NMC v6.0 (Singer, Bremer &amp; Stuckey 1972; Greig &amp; Enterline 2021).
            Warheads: FAS 2024 estimates. Figures set in scripts are the script author's.</small></p>
            </body></html>
            """
    }

    /// Writes the report as a save is written (``AtomicFileWriter``): atomically, replacing
    /// only a regular file, with errors in plain words naming `path`.
    public static func write(_ history: ScenarioHistory, to path: String) throws {
        try AtomicFileWriter.write(Data(html(history).utf8), to: path)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
