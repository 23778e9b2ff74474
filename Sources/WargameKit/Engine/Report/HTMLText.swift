import Foundation

/// Text placed in HTML or SVG: every name a script supplies (a side, an alliance, a
/// scenario) goes through ``escape(_:)``, so a side called `<script>` is shown as text.
public enum HTMLText {
    /// Escapes the five characters that matter in element text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters are not allowed in XML and mean nothing on a page.
            case _ where c.value < 0x20 && c != "\n" && c != "\t": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A number with `digits` decimals, as the report prints figures (no locale grouping).
    static func number(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        return String(format: "%.\(digits)f", x)
    }
}
