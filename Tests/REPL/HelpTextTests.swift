import Foundation
import Testing
import WargameKit

/// `:help` as plain text: every entry, at a narrow width, without Markdown, and with the
/// fields of the tables it takes and returns. (Standard output is a pipe here, so the
/// width comes from COLUMNS; AuthoringTerminalTests checks a real terminal.)
@Suite struct HelpTextTests {
    static func help(_ names: [String], columns: Int) throws -> String {
        let input = names.map { ":help \($0)\n" }.joined()
        let r = try Programs.repl(["-i"], input: input, environment: ["COLUMNS": "\(columns)"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        return r.stdout
    }

    @Test func everyEntryIsPlainAndFitsTheWidth() throws {
        let names = APIReference.entries.map(\.name)
        let out = try Self.help([""] + names, columns: 64)
        #expect(!out.contains("`"))
        #expect(!out.contains("|---"))
        let lines = out.split(separator: "\n")
        // A word longer than the room left (a long type) may stand alone past the width;
        // no line of ordinary text does.
        for line in lines where line.count > 63 {
            #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "too wide: \(line)")
        }
    }

    /// Every option of every table is shown, under the function that takes it, and a
    /// field's own name finds it.
    @Test func everyOptionIsCovered() throws {
        let policy = try Self.help(["s:policy"], columns: 100)
        for f in APIReference.entry(named: "View")!.fields { #expect(policy.contains("    \(f.name)"), "view field \(f.name)") }
        let sanction = try Self.help(["s:sanction"], columns: 100)
        #expect(sanction.contains("    secondary?"))
        let side = try Self.help(["s:side"], columns: 100)
        #expect(side.contains("    nuclear?"))
        let doctrine = try Self.help(["doctrine"], columns: 100)
        for p in DoctrineParameters.table { #expect(doctrine.contains("    \(p.name)?"), "doctrine \(p.name)") }
        let step = try Self.help(["s:step"], columns: 100)
        for f in APIReference.entry(named: "Report")!.fields { #expect(step.contains("    \(f.name)"), "report field \(f.name)") }
        let secondary = try Self.help(["secondary"], columns: 100)
        #expect(secondary.contains("\nsecondary: field of wg.SanctionSpec, boolean, optional\n"))
    }
}
