import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import WargameKit

/// The generic chart helpers the reports draw with: round ticks, labelled axes, a line
/// that breaks where values are missing, bars in proportion to their values.
@Suite struct ChartTests {
    /// The number in attribute `name` of `node` (NaN when missing, which fails the checks).
    static func number(_ node: XMLNode, _ name: String) throws -> Double {
        Double(try node.nodes(forXPath: "@\(name)").first?.stringValue ?? "") ?? .nan
    }

    @Test func linearAxisHasRoundTicksCoveringTheRange() {
        let a = ChartAxis.linear(label: "x", lower: 0, upper: 2.37, count: 5)
        #expect(a.ticks == [0, 0.5, 1, 1.5, 2, 2.5])
        #expect(a.tickLabels == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        #expect(a.lower == 0 && a.upper == 2.5)
        let turns = ChartAxis.linear(label: "turn", lower: 0, upper: 37, count: 20, integer: true)
        #expect(turns.ticks.first == 0 && turns.ticks.last! >= 37)
        #expect(zip(turns.ticks, turns.ticks.dropFirst()).allSatisfy { $1 - $0 == 2 })
        #expect(turns.tickLabels.first == "0" && turns.tickLabels[1] == "2")
        // An empty range still gets an axis (a run at turn 0).
        let flat = ChartAxis.linear(label: "turn", lower: 0, upper: 0, integer: true)
        #expect(flat.upper > flat.lower && flat.ticks.count >= 2)
        #expect(ChartAxis.niceStep(0.013) == 0.02 && ChartAxis.niceStep(7) == 10 && ChartAxis.niceStep(300) == 500)
    }

    @Test func lineChartLabelsItsAxesAndBreaksAtMissingValues() throws {
        let chart = LineChart(title: "a <title>", x: .linear(label: "turn", lower: 0, upper: 4, integer: true),
                              y: .linear(label: "share (%)", lower: 0, upper: 100),
                              series: [.init(name: "s & t", x: [0, 1, 2, 3, 4], y: [10, 20, nil, 40, 50], colour: "#123456")],
                              markers: [.init(x: 2, glyph: "A", title: "turn 2: <x> invoked", colour: "#00f"),
                                        .init(x: 2, glyph: "N", title: "turn 2: nuclear", colour: "#f00")])
        let doc = try XMLDocument(xmlString: chart.html(), options: [])
        let labels = try doc.nodes(forXPath: "//*[@class='axis-label']").compactMap(\.stringValue)
        #expect(labels == ["turn", "↑ share (%)"])
        #expect(try doc.nodes(forXPath: "//*[local-name()='path'][@stroke='#123456']").count == 2, "two segments around the gap")
        #expect(try doc.nodes(forXPath: "//*[local-name()='circle'][@fill='#123456']").count == 4, "a dot per value")
        let markers = try doc.nodes(forXPath: "//*[@class='marker']/*[local-name()='title']").compactMap(\.stringValue)
        #expect(markers == ["turn 2: <x> invoked", "turn 2: nuclear"])
        #expect(try doc.nodes(forXPath: "//*[local-name()='figcaption']").first?.stringValue == "a <title>")
    }

    /// Points go where the axes say: the y of a value is linear in it, x in the turn.
    @Test func lineChartPlacesPointsOnTheAxes() throws {
        let chart = LineChart(title: "t", x: .linear(label: "turn", lower: 0, upper: 10, count: 5, integer: true),
                              y: .linear(label: "v", lower: 0, upper: 1, count: 5),
                              series: [.init(name: "s", x: [0, 5, 10], y: [0, 0.5, 1], colour: "#111111")])
        let doc = try XMLDocument(xmlString: chart.svg(), options: [])
        let dots = try doc.nodes(forXPath: "//*[local-name()='circle']").map { (try Self.number($0, "cx"), try Self.number($0, "cy")) }
        #expect(dots.count == 3)
        #expect(abs((dots[0].0 + dots[2].0) / 2 - dots[1].0) < 0.2)
        #expect(abs((dots[0].1 + dots[2].1) / 2 - dots[1].1) < 0.2)
        #expect(dots[0].1 > dots[2].1, "larger values are higher up")
    }

    @Test func barChartBarsAreInProportion() throws {
        let chart = BarChart(title: "highest rung", categoryLabel: "rung", categories: ["0", "1", "2", "3"],
                             valueLabel: "share of runs (%)", values: [10, 20, 0, 40], valueText: { String(format: "%.0f%%", $0) })
        let doc = try XMLDocument(xmlString: chart.html(), options: [])
        let heights = try doc.nodes(forXPath: "//*[local-name()='rect'][@fill='#2c6fbb']").map { try Self.number($0, "height") }
        #expect(heights.count == 4)
        #expect(abs(heights[1] / heights[0] - 2) < 0.02 && abs(heights[3] / heights[0] - 4) < 0.02)
        #expect(heights[2] <= 0.5)
        #expect(try doc.nodes(forXPath: "//*[@class='axis-label']").compactMap(\.stringValue) == ["rung", "↑ share of runs (%)"])
        #expect(try doc.nodes(forXPath: "//*[@class='value']").compactMap(\.stringValue) == ["10%", "20%", "0%", "40%"])
    }

    @Test func escapingLeavesNoMarkup() {
        #expect(HTMLText.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
        #expect(HTMLText.escape("bell\u{7}") == "bell\u{FFFD}")
    }
}
