import Foundation

/// A number with a fixed count of decimals, character for character as C's `%.Nf` writes
/// it (`String(format: "%.3f", x)`), at a small fraction of the cost: a sweep's summaries
/// write some seventy such numbers per design row, and Foundation's formatting was most of
/// the time the calling thread spent on them (issue 14's profile).
///
/// Exact: printf rounds the double's exact value, half to even. The value times 10^digits
/// is held as the sum of the rounded product and its exact error (`fma`); the rounded
/// product is then either the nearest integer's side of the half-way mark, or exactly on
/// it, where the error's sign decides (and a zero error means a true tie, to even).
/// Magnitudes of 2^52 and above after scaling, and NaN, go to Foundation.
enum FixedDecimal {
    static func format(_ x: Double, digits: Int) -> String {
        precondition((0...9).contains(digits))
        let scale = [1.0, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9][digits]
        let hi = x * scale
        guard x.isFinite, abs(hi) < 0x1p52 else { return slow(x, digits: digits) }
        let lo = (-hi).addingProduct(x, scale)  // x·scale − hi, exactly (one rounding of an exact value)
        var m = hi.rounded(.toNearestOrEven)
        if abs(hi - m) == 0.5 {  // on the mark: the error says which side the exact value is
            if lo > 0 { m = hi.rounded(.up) } else if lo < 0 { m = hi.rounded(.down) }
        }
        let units = UInt64(abs(m))
        var text = x.sign == .minus ? "-" : ""
        if digits == 0 { return text + String(units) }
        let p = UInt64(scale)
        text += String(units / p)
        text += "."
        let fraction = String(units % p)
        text += String(repeating: "0", count: digits - fraction.count) + fraction
        return text
    }

    static func slow(_ x: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", x)
    }
}
