import Foundation

/// The capabilities of every state in a system in one year, with CINC computed from them.
public struct Capabilities: Hashable, Codable, Sendable {
    public let year: Int
    /// States in the order of the source file (or of the array given to the initializer).
    public let states: [StateCapabilities]
    /// Position of each state code in `states`; derived, so not encoded.
    private let index: [String: Int]

    private enum CodingKeys: String, CodingKey { case year, states }

    /// Builds a system and computes every state's CINC with COW's rule.
    ///
    /// CINC_i is the mean, over the components state i has, of its share x_ic / Σ_j x_jc of
    /// the system total. A missing component is left out of that component's total and out
    /// of that state's mean; a state with no components gets `nil`. A component whose system
    /// total is 0 gives every state that reports it a share of 0 (there is nothing to share).
    /// Any `cinc` already in `states` is replaced: the engine never trusts a copied index.
    /// If a state code repeats, the subscript finds the first.
    public init(year: Int, states: [StateCapabilities]) {
        let n = StateCapabilities.componentNames.count
        var totals = [Double](repeating: 0, count: n)
        for s in states {
            for (c, x) in s.components.enumerated() { if let x { totals[c] += x } }
        }
        var computed = states
        for i in computed.indices {
            var sum = 0.0, count = 0
            for (c, x) in computed[i].components.enumerated() {
                guard let x else { continue }
                sum += totals[c] > 0 ? x / totals[c] : 0
                count += 1
            }
            computed[i].cinc = count > 0 ? sum / Double(count) : nil
        }
        var index: [String: Int] = [:]
        for (i, s) in computed.enumerated() where index[s.stateabb] == nil { index[s.stateabb] = i }
        self.year = year
        self.states = computed
        self.index = index
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(year: try c.decode(Int.self, forKey: .year),
                  states: try c.decode([StateCapabilities].self, forKey: .states))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(states, forKey: .states)
    }

    /// Whether no state code repeats: the index, made with the states, keeps the first of
    /// repeats. Validation asks it before looking for the repeat itself.
    var codesAreUnique: Bool { index.count == states.count }

    /// The state with COW abbreviation `stateabb` (e.g. "RUS"), if present.
    public subscript(_ stateabb: String) -> StateCapabilities? {
        index[stateabb].map { states[$0] }
    }

    /// Whether a state has this code: what checks of codes ask, without the copy of the
    /// state's record that the subscript makes (a script's checks asked it thousands of
    /// times per load; issue 14's profile).
    public func contains(_ stateabb: String) -> Bool { index[stateabb] != nil }

    /// The bundled COW NMC v6.0 data for `year` (any of 1816–2016; default 2016, 195 states),
    /// parsed on first use (``Bundled``).
    public static func bundled(year: Int? = nil) throws -> Capabilities {
        try Bundled.capabilities(year: year)
    }

    /// Loads a COW NMC CSV file; see ``parse(_:name:year:)`` for the format.
    /// Errors name the file by `path` as given.
    public static func load(path: String, year: Int? = nil) throws -> Capabilities {
        try load(path: path, name: path, year: year)
    }

    static func load(path: String, name: String, year: Int? = nil) throws -> Capabilities {
        let bytes = try NMCFile.read(path: path, name: name)
        return try NMCFile.capabilities(bytes: bytes, name: name, year: year)
    }

    /// Parses COW NMC CSV text: columns found by header name (stateabb, ccode, year, milex,
    /// milper, irst, pec, tpop, upop; others, `cinc` included, ignored), any years, -9 for a
    /// missing value. `year` defaults to the latest year in the file. A malformed file throws
    /// a ``DataFileError`` naming `name` and the line; nothing is returned half-loaded.
    public static func parse(_ text: String, name: String, year: Int? = nil) throws -> Capabilities {
        try NMCFile.capabilities(bytes: Array(text.utf8), name: name, year: year)
    }
}
