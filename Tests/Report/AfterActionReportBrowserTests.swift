import Foundation
import Testing
@testable import WargameKit

/// The after-action report as an instructor sees it: rendered by headless Chromium at a
/// projector's 1280 px and at 1920 px. A person checks that the page shows something, that
/// nothing sticks out to the right, that no chart text is cut off at the chart's edge, and
/// that every chart says what its axes measure. Two runs: the default scenario stepped ten
/// turns, and a war with alliances invoked, nuclear steps and a reseed.
@Suite(.serialized) struct AfterActionReportBrowserTests {
    struct Measurement: Decodable {
        struct Chart: Decodable {
            var labels: [String]
            var ticks: Int
            var clipped: [String]
            var width: Double
        }
        var viewport: Double
        var scrollWidth: Double
        var wide: [String]
        var charts: [Chart]
    }

    /// Runs after load in a copy of the page; writes what it measured as JSON.
    static let script = """
        (function(){
          var W = window.innerWidth, r = { viewport: W, scrollWidth: document.documentElement.scrollWidth, wide: [], charts: [] };
          document.querySelectorAll('body *').forEach(function(e) {
            var b = e.getBoundingClientRect();
            if ((b.right > W + 0.5 || b.left < -0.5) && r.wide.length < 10) r.wide.push(e.tagName + ' ' + (e.textContent || '').slice(0, 40));
          });
          document.querySelectorAll('figure.chart > svg').forEach(function(s) {
            var vb = s.viewBox.baseVal, c = { labels: [], ticks: s.querySelectorAll('text.tick').length, clipped: [],
                                              width: s.getBoundingClientRect().width };
            s.querySelectorAll('text').forEach(function(t) {
              var b = t.getBBox();
              if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5) c.clipped.push(t.textContent);
            });
            s.querySelectorAll('text.axis-label').forEach(function(t) { c.labels.push(t.textContent); });
            r.charts.push(c);
          });
          var p = document.createElement('pre'); p.id = 'measure'; p.textContent = JSON.stringify(r); document.body.appendChild(p);
        })();
        """

    /// Writes the report of what `lua` (which must leave the scenario in `s`) built.
    static func report(_ lua: String, in dir: URL) throws -> URL {
        let file = dir.appendingPathComponent("aar.html")
        let state = try LuaState()
        WargameModule.install(in: state)
        _ = try state.run(lua + "\ns:report([==[\(file.path)]==])")
        return file
    }

    /// What a person checks, at 1280 px (the projector) and 1920 px.
    static func look(at file: URL, charts: Int) throws {
        let png = file.deletingLastPathComponent().appendingPathComponent("aar.png")
        try HeadlessChromium.screenshot(file, to: png, width: 1280, height: 2000)
        let image = try PNGImage(contentsOf: png)
        #expect(image.width == 1280 && image.height == 2000)
        // A blank page has variance 0; a page of text and charts has hundreds or more.
        #expect(image.variance > 100, "the screenshot looks blank (luminance variance \(image.variance))")
        #expect(image.darkShare(rows: 0..<200) > 0.002, "no heading at the top of the page")

        for width in [1280, 1920] {
            let json = try HeadlessChromium.measure(file, script: script, width: width, height: 1200)
            let m = try JSONDecoder().decode(Measurement.self, from: Data(json.utf8))
            #expect(m.viewport == Double(width))
            #expect(m.scrollWidth <= Double(width), "the page is wider than \(width) px: \(m.scrollWidth)")
            #expect(m.wide.isEmpty, "elements past the right edge at \(width) px: \(m.wide)")
            #expect(m.charts.count == charts)
            for c in m.charts {
                #expect(c.labels.count == 2 && c.labels.allSatisfy { $0.count > 3 }, "axis labels: \(c.labels)")
                #expect(c.ticks >= 4)
                #expect(c.clipped.isEmpty, "text cut off at a chart's edge: \(c.clipped)")
                // Charts are drawn at their full width, not shrunk, when the page has room.
                #expect(c.width >= 1000, "a chart is only \(c.width) px wide at \(width) px")
            }
        }
    }

    @Test func defaultScenarioAfterTenTurns() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.report("s = dofile([==[\(Programs.defaultScenario)]==]) s:step(10)", in: dir)
        // Rung, odds, sanctions damage; no fighting, so no chart of forces left.
        try Self.look(at: file, charts: 3)
    }

    /// A war between nuclear powers that reaches the nuclear threshold, with alliances
    /// invoked, sanctions, a reseed after turn 1, and a side whose name is one long word
    /// (long names must wrap, not widen the page). Figures illustrative.
    @Test func warWithAlliancesNuclearStepsAndReseed() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "Eastern", count: 30)
        let file = try Self.report("""
            for seed = 1, 200 do
              s = wg.scenario{ name = "war", seed = seed, rung = 4, turns = 30 }
              s:side("\(long)", {"RUS", "BLR"})
              s:side("West", {"USA", "UKG", "FRN"})
              s:alliance{ name = "CSTO Art. 4", members = {"RUS", "BLR", "ARM", "KZK"}, reliability = 0.35 }
              s:alliance{ name = "NATO Art. 5", members = {"USA", "UKG", "FRN", "GMY", "POL"}, reliability = 0.75 }
              s:economy{ RUS = { gdp = 1780 } }
              s:trade{ from = "GMY", to = "RUS", value = 30 }
              s:sanction{ name = "Western package", by = {"GMY"}, target = "RUS", coverage = 0.6 }
              s:policy("USA", function(v) if v.turn == 1 then return {rung = 5} end return "hold" end)
              s:step(1) s:seed(seed + 1000) s:step(30)
              local kinds = {}
              for _, e in ipairs(s:log()) do kinds[e.kind] = true end
              if kinds.alliance and kinds.nuclear then break end
            end
            """, in: dir)
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.contains("mark-alliance") && html.contains("mark-nuclear") && html.contains("mark-reseed"),
                "the run should show an alliance, a nuclear step and a reseed")
        try Self.look(at: file, charts: 4)
    }
}
