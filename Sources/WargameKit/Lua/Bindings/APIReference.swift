/// The public Lua API and the REPL's meta-commands, described once: the REPL's `:help`
/// prints these entries and docs/lua-api.md is generated from ``APIReference/markdown()``
/// (`swift run wargame-repl --api-markdown > docs/lua-api.md`; a test checks the file).
///
/// Pure data: nothing here touches Lua.
public enum APIReference {
    public struct Entry: Sendable, Equatable {
        /// How the name is written: "wg.capabilities", "s:step", "s.turn", ":step".
        public let name: String
        /// A call as a script writes it.
        public let signature: String
        /// One line.
        public let summary: String
        /// Arguments, results and errors; may be empty.
        public let details: String

        public init(name: String, signature: String, summary: String, details: String = "") {
            self.name = name
            self.signature = signature
            self.summary = summary
            self.details = details
        }

        /// The kind of name, for grouping: the module, a scenario, the REPL, or a
        /// parameter group.
        public var group: Group {
            if name.hasPrefix(":") { return .metaCommand }
            if name.hasPrefix("wg.") { return .module }
            if name.hasPrefix("s.") || name.hasPrefix("s:") { return .scenario }
            return .parameters
        }
    }

    public enum Group: String, Sendable, CaseIterable {
        case module = "The wg module"
        case scenario = "Scenario methods and fields"
        case metaCommand = "REPL meta-commands"
        case parameters = "Model parameters"
    }

    /// Every entry, module first, then scenario, then meta-commands (in the order `:help`
    /// lists them). The lists live in files by topic (`APIReference+*.swift`).
    public static let entries: [Entry] = module + montecarlo + scenario
        + generalCommands + analysisCommands + sessionCommands + authoringCommands + exerciseCommands + quitCommand
        + parameters

    /// One entry per parameter group, written from the group's table (name, meaning,
    /// range, default, source): the same table that checks every override.
    static let parameters: [Entry] = [
        group(DoctrineParameters.self, "The built-in doctrine and the war (docs/escalation.md)."),
        group(TheatreParameters.self, "Theatre forces and their effectiveness (docs/force-balance.md)."),
        group(SanctionsParameters.self, "Trade blocked, rerouted, detected and turned into damage (docs/sanctions.md)."),
    ]

    static func group<G: ParameterGroup>(_ g: G.Type, _ summary: String) -> Entry {
        Entry(name: G.groupName, signature: "wg.scenario{ \(G.groupName) = { name = value, ... } }", summary: summary,
              details: "Each parameter, its range and default, and where the default comes from:\n\n" + G.markdownTable)
    }

    /// The entry called `name`. Also accepts `s.step` for `s:step`, and a bare name
    /// (`step`), tried as a scenario method or field, a `wg` function, then a meta-command.
    public static func entry(named name: String) -> Entry? {
        let name = String(name.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        guard !name.isEmpty else { return nil }
        var candidates = [name]
        if name.hasPrefix("s.") { candidates.append("s:" + name.dropFirst(2)) }
        if name.hasPrefix("s:") { candidates.append("s." + name.dropFirst(2)) }
        if !name.contains(".") && !name.contains(":") {
            candidates += ["s:" + name, "s." + name, "wg." + name, ":" + name]
        }
        for c in candidates {
            if let e = entries.first(where: { $0.name == c }) { return e }
        }
        return nil
    }

    /// The reference as Markdown: docs/lua-api.md.
    public static func markdown() -> String {
        var out = """
            # The wargame Lua API

            <!-- Generated from Sources/WargameKit/Lua/Bindings/APIReference.swift; do not edit.
                 Regenerate with: swift run wargame-repl --api-markdown > docs/lua-api.md -->

            This file is generated from the one list that also feeds the REPL's `:help`; to
            change it, edit that list and run
            `swift run wargame-repl --api-markdown > docs/lua-api.md` (a test fails while the
            two differ).

            The module is the global `wg`; `require "wargame"` returns the same table. A
            scenario object is written `s` below. In the REPL, `:help name` prints any entry.

            """
        for group in Group.allCases {
            out += "\n## \(group.rawValue)\n"
            for e in entries where e.group == group {
                out += "\n### `\(e.name)`\n\n```lua\n\(e.signature)\n```\n\n\(e.summary)\n"
                if !e.details.isEmpty { out += "\n\(e.details)\n" }
            }
        }
        return out
    }
}
