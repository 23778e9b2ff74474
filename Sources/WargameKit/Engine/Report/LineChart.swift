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
        let frame = ChartSVG.Frame(width: Double(width), height: Double(height), yTickLabels: y.tickLabels,
                                   top: markers.isEmpty ? 14 : 30)
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
                // Several marks at one turn sit side by side above the line.
                let cx = xm + Double(k) * 17 - Double(m.value.count - 1) * 8.5
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

/// Drawing pieces shared by the charts: the frame's margins, the axes with ticks and
/// labels, swatches for legends.
enum ChartSVG {
    /// The plotting area inside a canvas, with room on the left for the longest y tick label.
    struct Frame {
        var width, height, left, right, top, bottom: Double
        /// `top`: room between the y axis's label (on the first line) and the plot, for markers.
        init(width: Double, height: Double, yTickLabels: [String], top: Double = 14) {
            self.width = width
            self.height = height
            let longest = yTickLabels.map(\.count).max() ?? 1
            left = 7 * Double(longest) + 22
            right = width - 18
            self.top = 24 + top
            bottom = height - 46
        }
    }

    static func open(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(title))\" font-family=\"sans-serif\">"
    }

    static func rect(x: Double, y: Double, w: Double, h: Double, fill: String, title: String) -> String {
        String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\">", x, y, w, h, fill)
            + "<title>\(HTMLText.escape(title))</title></rect>"
    }

    /// Grid lines, ticks, tick labels and both axis labels (class `axis-label`).
    static func axes(_ f: Frame, x: ChartAxis, y: ChartAxis, px: (Double) -> Double, py: (Double) -> Double,
                     xTicksAreCategories: Bool = false) -> String {
        var out = ""
        for (t, label) in zip(y.ticks, y.tickLabels) {
            let yy = py(t)
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\" stroke-width=\"1\"/>", f.left, yy, f.right, yy)
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", f.left - 5, yy, f.left, yy)
            out += String(format: "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#333\" text-anchor=\"end\">", f.left - 8, yy + 4)
                + HTMLText.escape(label) + "</text>"
        }
        // Too many x labels collide: label every k-th tick, keep every tick mark.
        let widest = Double(x.tickLabels.map(\.count).max() ?? 1) * 7 + 8
        let room = (f.right - f.left) / Double(max(x.ticks.count, 1))
        let every = max(1, Int((widest / max(room, 1)).rounded(.up)))
        for (k, (t, label)) in zip(x.ticks, x.tickLabels).enumerated() {
            let xx = px(t)
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", xx, f.bottom, xx, f.bottom + 5)
            if k % every == 0 {
                out += String(format: "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#333\" text-anchor=\"middle\">", xx, f.bottom + 18)
                    + HTMLText.escape(label) + "</text>"
            }
        }
        out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", f.left, f.bottom, f.right, f.bottom)
        out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", f.left, f.top, f.left, f.bottom)
        out += String(format: "<text class=\"axis-label\" x=\"%.1f\" y=\"%.1f\" font-size=\"13\" fill=\"#111\" text-anchor=\"middle\">",
                      (f.left + f.right) / 2, f.height - 8) + HTMLText.escape(x.label) + "</text>"
        // The y label reads horizontally above its axis: a rotated one is clipped when long.
        out += "<text class=\"axis-label\" x=\"4\" y=\"15\" font-size=\"13\" fill=\"#111\">↑ " + HTMLText.escape(y.label) + "</text>"
        return out
    }

    /// One series: segments between missing values, dots at the points (when few enough to see).
    static func line(_ s: LineChart.Series, px: (Double) -> Double, py: (Double) -> Double) -> String {
        var out = "<g class=\"series\"><title>\(HTMLText.escape(s.name))</title>"
        var segment: [(Double, Double)] = []
        func flush() {
            guard !segment.isEmpty else { return }
            var d = String(format: "M%.1f %.1f", segment[0].0, segment[0].1)
            for p in segment.dropFirst() {
                d += s.step ? String(format: " H%.1f V%.1f", p.0, p.1) : String(format: " L%.1f %.1f", p.0, p.1)
            }
            out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"2.5\""
                + (s.dashed ? " stroke-dasharray=\"7 4\"" : "") + " stroke-linejoin=\"round\"/>"
            segment = []
        }
        let dots = s.x.count <= 60
        for (xv, yv) in zip(s.x, s.y) {
            guard let yv, yv.isFinite else { flush(); continue }
            let p = (px(xv), py(yv))
            segment.append(p)
            if dots {
                out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%@\"/>", p.0, p.1, s.colour)
            }
        }
        flush()
        return out + "</g>"
    }

    static func swatch(colour: String, dashed: Bool) -> String {
        "<svg width=\"26\" height=\"12\" aria-hidden=\"true\"><line x1=\"1\" y1=\"6\" x2=\"25\" y2=\"6\" stroke=\"\(colour)\" stroke-width=\"3\""
            + (dashed ? " stroke-dasharray=\"6 3\"" : "") + "/></svg>"
    }

    static func glyphSwatch(_ glyph: String, colour: String) -> String {
        "<svg width=\"18\" height=\"18\" aria-hidden=\"true\"><circle cx=\"9\" cy=\"9\" r=\"8\" fill=\"\(colour)\"/>"
            + "<text x=\"9\" y=\"13\" font-size=\"11\" font-weight=\"bold\" fill=\"#fff\" text-anchor=\"middle\" font-family=\"sans-serif\">"
            + HTMLText.escape(glyph) + "</text></svg>"
    }
}
