/// The public Lua API and the REPL's meta-commands, described once: the REPL's `:help`
/// prints these entries and docs/lua-api.md is generated from ``APIReference/markdown()``
/// (`swift run wargame-repl --api-markdown > docs/lua-api.md`; a test checks the file).
///
/// Pure data: nothing here touches Lua.
public enum APIReference {
    public struct Entry: Sendable, Equatable {
        /// How the name is written: "wg.capabilities", "s:step", "s.turn", ":step", or a
        /// table's type name ("Report", "View").
        public let name: String
        /// A call as a script writes it.
        public let signature: String
        /// One line.
        public let summary: String
        /// Arguments, results and errors; may be empty.
        public let details: String
        /// A function's parameters, in order (a method's without `self`).
        public let params: [Field]
        /// What a function returns, in order; a field's type for a field entry.
        public let returns: [Field]
        /// A table's fields (a table entry, a parameter group).
        public let fields: [Field]
        /// The values of an enumeration (a string alias such as the move or event kinds).
        public let values: [String]

        public init(name: String, signature: String, summary: String, details: String = "",
                    params: [Field] = [], returns: [Field] = [], fields: [Field] = [], values: [String] = []) {
            self.name = name
            self.signature = signature
            self.summary = summary
            self.details = details
            self.params = params
            self.returns = returns
            self.fields = fields
            self.values = values
        }

        /// This entry with a function's parameters and results.
        public func typed(_ params: [Field], returns: [Field] = []) -> Entry {
            Entry(name: name, signature: signature, summary: summary, details: details,
                  params: params, returns: returns, fields: fields, values: values)
        }

        /// The kind of name, for grouping: the module, a scenario, a table, the REPL, or a
        /// parameter group.
        public var group: Group {
            if name.hasPrefix(":") { return .metaCommand }
            if name.hasPrefix("wg.") { return .module }
            if name.hasPrefix("s.") || name.hasPrefix("s:") { return .scenario }
            if name.first?.isUppercase == true { return .table }
            return .parameters
        }
    }

    /// A parameter, result or table field: its name, its type as the Lua language server
    /// writes types (`string`, `integer`, `string[]`, `wg.Report`, `table<string, number>`),
    /// whether it may be nil, and one line of meaning.
    public struct Field: Sendable, Equatable {
        public let name: String
        public let type: String
        public let optional: Bool
        public let doc: String
        public init(_ name: String, _ type: String, optional: Bool = false, _ doc: String = "") {
            self.name = name
            self.type = type
            self.optional = optional
            self.doc = doc
        }
        /// A field that may be nil or left out.
        public static func opt(_ name: String, _ type: String, _ doc: String = "") -> Field {
            Field(name, type, optional: true, doc)
        }
    }

    public enum Group: String, Sendable, CaseIterable {
        case module = "The wg module"
        case scenario = "Scenario methods and fields"
        case table = "Tables passed and returned"
        case metaCommand = "REPL meta-commands"
        case parameters = "Model parameters"
    }

    /// Every entry, module first, then scenario, then meta-commands (in the order `:help`
    /// lists them). The lists live in files by topic (`APIReference+*.swift`).
    public static let entries: [Entry] = module + montecarlo + scenario + tables
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
        let d = G()
        return Entry(name: G.groupName, signature: "wg.scenario{ \(G.groupName) = { name = value, ... } }", summary: summary,
                     details: "Each parameter, its range and default, and where the default comes from. A value out of range is an error naming it.",
                     fields: G.table.map { p in
                         .opt(p.name, "number", "\(p.meaning); range \(p.range), default \(LuaNumberText.format(p.get(d))); source: \(p.source)")
                     })
    }

    /// The class name the typings give a table entry or parameter group (`wg.Report`).
    public static func typeName(of e: Entry) -> String {
        e.group == .parameters ? "wg." + e.name.prefix(1).uppercased() + e.name.dropFirst() : "wg." + e.name
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
        if name.hasPrefix("wg."), name.dropFirst(3).first?.isUppercase == true { candidates.append(String(name.dropFirst(3))) }
        for c in candidates {
            if let e = entries.first(where: { $0.name == c }) { return e }
        }
        // Tables by their name in any case: `report`, `view`, `Balance`.
        return entries.first { $0.group == .table && $0.name.lowercased() == name.lowercased() }
    }

    static func markdownTable(_ title: String, _ fields: [Field]) -> String {
        guard !fields.isEmpty else { return "" }
        var out = "\n| \(title.lowercased()) | type | meaning |\n|---|---|---|\n"
        for f in fields {
            let name = f.name.isEmpty ? "" : "`\(f.name)`"
            let type = "`\(f.type)\(f.optional ? "?" : "")`".replacingOccurrences(of: "|", with: "\\|")
            out += "| \(name) | \(type) | \(f.doc.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return out
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
        for group in Group.allCases where entries.contains(where: { $0.group == group }) {
            out += "\n## \(group.rawValue)\n"
            for e in entries where e.group == group {
                out += "\n### `\(e.name)`\n\n```lua\n\(e.signature)\n```\n\n\(e.summary)\n"
                if !e.details.isEmpty { out += "\n\(e.details)\n" }
                out += markdownTable("Parameter", e.params) + markdownTable("Returns", e.returns)
                out += markdownTable(e.group == .parameters ? "Parameter" : "Field", e.fields)
                if !e.values.isEmpty { out += "\nOne of: " + e.values.map { "`\($0)`" }.joined(separator: ", ") + ".\n" }
            }
        }
        return out
    }
}
