import Foundation
import Testing

/// A team's page in a real browser: headless Chromium (Debian's), driven through its
/// DevTools protocol, loads the join link, the test types an order into the page's form
/// and presses Enter, and the page shows the turn's outcome once the white cell (typed in
/// tmux) resolves and accepts, without being reloaded (server-sent events).
@Suite(.serialized) struct ExerciseServerBrowserTests {
    @Test func aTeamOrdersInItsBrowserAndSeesTheOutcomeWithoutReloading() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.jsonl").path
        let x = try ServedExercise(["--exercise", ServedExercise.baltic, "--journal", journal, "--serve", "127.0.0.1:0"])
        let browser = try DevToolsBrowser(url: "http://127.0.0.1:\(x.port)" + x.links["Blue"]!)

        #expect(browser.waitForText("title", "team Blue (NATO)", seconds: 60))
        #expect(browser.waitForText("connection", "Live", seconds: 60))  // the event stream is open
        #expect(browser.text("private-briefing").contains("Washington's guidance"))
        #expect(!browser.text("others").contains("Kremlin"))
        #expect(browser.text("may-order").contains("lift"))
        #expect(browser.text("order-forms").contains("lift NAME (in force: Western package)"))
        // Marks this page: a reload would lose the mark.
        try browser.evaluate("window.__notReloaded = 'yes'")

        // A bad order is refused on the page, with the engine's reason.
        try browser.evaluate("document.getElementById('order').focus()")
        try browser.type("launch everything")
        try browser.pressEnter()
        #expect(browser.waitForText("order-result", "unknown move 'launch everything'", seconds: 30))
        try browser.evaluate("document.getElementById('order').value = ''")
        try browser.type("rung 4")
        try browser.pressEnter()
        #expect(browser.waitForText("order-result", "order recorded for turn 1: rung 4", seconds: 30))
        #expect(browser.waitForText("own-order", "Your order this turn: rung 4", seconds: 30))
        // A policy order beside the ladder move: both stand, and the page says so.
        try browser.evaluate("document.getElementById('order').value = ''")
        try browser.type("lift Western package")
        try browser.pressEnter()
        #expect(browser.waitForText("order-result", "order recorded for turn 1: lift Western package", seconds: 30))
        #expect(browser.waitForText("own-order", "Your policy orders: lift Western package", seconds: 30))
        #expect(browser.text("own-order").contains("Your order this turn: rung 4"))
        #expect(try x.command(":orders")?.contains("team Blue (NATO): ordered") == true)

        #expect(try x.command(":resolve")?.contains("NATO: rung 4 (team)") == true)
        #expect(browser.waitForText("status", "being adjudicated", seconds: 30))
        #expect(try x.command(":accept")?.contains("Turn 1 adjudicated") == true)
        #expect(browser.waitForText("timeline", "NATO rung 4", seconds: 30))
        #expect(browser.text("timeline").contains("lifts 'Western package'"))
        #expect(browser.waitForText("turn-line", "Turn 2 of 8", seconds: 30))
        #expect(browser.text("status").contains("orders are open"))
        #expect(try browser.evaluate("window.__notReloaded") as? String == "yes")
        #expect(x.terminal.leaveWithCtrlD() == 0)
    }
}
