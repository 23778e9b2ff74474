import Foundation

/// The after-action report: one self-contained HTML file (inline SVG charts and styles, no
/// script, font or image fetched) that an instructor can project or print. Charts of the
/// rung, each side's odds and war position and sanctions damage per turn, with alliance,
/// nuclear and reseed marks; each side's moves and who decided them; the assumptions; the
/// event log. Measurement only: it reads the history and changes nothing.
///
/// The file is also well-formed XML (void elements closed, only XML's entities), so tests
/// can parse it strictly.
public enum AfterActionReport {
    /// The report of `history`; `script` is the script that built the scenario and its
    /// arguments (the variant), shown with the assumptions when known.
    public static func html(_ history: ScenarioHistory, script: ScriptRecord? = nil) -> String {
        page(RunRecord(history, script: script))
    }

    /// The page of `record`; `title` and `lead` come before the scenario's headline, and
    /// `sections` after the moves (an exercise's debrief).
    static func page(_ record: RunRecord, title: String? = nil, lead: String = "", sections: String = "") -> String {
        let s = record.scenario
        let heading = title ?? "After-action report: \(s.name)"
        var body = "<header><h1>\(HTMLText.escape(heading))</h1>"
        body += "<p class=\"lead\">\(HTMLText.escape(headline(record)))</p>\(lead)</header>"
        body += howToRead(record)
        body += "<section id=\"charts\"><h2>The run, turn by turn</h2>" + charts(record) + marksList(record) + "</section>"
        body += "<section id=\"moves\"><h2>Moves and who decided them</h2>" + movesTable(record) + "</section>"
        body += sections
        body += "<section id=\"assumptions\"><h2>Assumptions</h2>" + assumptions(record) + "</section>"
        body += "<section id=\"events\"><h2>Event log</h2>" + eventLog(s) + "</section>"
        body += "<footer><p>Capabilities: COW National Material Capabilities v6.0, year \(s.capabilities.year) "
            + "(Singer, Bremer &amp; Stuckey 1972; Greig &amp; Enterline 2021). Warheads: the bundled FAS estimates (2024); for a historical year, who held nuclear weapons then. "
            + "Every other figure is set by the scenario's script and is its author's.</p></footer>"
        return ReportPage.document(title: heading, body: body)
    }

    /// Writes the report as a save is written (``AtomicFileWriter``): atomically, replacing
    /// only a regular file, with errors in plain words naming `path`.
    public static func write(_ history: ScenarioHistory, script: ScriptRecord? = nil, to path: String) throws {
        try AtomicFileWriter.write(Data(html(history, script: script).utf8), to: path)
    }

    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    // MARK: Sections

    static func headline(_ r: RunRecord) -> String {
        let s = r.scenario
        var text = "Turn \(s.turn) of \(s.turnLimit), rung \(s.rung) \(s.rungName). "
        if let e = s.ending {
            text += "Ended at turn \(e.turn): \(e.reason.rawValue.replacingOccurrences(of: "_", with: " ")) — \(e.why). "
        } else {
            text += "Not ended. "
        }
        let highest = r.points.map(\.rung).max() ?? s.rung
        text += "Highest rung: \(highest) \(s.ladder.name(highest)). Seed \(r.points.first?.seed ?? s.seed)"
        let reseeds = r.marks.filter { $0.kind == .reseed }
        if !reseeds.isEmpty { text += ", reseeded at turn " + reseeds.map { "\($0.turn)" }.joined(separator: ", ") }
        return text + "."
    }

    static func howToRead(_ r: RunRecord) -> String {
        """
        <section id="how-to-read"><h2>How to read this report</h2><p>Each chart runs along the turns: a point is \
        the state at the end of that turn, turn 0 is the start. The rung is the step of the escalation ladder the \
        crisis stands on; shaded turns are turns at war. The odds (p_win) are each side's chance of winning a war \
        against the others from the balance of capabilities and the allies expected to help it; once fighting \
        starts, the forces left (each side's share of its initial theatre force) show how the war goes. \
        Sanctions damage is cumulative: the GDP a target has lost so far, as a share of one year's GDP. Lettered \
        marks above the charts are events: <b>A</b> an alliance invoked (and who honoured or declined it), \
        <b>N</b> a nuclear step, <b>S</b> a reseed of the random generator; the list under the charts says what each \
        was. The moves table shows what every side asked for each turn and who decided: a script's policy, or the \
        built-in doctrine, with the rungs it weighed and the chance it gave each (its choice in bold). The \
        assumptions are what the run rests on; change them and the run changes.</p></section>
        """
    }

    static let palette = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b8860b"]

    static func charts(_ r: RunRecord) -> String {
        let s = r.scenario
        let turns = r.points.map { Double($0.turn) }
        let x = ChartAxis.linear(label: "turn (end of turn; 0 = start)", lower: Double(r.firstTurn),
                                 upper: Double(max(r.lastTurn, r.firstTurn + 1)), count: min(max(r.lastTurn - r.firstTurn, 1), 20),
                                 integer: true)
        let markers = r.marks.map { m in
            LineChart.Marker(x: Double(m.turn), glyph: m.kind.rawValue, title: "turn \(m.turn): \(m.text)", colour: colour(m.kind))
        }
        var seen = Set<String>()
        let legend = r.marks.filter { seen.insert($0.kind.rawValue).inserted }.map {
            (glyph: $0.kind.rawValue, meaning: meaning($0.kind), colour: colour($0.kind))
        }
        let war = r.warSpans.map {
            LineChart.Band(axis: .x, from: Double($0.0) - 0.5, to: Double($0.1) + 0.5, label: "turns at war", colour: "#fcebd7")
        }
        var out = ""

        // The rung.
        let names = s.ladder.rungs.indices.map { i in
            let n = s.ladder.name(i)
            return "\(i) " + (n.count > 26 ? String(n.prefix(25)) + "…" : n)
        }
        var rungBands: [LineChart.Band] = []
        if let w = s.ladder.firstWarRung {
            rungBands.append(.init(axis: .y, from: Double(w) - 0.5, to: Double(s.ladder.nuclearThreshold ?? s.ladder.top + 1) - 0.5,
                                   label: "war rungs", colour: "#fdf0e1"))
        }
        if let t = s.ladder.nuclearThreshold {
            rungBands.append(.init(axis: .y, from: Double(t) - 0.5, to: Double(s.ladder.top) + 0.5, label: "nuclear rungs", colour: "#f9dede"))
        }
        // Every chart's plot starts where the rung chart's does, so their turns line up.
        let plotLeft = ChartSVG.Frame.left(for: names)
        var rungAxis = ChartAxis.steps(label: "rung of the escalation ladder", names: names)
        rungAxis.lower = -0.5
        rungAxis.upper = Double(s.ladder.top) + 0.5
        out += LineChart(title: "Rung per turn", x: x, y: rungAxis,
                         series: [.init(name: "rung", x: turns, y: r.points.map { Double($0.rung) }, colour: "#222", step: true)],
                         markers: markers, bands: rungBands, markerLegend: legend)
            .html(height: max(300, 30 * s.ladder.rungs.count + 80))

        // Each side's odds.
        let sides = s.sides
        let oddsAxis = ChartAxis.linear(label: "p_win: odds of winning a war (0–1)", lower: 0, upper: 1, count: 5)
        let odds = sides.indices.map { i in
            LineChart.Series(name: "\(sides[i].name) (\(sides[i].leader))", x: turns, y: r.points.map { i < $0.pWin.count ? $0.pWin[i] : nil },
                             colour: palette[i % palette.count])
        }
        out += LineChart(title: "Each side's odds of winning a war", x: x, y: oddsAxis, series: odds, markers: markers,
                         bands: war, markerLegend: legend).aligned(plotLeft: plotLeft).html()

        // War position, once fighting has begun.
        if r.everAtWar {
            let axis = ChartAxis.linear(label: "forces left (% of initial theatre force)", lower: 0, upper: 100, count: 5)
            let series = sides.indices.map { i in
                LineChart.Series(name: "\(sides[i].name) (\(sides[i].leader))", x: turns,
                                 y: r.points.map { p in i < p.position.count ? p.position[i].map { 100 * $0 } : nil },
                                 colour: palette[i % palette.count])
            }
            out += LineChart(title: "War position: each side's forces left", x: x, y: axis, series: series, markers: markers,
                             bands: war, markerLegend: legend).aligned(plotLeft: plotLeft).html()
        } else {
            out += "<p class=\"note\">No fighting in this run, so no chart of forces left.</p>"
        }

        // Sanctions damage.
        if r.targets.isEmpty {
            out += "<p class=\"note\">No sanctions in this scenario, so no chart of sanctions damage.</p>"
        } else {
            let top = r.points.flatMap(\.damage).filter(\.isFinite).max() ?? 0
            let axis = ChartAxis.linear(label: "sanctions damage (% of annual GDP, cumulative)", lower: 0, upper: max(top, 0.1), count: 5)
            let series = r.targets.indices.map { k in
                LineChart.Series(name: "\(r.targets[k]) GDP loss", x: turns, y: r.points.map { $0.damage[k] },
                                 colour: palette[(k + 4) % palette.count])
            }
            out += LineChart(title: "Sanctions damage to each target (cumulative)", x: x, y: axis, series: series,
                             markers: markers, bands: war, markerLegend: legend).aligned(plotLeft: plotLeft).html()
        }
        return out
    }

    static func colour(_ k: RunRecord.Mark.Kind) -> String {
        switch k {
        case .alliance: return "#1f5fa8"
        case .nuclear: return "#b00020"
        case .reseed: return "#555555"
        }
    }

    static func meaning(_ k: RunRecord.Mark.Kind) -> String {
        switch k {
        case .alliance: return "alliance invoked"
        case .nuclear: return "nuclear step"
        case .reseed: return "reseeded"
        }
    }

    static func marksList(_ r: RunRecord) -> String {
        guard !r.marks.isEmpty else { return "<p class=\"note\">No alliance invoked, no nuclear step, no reseed.</p>" }
        var out = "<table class=\"marks\"><thead><tr><th>mark</th><th>turn</th><th>what happened</th></tr></thead><tbody>"
        for m in r.marks {
            out += "<tr class=\"mark-\(m.kind)\"><td>" + ChartSVG.glyphSwatch(m.kind.rawValue, colour: colour(m.kind))
                + "</td><td>\(m.turn)</td><td>\(HTMLText.escape(m.text))</td></tr>"
        }
        return out + "</tbody></table>"
    }

    static func movesTable(_ r: RunRecord) -> String {
        let s = r.scenario
        let played = r.points.filter { $0.report != nil || $0.reseeded }
        guard !played.isEmpty else { return "<p class=\"note\">No turn has been played yet.</p>" }
        var out = "<table class=\"moves\"><thead><tr><th>turn</th><th>rung</th><th>side</th><th>move</th><th>decided by</th>"
            + "<th>the doctrine's options (chance of each)</th></tr></thead><tbody>"
        for p in r.points {
            if let rep = p.report {
                let change = rep.previousRung == rep.rung ? "\(rep.rung) \(rep.rungName)"
                    : "\(rep.previousRung) → \(rep.rung) \(rep.rungName)"
                for (k, m) in rep.moves.enumerated() {
                    let asked = m.move.target(from: rep.previousRung, ladder: s.ladder)
                    out += "<tr" + (k == 0 ? " class=\"turn-start\"" : "") + ">"
                    if k == 0 {
                        out += "<td rowspan=\"\(rep.moves.count)\">\(rep.turn)</td><td rowspan=\"\(rep.moves.count)\">\(HTMLText.escape(change))</td>"
                    }
                    out += "<td>\(HTMLText.escape(m.side))</td><td>\(HTMLText.escape(m.move.description)) "
                        + "<span class=\"dim\">(asks \(asked) \(HTMLText.escape(s.ladder.name(asked))))</span></td>"
                        + "<td>\(HTMLText.escape(m.source.rawValue))</td><td>\(options(m, chosen: asked, ladder: s.ladder))</td></tr>"
                }
            }
            if p.reseeded {
                out += "<tr class=\"reseed\"><td>\(p.turn)</td><td colspan=\"5\">reseeded here: seed \(p.seed) from turn \(p.turn + 1) on</td></tr>"
            }
        }
        return out + "</tbody></table>"
    }

    static func options(_ m: SideMove, chosen: Int, ladder: Ladder) -> String {
        guard let options = m.options, let p = m.probabilities, options.count == p.count else { return "—" }
        return options.indices.map { k in
            let chance = p[k] > 0 && p[k] < 0.005 ? "<1%" : p[k] < 1 && p[k] > 0.995 ? ">99%" : HTMLText.number(100 * p[k], 0) + "%"
            let text = "\(options[k]) \(HTMLText.escape(ladder.name(options[k]))) \(HTMLText.escape(chance))"
            return options[k] == chosen ? "<b>\(text)</b>" : text
        }.joined(separator: " · ")
    }

    static func eventLog(_ s: Scenario) -> String {
        guard !s.log.isEmpty else { return "<p class=\"note\">No events yet.</p>" }
        var out = "<table class=\"events\"><thead><tr><th>turn</th><th>event</th></tr></thead><tbody>"
        for e in s.log {
            if e.kind == .turn {
                out += "<tr class=\"turn-start\"><td>\(e.turn)</td><td><b>\(HTMLText.escape(e.text))</b></td></tr>"
            } else {
                out += "<tr class=\"ev-\(e.kind.rawValue)\"><td></td><td>\(HTMLText.escape(EventStory.line(e)))</td></tr>"
            }
        }
        return out + "</tbody></table>"
    }
}
