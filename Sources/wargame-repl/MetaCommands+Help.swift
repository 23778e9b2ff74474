import Foundation
import WargameKit

// `:help`, read from ``APIReference``, as plain text wrapped to the terminal: no Markdown
// (backquotes dropped), parameter and field tables as aligned columns.
extension MetaCommands {
    /// `:help` lists everything; `:help name` prints one entry (or the tables that have a
    /// field of that name: `:help secondary`).
    static func help(_ name: String?, width: Int = terminalWidth()) {
        guard let name else {
            print("Meta-commands (on s, else the last scenario created):")
            let commands = APIReference.entries.filter { $0.group == .metaCommand }
            let column = 16
            for e in commands {
                print(hanging("  " + e.signature.padding(toLength: max(column, e.signature.count + 1), withPad: " ", startingAt: 0),
                              plain(e.summary), width: width))
            }
            for group in [APIReference.Group.module, .scenario, .table, .parameters] {
                print(group.rawValue + ":")
                print(wrap(APIReference.entries.filter { $0.group == group }.map(\.name), indent: "  ", width: width))
            }
            print(hanging("", "Tables: :help view, :help report; parameters: :help doctrine; a field: :help secondary.", width: width))
            print("Type :help name for one of them (e.g. :help s:step).")
            return
        }
        guard let e = APIReference.entry(named: name) else {
            let owners = APIReference.entries.filter { t in t.fields.contains { $0.name == name } }
            guard !owners.isEmpty else {
                CommandLineTool.report("no help for '\(name)' (:help lists the names)")
                return
            }
            for t in owners {
                let f = t.fields.first { $0.name == name }!
                print("\(name): field of \(APIReference.typeName(of: t)), \(f.type)\(f.optional ? ", optional" : "")")
                print(paragraphs(plain(f.doc), indent: "  ", width: width), terminator: "")
                print(hanging("  in: ", t.signature, width: width, continuation: "    "))
            }
            return
        }
        print(text(for: e, width: width), terminator: "")
    }

    /// The entry as `:help` prints it.
    static func text(for e: APIReference.Entry, width: Int) -> String {
        // A signature is Lua: broken at blanks, it still reads (and runs) the same.
        var out = hanging("", e.signature, width: width, continuation: "    ") + "\n"
        out += paragraphs(e.summary, indent: "  ", width: width)
        if !e.details.isEmpty { out += paragraphs(e.details, indent: "  ", width: width) }
        out += table("Parameters", e.params, width: width)
        out += table("Returns", e.group == .scenario && e.name.hasPrefix("s.") ? [] : e.returns, width: width)
        out += table(e.group == .parameters ? "Parameters (wg.scenario{ \(e.name) = {...} })" : "Fields", e.fields, width: width)
        if !e.values.isEmpty { out += paragraphs("One of: " + e.values.joined(separator: ", ") + ".", indent: "  ", width: width) }
        // The tables and enumerations the parameters and results name, one level down.
        var shown: Set<String> = [e.name]
        for f in e.params + e.returns {
            for t in referencedTypes(f.type) where !shown.contains(t.name) {
                shown.insert(t.name)
                if t.values.isEmpty {
                    out += table("Fields of \(APIReference.typeName(of: t)) (\(plain(t.summary)))", t.fields, width: width)
                } else {
                    out += paragraphs("\(APIReference.typeName(of: t)): one of " + t.values.joined(separator: ", ") + ". " + plain(t.summary),
                                      indent: "  ", width: width)
                }
            }
        }
        return out
    }

    /// Table and enumeration entries a type names (`wg.SanctionSpec|string` → SanctionSpec).
    static func referencedTypes(_ type: String) -> [APIReference.Entry] {
        var found: [APIReference.Entry] = []
        var rest = Substring(type)
        while let r = rest.range(of: "wg.") {
            let name = rest[r.upperBound...].prefix(while: { $0.isLetter || $0.isNumber })
            if let e = APIReference.entries.first(where: { $0.name == String(name) && $0.group == .table }) { found.append(e) }
            rest = rest[r.upperBound...]
        }
        return found
    }

    /// `title:` then one row a field: name, type, meaning, in aligned columns; a meaning
    /// wraps under its own column, or goes on the next line when the columns leave no room.
    static func table(_ title: String, _ fields: [APIReference.Field], width: Int) -> String {
        guard !fields.isEmpty else { return "" }
        var out = hanging("  ", title + ":", width: width) + "\n"
        let names = fields.map { ($0.name.isEmpty ? "(result)" : $0.name) + ($0.optional ? "?" : "") }
        let nameWidth = names.map(\.count).max() ?? 0
        // Long types (a table's shape) go on their own lines and do not widen the column.
        let typeWidth = fields.map(\.type.count).filter { $0 <= 24 }.max() ?? 0
        for (f, n) in zip(fields, names) {
            var row = "    " + n.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            if f.type.count > typeWidth {
                out += hanging(row, f.type, width: width, continuation: String(repeating: " ", count: row.count + 2)) + "\n"
                if !f.doc.isEmpty { out += paragraphs(plain(f.doc), indent: String(repeating: " ", count: 6 + nameWidth), width: width) }
                continue
            }
            row += f.type.padding(toLength: typeWidth, withPad: " ", startingAt: 0) + "  "
            if width - row.count < 20 {
                out += String(row.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
                if !f.doc.isEmpty { out += paragraphs(plain(f.doc), indent: "      ", width: width) }
            } else {
                out += hanging(row, plain(f.doc), width: width) + "\n"
            }
        }
        return out
    }

    /// Text without Markdown's backquotes.
    static func plain(_ s: String) -> String { s.replacingOccurrences(of: "`", with: "") }

    /// Each paragraph (a line of the text) wrapped to `width` after `indent`.
    static func paragraphs(_ text: String, indent: String, width: Int) -> String {
        plain(text).split(separator: "\n", omittingEmptySubsequences: true)
            .map { hanging(indent, String($0), width: width) + "\n" }.joined()
    }

    /// `lead` then `text` wrapped at word boundaries, continuation lines indented to the
    /// end of `lead`. A word longer than the room left stays whole on its own line.
    static func hanging(_ lead: String, _ text: String, width: Int, continuation: String? = nil) -> String {
        let pad = continuation ?? String(repeating: " ", count: lead.count)
        var lines: [String] = [], line = lead, fresh = true
        for word in text.split(separator: " ") {
            if !fresh && line.count + 1 + word.count > width {
                lines.append(line)
                line = pad
                fresh = true
            }
            line += (fresh ? "" : " ") + word
            fresh = false
        }
        lines.append(line)
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    static func wrap(_ names: [String], indent: String, width: Int = 78) -> String {
        var lines: [String] = [], line = indent
        for n in names {
            if line.count + n.count + 1 > width && line != indent { lines.append(line); line = indent }
            line += (line == indent ? "" : " ") + n
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// The terminal's width (standard output's, else COLUMNS, else 80), within 40...200.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(40, min(200, Int(size.ws_col) - 1)) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return max(40, min(200, c - 1)) }
        return 79
    }
}
