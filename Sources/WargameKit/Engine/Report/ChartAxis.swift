import Foundation

/// An axis of a chart: its label (what is measured, with the unit), its range and its
/// ticks. Charts in reports are read from a projector, so every axis says what it counts.
public struct ChartAxis: Sendable, Equatable {
    /// What the axis measures, with its unit: `sanctions damage (% of annual GDP, cumulative)`.
    public var label: String
    public var lower: Double
    public var upper: Double
    public var ticks: [Double]
    /// One label per tick.
    public var tickLabels: [String]

    public init(label: String, lower: Double, upper: Double, ticks: [Double], tickLabels: [String]) {
        precondition(ticks.count == tickLabels.count, "one label per tick")
        self.label = label
        self.lower = lower
        self.upper = upper > lower ? upper : lower + 1
        self.ticks = ticks
        self.tickLabels = tickLabels
    }

    /// A linear axis over `[lower, upper]` widened to round ticks (steps of 1, 2 or 5 times
    /// a power of ten), about `count` of them; `integer` keeps steps of at least 1.
    /// `format` writes a tick (default: as many decimals as the step needs).
    public static func linear(label: String, lower: Double, upper: Double, count: Int = 6, integer: Bool = false,
                              format: ((Double) -> String)? = nil) -> ChartAxis {
        var lo = lower.isFinite ? lower : 0, hi = upper.isFinite ? upper : 1
        if hi <= lo { hi = lo + (integer ? 1 : max(abs(lo) * 0.1, 1)) }
        var step = niceStep((hi - lo) / Double(max(count, 1)))
        if integer { step = max(step.rounded(), 1) }
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
        let n = Int(((hi - lo) / step).rounded())
        let ticks = (0...n).map { lo + Double($0) * step }
        let decimals = integer ? 0 : max(0, -Int((log10(step)).rounded(.down)))
        let write = format ?? { String(format: "%.\(decimals)f", $0 == 0 ? 0 : $0) }
        return ChartAxis(label: label, lower: lo, upper: hi, ticks: ticks, tickLabels: ticks.map(write))
    }

    /// An axis of named steps at 0, 1, 2, … (the rungs of a ladder): each tick is labelled
    /// with its name.
    public static func steps(label: String, names: [String]) -> ChartAxis {
        let ticks = names.indices.map(Double.init)
        return ChartAxis(label: label, lower: 0, upper: Double(max(names.count - 1, 1)), ticks: ticks, tickLabels: names)
    }

    /// The round step (1, 2 or 5 × 10^k) nearest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let f = raw / magnitude
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude
    }

    /// Where `v` falls between `from` (at `lower`) and `to` (at `upper`), clamped to the axis.
    func position(_ v: Double, from: Double, to: Double) -> Double {
        let t = (min(max(v, lower), upper) - lower) / (upper - lower)
        return from + (to - from) * t
    }
}
