import Foundation
import Testing

/// The white cell's REPL in a real terminal (tmux), typed as people type: hot-seat play,
/// where each team sees only its own view and types unseen, and a process killed
/// mid-exercise (SIGKILL) that `--resume` rebuilds from its journal.
@Suite(.serialized) struct ExerciseTerminalTests {
    static let baltic = "Scripts/exercises/baltic-crisis.lua"

    /// The pane's text, with all the scrollback tmux keeps.
    static func everything(_ t: TmuxSession) -> String { t.screen }

    @Test func hotSeatTeamsSeeOnlyTheirOwnViewAndOrderUnseen() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.jsonl").path
        let t = try TmuxSession("cd \(Programs.shellQuoted(Programs.root.path)) && "
                                + Programs.replCommand(["--exercise", Self.baltic, "--journal", journal]), width: 100, height: 40)
        #expect(t.waitForPrompt(">"))
        try t.type(":hotseat")
        #expect(t.waitFor("Pass the keyboard to team Blue"))
        try t.press("Enter")
        #expect(t.waitFor("Washington's guidance"))
        #expect(t.waitFor("Order for team Blue"))
        try t.type("rung 4")
        #expect(t.waitFor("Order recorded."))
        #expect(!t.screen.contains("rung 4"))  // typed without echo
        try t.press("Enter")
        #expect(t.waitFor("Pass the keyboard to team Red"))
        // Team Red's screen, scrollback included, holds nothing of team Blue's.
        let handover = Self.everything(t)
        #expect(!handover.contains("Washington") && !handover.contains("rung 4") && !handover.contains("Order recorded"))
        try t.press("Enter")
        #expect(t.waitFor("Order for team Red"))
        let red = Self.everything(t)
        #expect(red.contains("The Kremlin's guidance"))
        #expect(red.contains("The North Atlantic Council"))  // Blue's public part
        #expect(!red.contains("Washington") && !red.contains("rung 4"))
        // A bad order is refused and asked again; the huge one too; then a good one.
        try t.type("launch everything")
        #expect(t.waitFor("unknown move 'launch everything'"))
        try t.paste(String(repeating: "x", count: 3000))
        try t.press("Enter")
        #expect(t.waitFor("too long (3000 characters"))
        try t.type("hold")
        #expect(t.waitFor("Order recorded."))
        #expect(!Self.everything(t).contains("Washington"))
        try t.press("Enter")
        #expect(t.waitFor("Every team has ordered"))
        #expect(!Self.everything(t).contains("Kremlin"))  // cleared for everyone
        let proposal = try t.enter(":resolve", prompt: ">") ?? ""
        #expect(proposal.contains("NATO: rung 4 (team)"))
        #expect(proposal.contains("Russia: hold (team)"))
        let outcome = try t.enter(":accept", prompt: ">") ?? ""
        #expect(outcome.contains("Turn 1 adjudicated: NATO rung 4, Russia hold"))
        #expect(outcome.contains("turn 2 of 8"))
        #expect(t.leaveWithCtrlD() == 0)
    }

    /// The pid of the program the tmux pane's shell runs.
    static func programPid(_ t: TmuxSession) throws -> Int32? {
        let shell = try t.tmux(["display", "-p", "-t", t.name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    @Test func aKilledExerciseResumesFromItsJournalWhereItWas() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.jsonl").path
        let t = try TmuxSession("cd \(Programs.shellQuoted(Programs.root.path)) && "
                                + Programs.replCommand(["--exercise", Self.baltic, "--journal", journal]), width: 200, height: 60)
        #expect(t.waitForPrompt(">"))
        _ = try t.enter(":resolve", prompt: ">")
        _ = try t.enter(":override Russia escalate \"the class wants a harder Moscow\"", prompt: ">")
        _ = try t.enter(":inject \"Minsk wavers\" \"Union State\" 0.2", prompt: ">")
        try t.type(":hotseat Blue")
        #expect(t.waitFor("Pass the keyboard to team Blue"))
        try t.press("Enter")
        #expect(t.waitFor("Order for team Blue"))
        try t.type("deescalate")
        #expect(t.waitFor("Order recorded."))
        try t.press("Enter")
        #expect(t.waitFor("no order from Red"))
        let status = try #require(try t.enter(":orders", prompt: ">"))
        let debrief = try #require(try t.enter(":debrief", prompt: ">"))
        #expect(status.contains("turn 2 of 8") && status.contains("team Blue (NATO): ordered") && status.contains("team Red (Russia): waiting"))
        #expect(debrief.contains("white cell: overrode Russia → escalate: the class wants a harder Moscow"))
        let pid = try #require(try Self.programPid(t))
        #expect(kill(pid, SIGKILL) == 0)
        #expect(t.waitFor("[exit status 137]"))

        let resumed = try Programs.repl(["--resume", journal], input: ":orders\n:debrief\n:resolve\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let out = resumed.stdout
        #expect(out.contains(status), "\(out)")
        #expect(out.contains(debrief), "\(out)")
        #expect(out.contains("NATO: deescalate (team)"))  // the pending order survived
        #expect(out.contains("Minsk wavers"))
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.last?.contains("\"kind\":\"resolve\"") == true)  // the resumed session appends
    }

    @Test func aJournalThatExistsIsNotOverwrittenAndABadOneIsNamed() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.jsonl").path
        try "keep me\n".write(toFile: journal, atomically: true, encoding: .utf8)
        let again = try Programs.repl(["--exercise", Self.baltic, "--journal", journal], input: "")
        #expect(again.status == 1)
        #expect(again.stderr.contains("the journal exists already"))
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == "keep me\n")
        let bad = try Programs.repl(["--resume", journal], input: "")
        #expect(bad.status == 1)
        #expect(bad.stderr == "wargame-repl: \(journal): line 1: not a journal entry\n")
        // The debrief as JSON: the data the after-action report reads.
        let json = dir.appendingPathComponent("d.json").path
        let played = try Programs.repl(["--exercise", Self.baltic, "--journal", dir.appendingPathComponent("k.jsonl").path],
                                       input: ":resolve\n:override NATO hold \"a reason\"\n:debrief \(json)\n")
        #expect(played.stdout.contains("debrief written to \(json)"), "\(played.stderr)")
        let debrief = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let turns = debrief?["turns"] as? [[String: Any]]
        #expect(turns?.count == 1)
        let decision = turns?.first?["decision"].map { String(describing: $0) } ?? ""
        #expect(decision.contains("a reason"), "\(decision)")
        let noExercise = try Programs.repl(["-i"], input: ":orders\n")
        #expect(noExercise.stderr.contains("no exercise: start wargame-repl with --exercise FILE"))
    }

    @Test func ctrlCStopsTheHotSeatAndKeepsTheSession() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.jsonl").path
        let t = try TmuxSession("cd \(Programs.shellQuoted(Programs.root.path)) && "
                                + Programs.replCommand(["--exercise", Self.baltic, "--journal", journal]), width: 100, height: 40)
        #expect(t.waitForPrompt(">"))
        try t.type(":hotseat")
        #expect(t.waitFor("Pass the keyboard to team Blue"))
        try t.press("Enter")
        #expect(t.waitFor("Order for team Blue"))
        try t.type("hold")
        #expect(t.waitFor("Order recorded."))
        try t.press("Enter")
        #expect(t.waitFor("Pass the keyboard to team Red"))
        try t.press("C-c")
        #expect(t.waitFor("hot seat interrupted"))
        #expect(t.waitForPrompt(">"))
        let status = try t.enter(":orders", prompt: ">") ?? ""
        #expect(status.contains("team Blue (NATO): ordered") && status.contains("team Red (Russia): waiting"))
        #expect(t.leaveWithCtrlD() == 0)
    }
}
