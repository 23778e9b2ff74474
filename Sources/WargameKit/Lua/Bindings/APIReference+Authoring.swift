// The REPL's meta-commands for files and scripts.

extension APIReference {
    /// Saving, loading and (re)running scripts.
    static let authoringCommands: [Entry] = [
        Entry(name: ":save", signature: ":save file", summary: "Saves the scenario: s:save(file)."),
        Entry(name: ":load", signature: ":load file", summary: "Loads a saved scenario into s: s = wg.load(file)."),
    ]
}
