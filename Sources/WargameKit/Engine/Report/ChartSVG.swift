import Foundation

/// Drawing pieces shared by the charts: the frame's margins, the axes with ticks and
/// labels, swatches for legends.
enum ChartSVG {
    /// The plotting area inside a canvas, with room on the left for the longest y tick label.
    struct Frame {
        var width, height, left, right, top, bottom: Double
        /// Room for the longest of `labels` at 12 px, and the tick.
        static func left(for labels: [String]) -> Double { 7 * Double(labels.map(\.count).max() ?? 1) + 22 }

        /// `top`: room between the y axis's label (on the first line) and the plot, for markers.
        init(width: Double, height: Double, yTickLabels: [String], top: Double = 14) {
            self.width = width
            self.height = height
            left = Self.left(for: yTickLabels)
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
