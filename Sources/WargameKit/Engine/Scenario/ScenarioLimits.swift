/// The sizes a scenario may have. The API refuses what exceeds them where a script creates
/// it, and loading refuses a save that exceeds them, with the same checks
/// (``Scenario/validate()``): whatever a script can build saves and loads, and a save file
/// cannot make the engine step, print or report something it could not build.
///
/// They sit far above any real scenario (the COW data has about 200 states; the default
/// ladder has 10 rungs and a run 40 turns). The event log and the trade matrix have no
/// count of their own: a save file's size bounds them.
public enum ScenarioLimits {
    /// Turns: the turn, the turn limit, a package's start turn, and every counter of turns
    /// (each at most the turn). Stepping stops at the turn limit, so no counter can grow
    /// past this and overflow.
    public static let maxTurn = 1_000_000
    /// Rungs of an escalation ladder.
    public static let maxRungs = 1_000
    /// Sides of a scenario.
    public static let maxSides = 100
    /// States in a scenario's capabilities.
    public static let maxStates = 10_000
    /// Members of one side, alliance or alignment; sanctioners or sectors of one package;
    /// states an alliance is restricted to (`against`).
    public static let maxMembers = 1_000
    /// Alliances of a scenario.
    public static let maxAlliances = 1_000
    /// Sanction packages of a scenario.
    public static let maxPackages = 1_000
    /// Countersanction alignments of a scenario.
    public static let maxAlignments = 1_000
    /// Warheads of one state (the API's range).
    public static let maxWarheads = 1_000_000
    /// Bytes (UTF-8) of a name a script gives: the scenario's, a side's, an alliance's, a
    /// package's, an alignment's, a sector's, a rung's name or description, a state code.
    public static let maxNameBytes = 1_000
    /// Bytes of a save file; reading stops one byte past it. A 1,000-turn run of a
    /// scenario with the bundled 195 states takes about 30 MB.
    public static let maxSaveFileBytes = 64 << 20
    /// Bytes of a data file (CSV of capabilities, trade, GDP, sanctions, alignments).
    public static let maxDataFileBytes = 64 << 20

    /// Throws unless `text` (described by `what`, e.g. "side name") is at most
    /// ``maxNameBytes`` long.
    static func checkName(_ text: String, _ what: String) throws {
        guard text.utf8.count <= maxNameBytes else {
            throw ScenarioError.invalid("\(what) is \(text.utf8.count) bytes long, more than \(maxNameBytes)")
        }
    }

    /// Throws unless `count` things (described by `what`, e.g. "sides") are at most `limit`.
    static func checkCount(_ count: Int, _ limit: Int, _ what: String) throws {
        guard count <= limit else { throw ScenarioError.invalid("\(count) \(what), more than \(limit)") }
    }
}
