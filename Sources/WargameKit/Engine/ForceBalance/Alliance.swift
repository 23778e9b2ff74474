/// What an alliance commits its members to (the ATOP categories: Leeds, Ritter, Mitchell &
/// Long, "Alliance Treaty Obligations and Provisions, 1815–1944", International
/// Interactions 28(3), 2002).
public enum Obligation: String, Codable, Hashable, Sendable, CaseIterable {
    /// Help if a member is attacked.
    case defense
    /// Help when a member attacks.
    case offense
    /// Stay out of a member's war: adds no power to either side.
    case neutrality
    /// Do not attack each other: adds no power.
    case nonaggression
    /// Consult in a crisis: adds no power.
    case consultation
}

/// Whether a treaty binds two states or many (a multilateral treaty such as the CSTO's
/// Article 4 next to bilateral guarantees members actually appeal to).
public enum AllianceFormat: String, Codable, Hashable, Sendable, CaseIterable {
    case bilateral
    case multilateral
}

/// A commitment among states, with the probability that a member honours it when invoked.
public struct Alliance: Codable, Hashable, Sendable {
    public var name: String
    /// Member state codes (COW `stateabb`).
    public var members: [String]
    public var obligation: Obligation
    /// Probability (0...1) that a member honours the commitment when invoked. Leeds, Long &
    /// Mitchell (2000) find 74.5% of commitments honoured in 1816–1944; Berkemeier &
    /// Fuhrmann (2018) find far less after 1945 (about 22% of commitments, 1945–2003).
    public var reliability: Double
    public var format: AllianceFormat
    /// If given, the commitment covers only a war against one of these states (e.g. a
    /// Russia–China pact restricted to a US attack). `nil` or empty: any opponent.
    public var against: [String]?

    public init(name: String, members: [String], obligation: Obligation, reliability: Double,
                format: AllianceFormat = .multilateral, against: [String]? = nil) {
        self.name = name
        self.members = members
        self.obligation = obligation
        self.reliability = reliability
        self.format = format
        self.against = against
    }
}
