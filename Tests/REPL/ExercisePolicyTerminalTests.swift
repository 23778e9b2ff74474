import Foundation
import Testing

/// Policy orders at the hot seat, typed as people type in a real terminal (tmux): a team
/// sees the orders it may give, orders a sanction unseen and finds it in its own view;
/// the other team's screen never shows it before the turn resolves; the white cell writes
/// the after-action report with the debrief; the journal resumes the orders.
@Suite(.serialized) struct ExercisePolicyTerminalTests {
    static let baltic = "Scripts/exercises/baltic-crisis.lua"
    static let gas = "Gas cut-off to Germany"

    /// Waits up to 10 s for `text` to be on the screen `times` times (a second order's
    /// confirmation under the first).
    static func waitFor(_ text: String, times: Int, in t: TmuxSession) -> Bool {
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            if t.screen.components(separatedBy: text).count - 1 >= times { return true }
            usleep(50_000)
        }
        return false
    }

    @Test func aTeamOrdersASanctionThatOnlyItSeesUntilTheTurnResolves() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.jsonl").path
        let report = dir.appendingPathComponent("aar.html").path
        let t = try TmuxSession("cd \(Programs.shellQuoted(Programs.root.path)) && "
                                + Programs.replCommand(["--exercise", Self.baltic, "--journal", journal]), width: 160, height: 50)
        #expect(t.waitForPrompt(">"))
        try t.type(":hotseat")
        #expect(t.waitFor("Pass the keyboard to team Blue"))
        try t.press("Enter")
        #expect(t.waitFor("Order for team Blue"))
        #expect(t.screen.contains("lift NAME (in force: Western package)"))
        try t.type("rung 2")
        #expect(t.waitFor("Order recorded."))
        #expect(t.waitFor("Another order for team Blue"))
        try t.press("Enter")
        #expect(t.waitFor("Pass the keyboard to team Red"))
        try t.press("Enter")
        #expect(t.waitFor("Order for team Red"))
        #expect(t.screen.contains("sanction NAME (\(Self.gas): RUS on GMY, coverage 0.50, all trade, imports"))
        try t.type("sanction Nord Stream")
        #expect(t.waitFor("order refused: no package 'Nord Stream' of team Red"))
        try t.type("sanction gas cut-off to germany")
        #expect(t.waitFor("Order recorded."))
        #expect(!t.screen.contains("sanction gas"))  // typed without echo
        #expect(t.waitFor("Another order for team Red"))
        try t.type("rung 2")
        #expect(Self.waitFor("Order recorded.", times: 2, in: t))
        try t.press("Enter")
        #expect(t.waitFor("Every team has ordered"))
        #expect(!t.screen.contains("Gas cut-off"))  // cleared, scrollback too

        // Red, back at the keyboard, finds its order in its view.
        try t.type(":hotseat Red")
        #expect(t.waitFor("Pass the keyboard to team Red"))
        try t.press("Enter")
        #expect(t.waitFor("Your policy orders this turn: sanction \(Self.gas)"))
        #expect(t.waitFor("Order for team Red"))
        try t.press("Enter")
        #expect(t.waitFor("Orders unchanged."))
        try t.press("Enter")
        #expect(t.waitForPrompt(">"))
        // Blue's screen, scrollback included, never shows it.
        try t.type(":hotseat Blue")
        #expect(t.waitFor("Pass the keyboard to team Blue"))
        try t.press("Enter")
        #expect(t.waitFor("Order for team Blue"))
        #expect(!t.screen.contains("Gas cut-off") && !t.screen.contains("GMY"))
        try t.press("Enter")
        #expect(t.waitFor("Orders unchanged."))
        try t.press("Enter")
        #expect(t.waitForPrompt(">"))
        let status = try t.enter(":orders", prompt: ">") ?? ""
        #expect(status.contains("team Red (Russia): ordered (2 orders)") && !status.contains("Gas"))

        _ = try t.enter(":resolve", prompt: ">")
        let outcome = try t.enter(":accept", prompt: ">") ?? ""
        #expect(outcome.contains("sanctions: Russia imposes '\(Self.gas)' on GMY"), "\(outcome)")
        let written = try t.enter(":debrief \(report)", prompt: ">") ?? ""
        #expect(written.contains("after-action report written to \(report)"), "\(written)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("id=\"debrief-turn-1\"") && html.contains("sanction \(Self.gas)"))
        #expect(t.leaveWithCtrlD() == 0)

        // The journal holds the policy order and resumes it.
        let resumed = try Programs.repl(["--resume", journal], input: ":debrief\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("policy orders: Red (Russia) sanction \(Self.gas)"), "\(resumed.stdout)")
    }
}
