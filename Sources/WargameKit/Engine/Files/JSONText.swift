import Foundation

/// JSON text written by hand where the order of keys and the form of numbers matter (per-run
/// files, tables for other tools), so that files compare byte for byte.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included (RFC 8259: quote, backslash and
    /// control characters escaped).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
