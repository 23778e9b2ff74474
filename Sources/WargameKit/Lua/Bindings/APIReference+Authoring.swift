// The REPL's meta-commands for files and scripts.

extension APIReference {
    /// Saving, loading and (re)running scripts.
    static let authoringCommands: [Entry] = [
        Entry(name: ":save", signature: ":save file", summary: "Saves the scenario: s:save(file).",
              details: "The save also names the script that built the scenario and its arguments, so that :load can re-attach its policies and hooks."),
        Entry(name: ":load", signature: ":load file",
              summary: "Loads a saved scenario into s: s = wg.load(file); then re-attaches its script's policies and hooks.",
              details: """
                  Functions cannot be saved: when the save names the script that built the scenario, \
                  the script is run again and, if it still builds the same sides, its policies and \
                  `on` hooks are attached to the loaded scenario. Otherwise :load says so, and the \
                  built-in doctrine decides for every side.
                  """),
        Entry(name: ":reload", signature: ":reload",
              summary: "Runs the current scenario's script again after an edit, keeping the turn.",
              details: """
                  The script is run with the arguments it had. When it builds the same sides, the \
                  moves recorded turn by turn are replayed (from the same seed, without running \
                  `on` hooks) up to the turn s had reached; when the sides changed, s is the new \
                  scenario at turn 0, and :reload says so. A script that fails leaves s unchanged. \
                  Works on scenarios built by a script file (or loaded from a save that names one).
                  """),
    ]
}
