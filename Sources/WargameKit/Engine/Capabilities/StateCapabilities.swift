/// One state's material capabilities in one year, as coded by the Correlates of War
/// National Material Capabilities data set (Singer, Bremer & Stuckey 1972; v6.0, Greig &
/// Enterline 2021).
///
/// Units follow COW: `milex` thousands of current USD, `milper` thousands of personnel,
/// `irst` thousands of tons, `pec` thousands of coal-ton equivalents, `tpop` and `upop`
/// thousands of people. A component COW codes as missing (-9) is `nil`.
public struct StateCapabilities: Hashable, Codable, Sendable {
    public var stateabb: String
    public var ccode: Int
    public var year: Int
    public var milex: Double?
    public var milper: Double?
    public var irst: Double?
    public var pec: Double?
    public var tpop: Double?
    public var upop: Double?
    /// Composite Index of National Capability, computed by ``Capabilities/init(year:states:)``
    /// from the components of every state in the system; `nil` when the state has none.
    public var cinc: Double?

    public init(stateabb: String, ccode: Int, year: Int,
                milex: Double? = nil, milper: Double? = nil, irst: Double? = nil,
                pec: Double? = nil, tpop: Double? = nil, upop: Double? = nil,
                cinc: Double? = nil) {
        self.stateabb = stateabb
        self.ccode = ccode
        self.year = year
        self.milex = milex
        self.milper = milper
        self.irst = irst
        self.pec = pec
        self.tpop = tpop
        self.upop = upop
        self.cinc = cinc
    }

    /// The six CINC components, in COW's order.
    public static let componentNames = ["milex", "milper", "irst", "pec", "tpop", "upop"]

    /// The components in ``componentNames`` order.
    public var components: [Double?] { [milex, milper, irst, pec, tpop, upop] }

    /// The index in ``componentNames`` of the first component given but not a finite
    /// non-negative number, nil when all are valid. Without building ``components``:
    /// validation runs this on every state at each change a script makes.
    func firstInvalidComponent() -> Int? {
        func bad(_ x: Double?) -> Bool { x.map { !($0.isFinite && $0 >= 0) } ?? false }
        if bad(milex) { return 0 }
        if bad(milper) { return 1 }
        if bad(irst) { return 2 }
        if bad(pec) { return 3 }
        if bad(tpop) { return 4 }
        if bad(upop) { return 5 }
        return nil
    }
}
