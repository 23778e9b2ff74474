import Foundation
import Testing
@testable import WargameKit

/// ``FixedDecimal`` writes what C's `%.Nf` writes, character for character: checked
/// against `String(format:)` on half-way values (exact ties, which go to even, and the
/// doubles either side of them: 2k+1 over 2^(d+1) is on the mark with d decimals), signs, zeros, large and odd values, and many random ones.
@Suite struct FixedDecimalTests {
    static func reference(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    @Test func edgeCasesAsPrintfWritesThem() {
        var values: [Double] = [0, -0.0, 0.0005, 0.0015, 0.0025, 0.0625, 0.1875, 2.5625, 0.5, 1.5, 2.5, -0.5, -2.5,
                                -0.0001, -0.0004999, 0.0004999, 1e-300, -1e-300, 0.9995, 0.99949999, 9.9995, 999.9995,
                                1.0 / 3, 2.0 / 3, 0.1, 0.2, 0.3, 123456.789, 4503599627.3705, 4.5e12, 9e12, 1e15, 1e300,
                                -1e300, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        // Exact ties at each count of decimals, and the doubles just beside them.
        for k in 0..<400 {
            let tie = (Double(k) + 0.5) / 16
            values += [tie, tie.nextUp, tie.nextDown, -tie, -tie.nextUp]
            for d in 0...6 {
                let t = (Double(k) + 0.5) / pow(10, Double(d))
                let exact = Double(2 * k + 1) / pow(2, Double(d + 1))  // on the half-way mark with d decimals
                values += [t, t.nextUp, t.nextDown, -t, exact, exact.nextUp, exact.nextDown, -exact]
            }
        }
        for x in values {
            for digits in 0...6 {
                #expect(FixedDecimal.format(x, digits: digits) == Self.reference(x, digits), "\(x) with \(digits) decimals")
            }
        }
    }

    @Test func randomValuesAsPrintfWritesThem() {
        var g = SeededGenerator(seed: 11)
        var mismatches = 0
        for i in 0..<200_000 {
            let bits = UInt64.random(in: .min ... .max, using: &g)
            // Shares, quantiles and money-sized values, and any double at all.
            let x: Double = switch i % 4 {
            case 0: Double.random(in: 0...1, using: &g)
            case 1: Double(Int.random(in: 0...20_000, using: &g)) / Double(Int.random(in: 1...20_000, using: &g))
            case 2: Double.random(in: -1e7...1e7, using: &g)
            default: Double(bitPattern: bits)
            }
            let digits = i % 7
            if FixedDecimal.format(x, digits: digits) != Self.reference(x, digits) {
                mismatches += 1
                if mismatches < 5 { Issue.record("\(x) with \(digits) decimals: \(FixedDecimal.format(x, digits: digits)) ≠ \(Self.reference(x, digits))") }
            }
        }
        #expect(mismatches == 0)
    }
}
