/// The script that built a scenario and the arguments it was given: what `:reload` runs
/// again, and what a save keeps so that `:load` can re-attach the script's policies and
/// hooks (functions cannot be saved; the script that made them can be run again).
public struct ScriptRecord: Codable, Hashable, Sendable {
    /// The path as the script was run (relative to the directory it was run from).
    public var path: String
    /// Its string arguments (`key=value` from the command line, or a flat table's entries
    /// written that way).
    public var args: [String]

    public init(path: String, args: [String] = []) {
        self.path = path
        self.args = args
    }

    /// Within the limits a save file holds for any text (a save may be edited and re-signed).
    public func validate() throws {
        guard !path.isEmpty, path.utf8.count <= 4096 else { throw ScenarioError.invalid("the script path must be 1..4096 bytes") }
        try ScenarioLimits.checkCount(args.count, ScenarioLimits.maxMembers, "script arguments")
        for a in args where a.utf8.count > 4096 { throw ScenarioError.invalid("a script argument is longer than 4096 bytes") }
    }
}
