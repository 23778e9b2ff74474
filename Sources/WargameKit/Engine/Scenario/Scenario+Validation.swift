/// The one check of what a scenario must be. `wg.scenario` runs it on the scenario it
/// builds, ``ScenarioHistory/configure(_:)`` on every change a script makes (sides,
/// alliances, trade, sanctions...), and loading on every state of a save file. Because it
/// is the same code, whatever the API accepts saves and loads, and whatever loads is
/// something the API could have built, within ``ScenarioLimits``.
extension Scenario {
    /// Throws a one-line ``ScenarioError/invalid(_:)`` or ``ScenarioError/unknownState(_:)``
    /// naming the first problem.
    public func validate() throws {
        try validateConfiguration()
        try validateState()
    }

    // MARK: Configuration

    func validateConfiguration() throws {
        try validateConfiguration(since: nil)
    }

    /// ``validateConfiguration()``, without the checks of the parts that are as they were
    /// in `checked`, a scenario whose configuration passed them: the capabilities, the
    /// ladder and each parameter group, which are checked on their own; and, when the
    /// capabilities are as they were, the sides, each alliance and the sanctions, which are
    /// checked against them alone. The same errors for anything else: a part that changed
    /// is checked in full. A script makes dozens of changes as it builds its scenario, and
    /// checking all of it after each was half of a script's load, which a sweep pays for
    /// every design row (issue 14's profile).
    ///
    /// "As they were" is the same storage for a part that holds text the checks measure in
    /// bytes (state codes, names), not `==`: Swift's `==` holds canonically equivalent
    /// strings equal ("é" and "e" + U+0301), which differ in length. Numbers are compared
    /// with `==` (a NaN is never equal, so it is checked); an alliance with `==` once its
    /// name's length is checked, as the rest of its checks read no lengths.
    func validateConfiguration(since checked: Scenario?) throws {
        func same<T: Equatable>(_ part: (Scenario) -> T) -> Bool { checked.map { part($0) == part(self) } ?? false }
        func shared<T>(_ part: (Scenario) -> [T]) -> Bool { checked.map { Self.sameStorage(part($0), part(self)) } ?? false }
        let sameCapabilities = shared(\.capabilities.states)
        try ScenarioLimits.checkName(name, "the scenario's name")
        if !sameCapabilities { try Self.validate(capabilities: capabilities) }
        if !shared(\.ladder.rungs) { try Self.validate(ladder: ladder) }
        try Self.validate(turnLimit: turnLimit)
        for (state, n) in warheads.sorted(by: { $0.key < $1.key }) {
            try ScenarioLimits.checkName(state, "a state code")
            guard (0...ScenarioLimits.maxWarheads).contains(n) else {
                throw ScenarioError.invalid("\(state) warheads must be in 0..\(ScenarioLimits.maxWarheads), got \(n)")
            }
        }
        if let possessors = nuclearStates {  // a historical year's possession (docs/data.md)
            try ScenarioLimits.checkCount(possessors.count, ScenarioLimits.maxStates, "nuclear states")
            for state in possessors { try ScenarioLimits.checkName(state, "a state code") }
        }
        try validateParameters(skippingDoctrine: same(\.doctrine), theatre: same(\.theatre),
                               sanctions: same(\.sanctions.parameters))
        if !(sameCapabilities && shared(\.sides)) { try Self.validate(sides: sides, capabilities: capabilities) }
        try ScenarioLimits.checkCount(alliances.count, ScenarioLimits.maxAlliances, "alliances")
        var allianceNames = Set<String>()
        let checkedAlliances = sameCapabilities ? checked?.alliances ?? [] : []
        for (i, a) in alliances.enumerated() {
            guard allianceNames.insert(a.name).inserted else { throw ScenarioError.invalid("two alliances are named '\(a.name)'") }
            if i < checkedAlliances.count, checkedAlliances[i] == a {
                try ScenarioLimits.checkName(a.name, "an alliance's name")  // the first of its checks
                continue
            }
            try validate(alliance: a)
        }
        let sameSanctions = sameCapabilities && shared(\.sanctions.trade.flows) && shared(\.sanctions.packages)
            && shared(\.sanctions.alignments) && same(\.sanctions.gdp) && same(\.sanctions.parameters) && same(\.sanctions.state)
        if !sameSanctions { try validate(sanctions: sanctions) }
    }

    /// Whether two arrays are one storage, hence the same elements to the byte: storage that
    /// two live values share is never written in place (a write copies it first).
    static func sameStorage<T>(_ a: [T], _ b: [T]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    }

    /// The three parameter groups, each by its own `validate()`; the message names the
    /// group and the parameter as the `wg.scenario` field does
    /// (`doctrine.rationality must be a number in [0, 1000], got -1`).
    func validateParameters(skippingDoctrine skipDoctrine: Bool = false, theatre skipTheatre: Bool = false,
                            sanctions skipSanctions: Bool = false) throws {
        do {
            if !skipDoctrine { try doctrine.validate() }
            if !skipTheatre { try theatre.validate() }
            if !skipSanctions { try sanctions.parameters.validate() }
        } catch {
            throw ScenarioError.invalid(error.message)
        }
    }

    static func validate(capabilities: Capabilities) throws {
        try ScenarioLimits.checkCount(capabilities.states.count, ScenarioLimits.maxStates, "states in the capabilities")
        // Every change a script makes runs this on some 200 states (a Monte Carlo worker
        // loads its script once per worker): repeats are looked for only when the index
        // says there are some, and the components are checked without building their
        // array (issue 14's profile).
        let unique = capabilities.codesAreUnique
        var seen = Set<String>(minimumCapacity: unique ? 0 : capabilities.states.count)
        let states = capabilities.states
        for i in states.indices {
            let code = states[i].stateabb
            guard !code.isEmpty else { throw ScenarioError.invalid("capabilities: a state code is empty") }
            try ScenarioLimits.checkName(code, "a state code")
            guard unique || seen.insert(code).inserted else { throw ScenarioError.invalid("capabilities: \(code) is listed twice") }
            if let c = states[i].firstInvalidComponent() {
                let x = states[i].components[c] ?? 0
                throw ScenarioError.invalid("capabilities: \(code).\(StateCapabilities.componentNames[c]) must be a non-negative number, got \(x)")
            }
        }
    }

    static func validate(ladder: Ladder) throws {
        guard !ladder.rungs.isEmpty else { throw ScenarioError.invalid("the ladder has no rungs") }
        guard ladder.rungs.count <= ScenarioLimits.maxRungs else {
            throw ScenarioError.invalid("the ladder has \(ladder.rungs.count) rungs, more than \(ScenarioLimits.maxRungs)")
        }
        for (i, r) in ladder.rungs.enumerated() {
            try ScenarioLimits.checkName(r.name, "the name of rung \(i)")
            try ScenarioLimits.checkName(r.description, "the description of rung \(i)")
        }
        do { try ladder.validate() } catch { throw ScenarioError.invalid(error.message) }
    }

    static func validate(turnLimit: Int) throws {
        guard (1...ScenarioLimits.maxTurn).contains(turnLimit) else {
            throw ScenarioError.invalid("the turn limit must be in 1..\(ScenarioLimits.maxTurn), got \(turnLimit)")
        }
    }

    /// Sides: each named within limits, with members that are known states, none listed
    /// twice on one side or on two sides, and side names unique.
    static func validate(sides: [Side], capabilities: Capabilities) throws {
        try ScenarioLimits.checkCount(sides.count, ScenarioLimits.maxSides, "sides")
        var names = Set<String>(), sideOf: [String: String] = [:]
        for side in sides {
            try ScenarioLimits.checkName(side.name, "a side's name")
            guard names.insert(side.name).inserted else { throw ScenarioError.invalid("two sides are named '\(side.name)'") }
            guard !side.members.isEmpty else { throw ScenarioError.invalid("side '\(side.name)' has no members") }
            try ScenarioLimits.checkCount(side.members.count, ScenarioLimits.maxMembers, "members of side '\(side.name)'")
            for m in side.members {
                if let other = sideOf[m] {
                    throw ScenarioError.invalid(other == side.name ? "side '\(side.name)' lists \(m) twice"
                                                                   : "\(m) is already on side '\(other)'")
                }
                sideOf[m] = side.name
                guard capabilities.contains(m) else { throw ScenarioError.unknownState(m) }
            }
        }
    }

    /// An alliance: named within limits, two or more distinct known members, a reliability
    /// in [0, 1], and known states in `against`.
    func validate(alliance a: Alliance) throws {
        try ScenarioLimits.checkName(a.name, "an alliance's name")
        guard a.members.count >= 2 else { throw ScenarioError.invalid("alliance '\(a.name)' needs two members") }
        guard a.format == .multilateral || a.members.count == 2 else {
            throw ScenarioError.invalid("alliance '\(a.name)': a bilateral treaty binds two states, got \(a.members.count)")
        }
        try ScenarioLimits.checkCount(a.members.count, ScenarioLimits.maxMembers, "members of alliance '\(a.name)'")
        try ScenarioLimits.checkCount(a.against?.count ?? 0, ScenarioLimits.maxMembers, "states in 'against' of alliance '\(a.name)'")
        guard Set(a.members).count == a.members.count else {
            throw ScenarioError.invalid("alliance '\(a.name)' lists a member twice")
        }
        guard (0...1).contains(a.reliability) else {  // NaN fails too
            throw ScenarioError.invalid("alliance '\(a.name)': reliability must be in [0, 1], got \(a.reliability)")
        }
        try checkStates(a.members + (a.against ?? []))
    }

    /// The sanctions model's own checks (``SanctionsModel/validate()``), its parameters,
    /// the states it names, and the limits on its sizes.
    func validate(sanctions: SanctionsModel) throws {
        var copy = sanctions
        do { try copy.validate() } catch { throw ScenarioError.invalid("\(error)") }
        try ScenarioLimits.checkCount(sanctions.packages.count, ScenarioLimits.maxPackages, "sanctions packages")
        try ScenarioLimits.checkCount(sanctions.alignments.count, ScenarioLimits.maxAlignments, "alignments")
        try checkStates(sanctions.gdp.keys.sorted())
        for f in sanctions.trade.flows {
            try ScenarioLimits.checkName(f.exporter, "a state code")
            try ScenarioLimits.checkName(f.importer, "a state code")
            for code in [f.exporter, f.importer] where !capabilities.contains(code) {
                throw ScenarioError.invalid("trade flow \(f.exporter)→\(f.importer): unknown state code '\(code)'")
            }
            if let sector = f.sector { try ScenarioLimits.checkName(sector, "a sector's name") }
        }
        for p in sanctions.packages {
            try ScenarioLimits.checkName(p.name, "a sanction's name")
            try ScenarioLimits.checkCount(p.sanctioners.count, ScenarioLimits.maxMembers, "sanctioners in '\(p.name)'")
            try ScenarioLimits.checkCount(p.sectors?.count ?? 0, ScenarioLimits.maxMembers, "sectors in '\(p.name)'")
            for sector in p.sectors ?? [] { try ScenarioLimits.checkName(sector, "a sector's name") }
            guard (0...ScenarioLimits.maxTurn).contains(p.startTurn) else {
                throw ScenarioError.invalid("sanction '\(p.name)': start turn must be in 0..\(ScenarioLimits.maxTurn), got \(p.startTurn)")
            }
            try checkStates([p.target] + p.sanctioners)
        }
        for a in sanctions.alignments {
            try ScenarioLimits.checkName(a.name, "an alignment's name")
            try ScenarioLimits.checkCount(a.members.count, ScenarioLimits.maxMembers, "members of alignment '\(a.name)'")
            try checkStates(a.members + [a.beneficiary])
        }
    }

    // MARK: State

    /// The evolving state: every turn and counter within 0...turn (so stepping, which
    /// stops at the turn limit, can never overflow one), the rung on the ladder, the log
    /// in turn order, and combat forces finite.
    func validateState() throws {
        func turnInRange(_ t: Int, _ what: String) throws {
            guard (0...turn).contains(t) else { throw ScenarioError.invalid("\(what) must be in 0..\(turn) (the turn), got \(t)") }
        }
        guard (0...turnLimit).contains(turn) else {
            throw ScenarioError.invalid("the turn must be in 0..\(turnLimit) (the turn limit), got \(turn)")
        }
        guard ladder.rungs.indices.contains(rung) else {
            throw ScenarioError.invalid("rung \(rung) is not on the ladder (0..\(ladder.top))")
        }
        try turnInRange(lowRungTurns, "turns at a low rung")
        guard lowOddsTurns.count == sides.count else {
            throw ScenarioError.invalid("\(lowOddsTurns.count) low-odds counters for \(sides.count) sides")
        }
        for n in lowOddsTurns { try turnInRange(n, "turns at low odds") }
        guard lowPositionTurns.count == sides.count else {
            throw ScenarioError.invalid("\(lowPositionTurns.count) breakpoint counters for \(sides.count) sides")
        }
        for n in lowPositionTurns { try turnInRange(n, "turns below the breakpoint") }
        var previous = 0
        for e in log {
            guard e.turn >= previous, e.turn <= turn else { throw ScenarioError.invalid("the event log is not in turn order") }
            previous = e.turn
        }
        for inv in invocations {
            try turnInRange(inv.turn, "the turn of an invocation of '\(inv.alliance)'")
            guard sides.contains(where: { $0.name == inv.side }) else {
                throw ScenarioError.invalid("an invocation of '\(inv.alliance)' answers for no side ('\(inv.side)')")
            }
            try checkStates(inv.responses.map(\.state))
        }
        if let forces = combat {
            guard forces.count <= sides.count,
                  forces.allSatisfy({ [$0.initial, $0.current, $0.effectiveness].allSatisfy { $0.isFinite && $0 >= 0 } }) else {
                throw ScenarioError.invalid("combat forces are malformed")
            }
        }
        if let ending { try turnInRange(ending.turn, "the turn the run ended") }
        if let r = lastReport {
            try turnInRange(r.turn, "the last report's turn")
            guard ladder.rungs.indices.contains(r.rung), ladder.rungs.indices.contains(r.previousRung) else {
                throw ScenarioError.invalid("the last report's rungs are not on the ladder")
            }
        }
        let st = sanctions.state
        if let t = st.lastTurn { try turnInRange(t, "the sanctions' last turn") }
        for (name, record) in st.packages.sorted(by: { $0.key < $1.key }) {
            try turnInRange(record.turnsActive, "turns active of sanction '\(name)'")
        }
        for (name, record) in st.alignments.sorted(by: { $0.key < $1.key }) {
            for (m, r) in record.members.sorted(by: { $0.key < $1.key }) {
                if let t = r.detectedTurn { try turnInRange(t, "the turn \(m) was detected in '\(name)'") }
                if let t = r.leftTurn { try turnInRange(t, "the turn \(m) left '\(name)'") }
            }
        }
    }
}
