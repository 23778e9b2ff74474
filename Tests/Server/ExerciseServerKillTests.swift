import Foundation
import Testing

/// The white cell's process killed (SIGKILL) mid-exercise with two teams connected, then
/// `--resume JOURNAL --serve` on the same port: the same links work, and the turn, the rung,
/// the pending orders, `:orders` and `:debrief` are what they were.
@Suite(.serialized) struct ExerciseServerKillTests {
    @Test func aKilledServedExerciseResumesWithTheSameLinksAndState() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.jsonl").path
        let x = try ServedExercise(["--exercise", ServedExercise.baltic, "--journal", journal, "--serve", "127.0.0.1:0"])
        let blue = x.links["Blue"]!, red = x.links["Red"]!

        // Turn 1 played from the teams' devices, then a pending order in turn 2.
        #expect(try x.order("Blue", "rung 3", turn: 1).status == 200)
        #expect(try x.order("Red", "hold", turn: 1).status == 200)
        _ = try x.command(":resolve")
        #expect(try x.command(":accept")?.contains("Turn 1 adjudicated") == true)
        #expect(try x.order("Blue", "escalate", turn: 2).status == 200)
        let blueEvents = try EventStream(port: x.port, path: blue + "/events")
        let redEvents = try EventStream(port: x.port, path: red + "/events")
        #expect(blueEvents.waitFor("\"turn\":2", seconds: 30) && redEvents.waitFor("\"turn\":2", seconds: 30))

        let orders = try x.command(":orders") ?? ""
        #expect(orders.contains("turn 2 of 8") && orders.contains("team Blue (NATO): ordered") && orders.contains("team Red (Russia): waiting"))
        let debrief = try x.command(":debrief") ?? ""
        #expect(debrief.contains("Turn 1:"))
        let blueState = try x.get(blue + "/state").body, redState = try x.get(red + "/state").body
        #expect(blueState.contains("\"order\":\"escalate\"") && blueState.contains("\"turn\":2"))

        // The secrets: beside the journal, the owner's only, not in the journal.
        let secretsPath = journal + ".secrets"
        let mode = (try FileManager.default.attributesOfItem(atPath: secretsPath)[.posixPermissions] as? Int) ?? -1
        #expect(mode == 0o600)
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        for link in [blue, red] { #expect(!journalText.contains(String(link.split(separator: "/").last!))) }

        let pid = try #require(x.programPid)
        #expect(kill(pid, SIGKILL) == 0)
        #expect(x.terminal.waitFor("[exit status 137]", seconds: 30))

        let y = try ServedExercise(["--resume", journal, "--serve", "127.0.0.1:\(x.port)"])
        #expect(y.port == x.port)
        #expect(y.links == x.links)
        #expect(try y.get(blue + "/state").body == blueState)
        #expect(try y.get(red + "/state").body == redState)
        #expect(try y.command(":orders") == orders)
        #expect(try y.command(":debrief") == debrief)
        // The teams reconnect with the same links and play on.
        let again = try EventStream(port: y.port, path: red + "/events")
        #expect(again.waitFor("\"turn\":2", seconds: 30))
        #expect(try y.order("Red", "deescalate", turn: 2).status == 200)
        #expect(try y.command(":orders")?.contains("team Red (Russia): ordered") == true)
        again.close()
        blueEvents.close()
        redEvents.close()
        #expect(y.terminal.leaveWithCtrlD() == 0)
    }
}
