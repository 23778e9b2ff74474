// The REPL's meta-commands for looking at a scenario.

extension APIReference {
    /// Stepping and reading a scenario.
    static let analysisCommands: [Entry] = [
        Entry(name: ":step", signature: ":step [n]", summary: "Advances n turns (default 1) and prints the report: print(s:step(n))."),
        Entry(name: ":status", signature: ":status", summary: "Prints where things stand: print(s:status())."),
        Entry(name: ":balance", signature: ":balance a b", summary: "Prints the force balance: print(s:balance(a, b))."),
        Entry(name: ":damage", signature: ":damage t", summary: "Prints sanctions damage to t: print(s:damage(t))."),
        Entry(name: ":log", signature: ":log [n]", summary: "Prints the event log, or its last n events, one line each."),
    ]
}
