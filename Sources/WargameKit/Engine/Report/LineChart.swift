import Foundation

/// A line chart as inline SVG: labelled axes with ticks, one line per series, shaded
/// ranges (a war, the nuclear rungs) and markers on the x axis for events (an alliance
/// invoked, a nuclear step). Generic, so that any report (a run, a Monte Carlo summary)
/// draws its charts alike; it knows nothing of scenarios.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        /// nil: no value there (the line breaks).
        public var y: [Double?]
        /// A CSS colour.
        public var colour: String
        public var dashed: Bool
        /// Holds its value until the next point (a level that changes in steps, as a rung).
        public var step: Bool
        public init(name: String, x: [Double], y: [Double?], colour: String, dashed: Bool = false, step: Bool = false) {
            self.name = name
            self.x = x
            self.y = y
            self.colour = colour
            self.dashed = dashed
            self.step = step
        }
    }

    /// A mark on the x axis: a vertical line with a short glyph above the plot.
    public struct Marker: Sendable {
        public var x: Double
        /// One or two characters drawn above the plot (`A`, `N`).
        public var glyph: String
        /// What happened, shown when pointed at and in the report's list of marks.
        public var title: String
        public var colour: String
        public init(x: Double, glyph: String, title: String, colour: String) {
            self.x = x
            self.glyph = glyph
            self.title = title
            self.colour = colour
        }
    }

    /// A shaded range of one axis.
    public struct Band: Sendable {
        public enum Axis: Sendable { case x, y }
        public var axis: Axis
        public var from: Double
        public var to: Double
        public var label: String
        public var colour: String
        public init(axis: Axis, from: Double, to: Double, label: String, colour: String) {
            self.axis = axis
            self.from = from
            self.to = to
            self.label = label
            self.colour = colour
        }
    }

    public var title: String
    public var x: ChartAxis
    public var y: ChartAxis
    public var series: [Series]
    public var markers: [Marker]
    public var bands: [Band]
    /// The plot starts at least this far from the left edge, so that charts stacked on a
    /// page share their x axis whatever their y labels (0: just room for the labels).
    public var plotLeft: Double = 0
    /// Names of the marker kinds for the legend: glyph → meaning.
    public var markerLegend: [(glyph: String, meaning: String, colour: String)]

    public init(title: String, x: ChartAxis, y: ChartAxis, series: [Series], markers: [Marker] = [], bands: [Band] = [],
                markerLegend: [(glyph: String, meaning: String, colour: String)] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.markers = markers
        self.bands = bands
        self.markerLegend = markerLegend
    }

    /// The same chart with its plot starting `plotLeft` from the left edge.
    public func aligned(plotLeft: Double) -> LineChart {
        var c = self
        c.plotLeft = plotLeft
        return c
    }

    /// The chart as a `<figure>`: caption, legend (HTML, so it wraps on a narrow page) and
    /// the SVG, drawn on a `width` × `height` canvas that scales down to the page.
    public func html(width: Int = 1120, height: Int = 300) -> String {
        var legend = series.map { s in
            "<span class=\"key\">" + ChartSVG.swatch(colour: s.colour, dashed: s.dashed) + HTMLText.escape(s.name) + "</span>"
        }
        var seenBands = Set<String>()
        for b in bands where seenBands.insert(b.label).inserted {
            legend.append("<span class=\"key\"><svg width=\"22\" height=\"12\" aria-hidden=\"true\"><rect width=\"22\" height=\"12\" fill=\"\(b.colour)\"/></svg>"
                          + HTMLText.escape(b.label) + "</span>")
        }
        for m in markerLegend {
            legend.append("<span class=\"key\">" + ChartSVG.glyphSwatch(m.glyph, colour: m.colour) + HTMLText.escape(m.meaning) + "</span>")
        }
        return "<figure class=\"chart\"><figcaption>\(HTMLText.escape(title))</figcaption>"
            + (legend.isEmpty ? "" : "<div class=\"legend\">" + legend.joined(separator: " ") + "</div>")
            + svg(width: width, height: height) + "</figure>"
    }

    /// The SVG alone.
    public func svg(width: Int = 1120, height: Int = 300) -> String {
        var frame = ChartSVG.Frame(width: Double(width), height: Double(height), yTickLabels: y.tickLabels,
                                   top: markers.isEmpty ? 14 : 30)
        frame.left = max(frame.left, min(plotLeft, frame.right - 100))
        func px(_ v: Double) -> Double { x.position(v, from: frame.left, to: frame.right) }
        func py(_ v: Double) -> Double { y.position(v, from: frame.bottom, to: frame.top) }
        var out = ChartSVG.open(width: width, height: height, title: title)
        for b in bands {
            switch b.axis {
            case .x:
                let x0 = px(b.from), x1 = px(b.to)
                out += ChartSVG.rect(x: x0, y: frame.top, w: max(x1 - x0, 1), h: frame.bottom - frame.top, fill: b.colour, title: b.label)
            case .y:
                let y0 = py(b.to), y1 = py(b.from)
                out += ChartSVG.rect(x: frame.left, y: y0, w: frame.right - frame.left, h: max(y1 - y0, 1), fill: b.colour, title: b.label)
            }
        }
        out += ChartSVG.axes(frame, x: x, y: y, px: px, py: py)
        for m in Dictionary(grouping: markers.indices, by: { markers[$0].x }).sorted(by: { $0.key < $1.key }) {
            let xm = px(m.key)
            for (k, i) in m.value.enumerated() {
                let marker = markers[i]
                if k == 0 {
                    out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%@\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>",
                                  xm, frame.top - 4, xm, frame.bottom, marker.colour)
                }
                // Several marks at one turn sit side by side above the line, inside the canvas.
                let n = Double(m.value.count - 1)
                let first = min(max(xm - n * 8.5, 10), frame.width - 10 - n * 17)
                let cx = first + Double(k) * 17
                out += "<g class=\"marker\"><title>\(HTMLText.escape(marker.title))</title>"
                    + String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"%@\"/>", cx, frame.top - 14, marker.colour)
                    + String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"bold\" fill=\"#fff\" text-anchor=\"middle\">", cx, frame.top - 10)
                    + HTMLText.escape(marker.glyph) + "</text></g>"
            }
        }
        for s in series {
            out += ChartSVG.line(s, px: px, py: py)
        }
        return out + "</svg>"
    }
}
