// types/wargame.lua: annotations for the Lua language server, written from the entries
// that also feed `:help` and docs/lua-api.md (`make typings`; a test checks the file).

extension APIReference {
    /// The `---@meta` file describing `wg`, the scenario, the tables and the enumerations.
    public static func typings() -> String {
        var out = """
            ---@meta wargame
            -- Annotations of the wargame Lua API for the Lua language server (LuaLS).
            -- Generated from Sources/WargameKit/Lua/Bindings/APIReference*.swift; do not edit.
            -- Regenerate with: make typings (a test fails while the two differ).
            -- Editors: add this directory to "workspace.library" (the repository's .luarc.json does).


            """
        for e in entries where e.group == .table && !e.values.isEmpty {
            out += comment(e.summary)
            out += "---@alias \(typeName(of: e))\n" + e.values.map { "---| \"\($0)\"\n" }.joined() + "\n"
        }
        out += "---@alias wg.Capabilities table<string, wg.StateCapabilities>\n\n"
        for e in entries where (e.group == .table && e.values.isEmpty) || e.group == .parameters {
            out += comment(e.summary)
            out += "---@class \(typeName(of: e))\n"
            for f in e.fields { out += "---@field \(f.name)\(f.optional ? "?" : "") \(f.type)\(doc(f.doc))\n" }
            out += "\n"
        }
        out += comment("The wargame module: the global wg, and what require \"wargame\" returns.")
        out += "---@class wg\n"
        for e in entries where e.group == .module && !e.signature.contains("(") && !e.signature.contains("{") {
            out += "---@field \(e.name.dropFirst(3)) \(e.returns.first?.type ?? "any")\(doc(e.summary))\n"
        }
        out += "wg = {}\n\n"
        for e in entries where e.group == .module && (e.signature.contains("(") || e.signature.contains("{")) {
            out += function(e, as: String(e.name))
        }
        out += comment("A scenario: wg.scenario{...}, wg.load(file), s:fork().")
        out += "---@class wg.Scenario\n"
        for e in entries where e.name.hasPrefix("s.") {
            let t = e.returns.first.map { $0.type + ($0.optional ? "?" : "") } ?? "any"
            out += "---@field \(e.name.dropFirst(2)) \(t)\(doc(e.summary))\n"
        }
        out += "local Scenario = {}\n\n"
        for e in entries where e.name.hasPrefix("s:") {
            out += function(e, as: "Scenario:" + e.name.dropFirst(2))
        }
        out += "return wg\n"
        return out
    }

    private static func function(_ e: Entry, as name: String) -> String {
        var out = comment(e.summary)
        for p in e.params {
            out += "---@param \(p.name)\(p.optional && p.name != "..." ? "?" : "") \(p.type)\(doc(p.doc))\n"
        }
        for r in e.returns {
            out += "---@return \(r.type)\(r.optional ? "?" : "")\(r.name.isEmpty ? "" : " " + r.name)\(doc(r.doc, separator: " # "))\n"
        }
        out += "function \(name)(\(e.params.map(\.name).joined(separator: ", "))) end\n\n"
        return out
    }

    /// Lines of `---` description; backquotes dropped (LuaLS reads Markdown, but the text is
    /// plain in `:help` and here alike).
    private static func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "").split(separator: "\n").map { "---\($0)\n" }.joined()
    }

    private static func doc(_ text: String, separator: String = " ") -> String {
        text.isEmpty ? "" : separator + text.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "\n", with: " ")
    }
}
