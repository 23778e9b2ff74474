// The REPL's general meta-commands and the ones that move a session in time.

extension APIReference {
    /// Listed first by `:help`.
    static let generalCommands: [Entry] = [
        Entry(name: ":help", signature: ":help [name]",
              summary: "Lists meta-commands and API names, or prints the entry for one name.",
              details: "Names may be written `s:step`, `wg.load`, `:step` or just `step`."),
    ]
    /// Moving in time, forking, reseeding, reporting.
    static let sessionCommands: [Entry] = [
        Entry(name: ":undo", signature: ":undo", summary: "Goes back one turn: s:undo()."),
        Entry(name: ":rewind", signature: ":rewind n", summary: "Goes back to turn n: s:rewind(n)."),
        Entry(name: ":fork", signature: ":fork [name]",
              summary: "Copies the scenario into a new global (default fork1, fork2, ...); s is unchanged.",
              details: "Type `s = fork1` to work on the copy."),
        Entry(name: ":report", signature: ":report file", summary: "Writes the after-action report: s:report(file)."),
        Entry(name: ":seed", signature: ":seed n", summary: "Reseeds the scenario: s:seed(n)."),
    ]
    /// Listed last.
    static let quitCommand: [Entry] = [
        Entry(name: ":quit", signature: ":quit", summary: "Saves the history and leaves (as Ctrl-D does)."),
    ]
}
