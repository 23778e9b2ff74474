import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import WargameKit

/// An exercise's after-action report as the instructor projects it at the debrief: the
/// scenario's report with the debrief table (each team's orders, the model's proposal, the
/// white cell's decision with the reason of an override, the outcome) and the injects,
/// rendered by headless Chromium; nothing sticks out or is cut off at 1280 px.
@Suite(.serialized) struct ExerciseReportBrowserTests {
    struct Debrief: Decodable {
        var rows: Int
        var turn2: String
        var tableRight: Double
        var injects: String
        var viewport: Double
    }

    static let script = """
        (function(){
          var t = document.querySelector('table.debrief'), r2 = document.getElementById('debrief-turn-2');
          var inj = document.getElementById('injects');
          var r = { rows: t ? t.querySelectorAll('tbody tr').length : 0, turn2: r2 ? r2.textContent : '',
                    tableRight: t ? t.getBoundingClientRect().right : 1e9, injects: inj ? inj.textContent : '',
                    viewport: window.innerWidth };
          var p = document.createElement('pre'); p.id = 'measure'; p.textContent = JSON.stringify(r); document.body.appendChild(p);
        })();
        """

    @Test func theDebriefTableShowsOrdersProposalsAndTheOverrideReasonAt1280px() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var e = try ExerciseLoader.load(ExerciseTests.baltic)
        // Turn 1: Red cuts gas to Germany; both hold the sanctions rung; accepted.
        try e.order(team: "Blue", "rung 2")
        try e.order(team: "Red", "rung 2")
        try e.order(team: "Red", "sanction Gas cut-off to Germany")
        _ = try e.resolve(); _ = try e.accept()
        // Turn 2: the white cell overrides Russia's move, with a reason.
        try e.order(team: "Blue", "invoke NATO Art. 5")
        _ = try e.resolve()
        _ = try e.override(side: "Russia", move: .rung(3), reason: "the class wants a harder Moscow")
        // Turn 3 (its inject: Minsk hesitates): accepted.
        try e.order(team: "Blue", "lift Western package")
        _ = try e.resolve(); _ = try e.accept()
        let file = dir.appendingPathComponent("aar.html")
        try ExerciseReport.write(e, to: file.path)
        let html = try String(contentsOf: file, encoding: .utf8)
        // Well-formed, as the scenario's report is.
        #expect(XMLParser(data: Data(html.utf8)).parse())
        #expect(html.contains("white_cell"))  // the moves table names who decided

        let charts = RunRecord(states: e.states).everAtWar ? 4 : 3
        try AfterActionReportBrowserTests.look(at: file, charts: charts)
        let json = try HeadlessChromium.measure(file, script: Self.script, width: 1280, height: 1200)
        let d = try JSONDecoder().decode(Debrief.self, from: Data(json.utf8))
        #expect(d.rows == 3)
        #expect(d.turn2.contains("overridden") && d.turn2.contains("the class wants a harder Moscow"))
        #expect(d.turn2.contains("Blue (NATO): invoke NATO Art. 5"))
        #expect(d.turn2.contains("Russia: rung 3") || d.turn2.contains("Russia rung 3"))
        #expect(d.tableRight <= d.viewport, "the debrief table reaches \(d.tableRight) px at \(d.viewport) px")
        #expect(d.injects.contains("Minsk hesitates"))
        // Turn 5's inject was not reached: listed apart, as not having happened.
        #expect(d.injects.contains("Scheduled but not reached: turn 5: A NATO summit reaffirms Article 5 in full."))
        #expect(html.contains("Red</b> (Russia): rung 2; sanction Gas cut-off to Germany"))
    }
}
