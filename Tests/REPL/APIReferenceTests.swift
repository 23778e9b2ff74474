import Foundation
import Testing
import WargameKit

/// One source of truth for `:help` and docs/lua-api.md.
@Suite struct APIReferenceTests {
    static let contract = [
        "wg.version", "wg.capabilities", "wg.lanchester", "wg.scenario", "wg.ladder", "wg.load",
        "wg.montecarlo", "wg.last", "s:side", "s:alliance", "s:trade", "s:economy", "s:sanction",
        "s:alignment", "s:policy", "s:on", "s:step", "s.turn", "s.rung", "s.name", "s:rung_name",
        "s:balance", "s:damage", "s:log", "s:undo", "s:rewind", "s:fork", "s:save", "s:report",
        "s:status", "s:seed",
        ":help", ":step", ":status", ":balance", ":damage", ":log", ":undo", ":rewind", ":fork",
        ":save", ":load", ":report", ":seed", ":quit",
    ]

    @Test func everyPublicNameAndMetaCommandHasAnEntry() {
        for name in Self.contract {
            let e = APIReference.entry(named: name)
            #expect(e?.name == name, "no entry for \(name)")
            #expect(!(e?.summary.isEmpty ?? true))
        }
        #expect(Set(APIReference.entries.map(\.name)).count == APIReference.entries.count)
    }

    @Test func lookupAcceptsShortForms() {
        #expect(APIReference.entry(named: "step")?.name == "s:step")
        #expect(APIReference.entry(named: "s.step")?.name == "s:step")
        #expect(APIReference.entry(named: "turn")?.name == "s.turn")
        #expect(APIReference.entry(named: "montecarlo")?.name == "wg.montecarlo")
        #expect(APIReference.entry(named: "quit")?.name == ":quit")
        #expect(APIReference.entry(named: "nothing") == nil)
    }

    /// Regenerate with `swift run wargame-repl --api-markdown > docs/lua-api.md`.
    @Test func docsAreGeneratedFromTheReference() throws {
        let docs = try String(contentsOf: Programs.root.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)
        #expect(docs == APIReference.markdown(), "docs/lua-api.md is stale: swift run wargame-repl --api-markdown > docs/lua-api.md")
        let r = try Programs.repl(["--api-markdown"])
        #expect(r.status == 0)
        #expect(r.stdout == docs)
    }
}
