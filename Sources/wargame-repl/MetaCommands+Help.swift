import WargameKit

// `:help`, read from ``APIReference``.
extension MetaCommands {
    /// `:help` lists everything; `:help name` prints one entry.
    static func help(_ name: String?) {
        guard let name else {
            print("Meta-commands (on s, else the last scenario created):")
            for e in APIReference.entries where e.group == .metaCommand {
                print("  " + e.signature.padding(toLength: 16, withPad: " ", startingAt: 0) + e.summary)
            }
            for group in [APIReference.Group.module, .scenario] {
                print(group.rawValue + ":")
                print(wrap(APIReference.entries.filter { $0.group == group }.map(\.name), indent: "  "))
            }
            print("Type :help name for one of them (e.g. :help s:step).")
            return
        }
        guard let e = APIReference.entry(named: name) else {
            CommandLineTool.report("no help for '\(name)' (:help lists the names)")
            return
        }
        print(e.signature)
        print("  " + e.summary)
        if !e.details.isEmpty { print("  " + e.details) }
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
}
