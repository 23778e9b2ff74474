import Foundation

/// A parameter that is out of its range, not a number, or unknown; the message names it
/// (`doctrine.friction must be in [0, 1], got 2`).
public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One documented parameter of a group: what scripts call it, what it means, the values
/// it may take, its default and where that default comes from. The table of a group is
/// the one place that validates an override, answers `:help` and writes the docs.
public struct Parameter<Group> {
    /// The name scripts use (snake_case): `wg.scenario{ doctrine = { rationality = 10 } }`.
    public let name: String
    public let meaning: String
    public let lower: Double
    public let upper: Double
    /// The lower bound itself is excluded (a duration must be > 0).
    public let lowerExclusive: Bool
    public let integer: Bool
    /// Where the default comes from, or why it is a modelling choice.
    public let source: String
    let get: (Group) -> Double
    let set: (inout Group, Double) -> Void

    public static func real(_ key: WritableKeyPath<Group, Double>, _ name: String, _ meaning: String,
                            _ lower: Double, _ upper: Double, exclusive: Bool = false, source: String) -> Parameter {
        Parameter(name: name, meaning: meaning, lower: lower, upper: upper, lowerExclusive: exclusive, integer: false,
                  source: source, get: { $0[keyPath: key] }, set: { $0[keyPath: key] = $1 })
    }

    public static func count(_ key: WritableKeyPath<Group, Int>, _ name: String, _ meaning: String,
                             _ lower: Int, _ upper: Int, source: String) -> Parameter {
        Parameter(name: name, meaning: meaning, lower: Double(lower), upper: Double(upper), lowerExclusive: false,
                  integer: true, source: source, get: { Double($0[keyPath: key]) },
                  set: { $0[keyPath: key] = Int($1) })
    }

    /// The range as a reader expects it: `[0, 1]`, `(0, 100]`, `[1, 1000]` (integers).
    public var range: String {
        func f(_ x: Double) -> String { x.isInfinite ? "∞" : LuaNumberText.format(x) }
        return "\(lowerExclusive ? "(" : "[")\(f(lower)), \(f(upper))\(upper.isInfinite ? ")" : "]")"
    }

    func check(_ v: Double, group: String) throws(ParameterError) {
        let ok = v.isFinite && (lowerExclusive ? v > lower : v >= lower) && v <= upper
            && (!integer || v == v.rounded())
        guard ok else {
            throw ParameterError("\(group).\(name) must be \(integer ? "an integer" : "a number") in \(range), got \(LuaNumberText.format(v))")
        }
    }
}

/// A group of parameters with a table (doctrine, theatre, sanctions).
public protocol ParameterGroup: Codable, Hashable, Sendable {
    /// The key of the group in `wg.scenario{...}`.
    static var groupName: String { get }
    static var table: [Parameter<Self>] { get }
    init()
    /// Constraints between parameters, beyond each one's range.
    func crossCheck() throws(ParameterError)
}

extension ParameterGroup {
    public func crossCheck() throws(ParameterError) {}

    /// Checks every parameter against its range, then the constraints between them: the
    /// same check for an override from a script, a CSV file or a save.
    public func validate() throws(ParameterError) {
        for p in Self.table { try p.check(p.get(self), group: Self.groupName) }
        try crossCheck()
    }

    /// The value of the parameter named `name`, nil if there is none.
    public func value(_ name: String) -> Double? {
        Self.table.first { $0.name == name }.map { $0.get(self) }
    }

    /// Sets the parameter named `name`, refusing unknown names and values out of range.
    public mutating func set(_ name: String, _ value: Double) throws(ParameterError) {
        guard let p = Self.table.first(where: { $0.name == name }) else {
            throw ParameterError("\(Self.groupName): unknown parameter '\(name)' (known: \(Self.table.map(\.name).sorted().joined(separator: ", ")))")
        }
        try p.check(value, group: Self.groupName)
        p.set(&self, value)
    }

    /// The defaults with `overrides` applied, validated as a whole.
    public static func overriding(_ overrides: [(name: String, value: Double)]) throws(ParameterError) -> Self {
        var g = Self()
        for (name, value) in overrides { try g.set(name, value) }
        try g.validate()
        return g
    }

    /// The group's table in Markdown: name, meaning, range, default, source.
    public static var markdownTable: String {
        let d = Self()
        var out = "| parameter | meaning | range | default | source |\n|---|---|---|---|---|\n"
        for p in table {
            out += "| `\(p.name)` | \(p.meaning) | \(p.range) | \(LuaNumberText.format(p.get(d))) | \(p.source) |\n"
        }
        return out
    }

    /// The group as plain text lines for `:help` (one parameter a line, then its source).
    public static var helpText: String {
        let d = Self()
        return table.map { p in
            "\(p.name) = \(LuaNumberText.format(p.get(d)))  \(p.range)  \(p.meaning)\n    source: \(p.source)"
        }.joined(separator: "\n")
    }
}

/// Numbers as Lua prints them (`0.5`, `25`, `1e-06`), for messages and tables.
enum LuaNumberText {
    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.14g", x)
    }
}
