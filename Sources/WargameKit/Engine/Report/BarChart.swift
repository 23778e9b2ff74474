import Foundation

/// A bar chart as inline SVG: one bar per category (a histogram's bins, the rungs a set of
/// runs reached), a value axis from zero with ticks, both axes labelled. Generic, for any
/// report; the value printed above each bar lets a projected chart be read exactly.
public struct BarChart: Sendable {
    public var title: String
    /// What the categories are, with the unit: `highest rung reached`.
    public var categoryLabel: String
    public var categories: [String]
    /// The value axis: what the bars measure, with the unit: `share of runs (%)`.
    public var valueLabel: String
    public var values: [Double]
    public var colour: String
    /// Writes the value above a bar (nil: none).
    public var valueText: (@Sendable (Double) -> String)?

    public init(title: String, categoryLabel: String, categories: [String], valueLabel: String, values: [Double],
                colour: String = "#2c6fbb", valueText: (@Sendable (Double) -> String)? = nil) {
        precondition(categories.count == values.count, "one value per category")
        self.title = title
        self.categoryLabel = categoryLabel
        self.categories = categories
        self.valueLabel = valueLabel
        self.values = values
        self.colour = colour
        self.valueText = valueText
    }

    /// The chart as a `<figure>` with its caption.
    public func html(width: Int = 1120, height: Int = 300) -> String {
        "<figure class=\"chart\"><figcaption>\(HTMLText.escape(title))</figcaption>" + svg(width: width, height: height) + "</figure>"
    }

    public func svg(width: Int = 1120, height: Int = 300) -> String {
        let finite = values.filter(\.isFinite)
        let y = ChartAxis.linear(label: valueLabel, lower: min(0, finite.min() ?? 0), upper: max(finite.max() ?? 1, 0), count: 5)
        let n = max(categories.count, 1)
        // Category k sits at k + 0.5 on an axis from 0 to n, so bars never touch the frame.
        let x = ChartAxis(label: categoryLabel, lower: 0, upper: Double(n),
                          ticks: categories.indices.map { Double($0) + 0.5 }, tickLabels: categories)
        let frame = ChartSVG.Frame(width: Double(width), height: Double(height), yTickLabels: y.tickLabels, top: 22)
        func px(_ v: Double) -> Double { x.position(v, from: frame.left, to: frame.right) }
        func py(_ v: Double) -> Double { y.position(v, from: frame.bottom, to: frame.top) }
        var out = ChartSVG.open(width: width, height: height, title: title)
        out += ChartSVG.axes(frame, x: x, y: y, px: px, py: py)
        let slot = (frame.right - frame.left) / Double(n)
        let barWidth = max(slot * 0.7, 1)
        let labelEvery = max(1, Int(((valueText.map { _ in 7.0 * 6 } ?? 0) / slot).rounded(.up)))
        for (k, v) in values.enumerated() where v.isFinite {
            let cx = px(Double(k) + 0.5), y0 = py(0), y1 = py(v)
            out += ChartSVG.rect(x: cx - barWidth / 2, y: min(y0, y1), w: barWidth, h: max(abs(y0 - y1), 0.5), fill: colour,
                                 title: "\(categories[k]): \(valueText?(v) ?? HTMLText.number(v, 3))")
            if let valueText, k % labelEvery == 0 {
                out += String(format: "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#333\" text-anchor=\"middle\">",
                              cx, min(y0, y1) - 4) + HTMLText.escape(valueText(v)) + "</text>"
            }
        }
        return out + "</svg>"
    }
}
