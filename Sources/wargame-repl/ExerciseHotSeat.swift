import Foundation
import WargameKit

/// Hot-seat play at one terminal: each team in turn reads its own view and types its order
/// unseen; the screen (and its scrollback) is cleared before and after each team, so the
/// next team cannot read or scroll back to what the last one saw or typed.
enum ExerciseHotSeat {
    /// Longest line read from a team; longer input is refused whole.
    static let maxLine = 4096

    static func run(_ session: ExerciseSession, only: String?) {
        let e = session.exercise
        if e.isOver || e.paused || e.proposal != nil {
            // The engine's own refusal, in one line, before anyone takes the keyboard.
            var probe = e
            do { try probe.order(team: e.definition.teams[0].name, "hold") } catch { CommandLineTool.report("\(error)"); return }
        }
        let teams: [ExerciseDefinition.Team]
        if let only {
            guard let t = e.definition.team(only) else {
                CommandLineTool.report("no team '\(only.prefix(40))' (teams: \(e.definition.teams.map(\.name).joined(separator: ", ")))")
                return
            }
            teams = [t]
        } else {
            teams = e.definition.teams.filter { !e.submitted.contains($0.name) }
            if teams.isEmpty { print("every team has ordered: :resolve"); return }
        }
        for team in teams {
            clearScreen()
            say("Pass the keyboard to team \(team.name), then team \(team.name) presses Enter.")
            guard readLine(echo: true) != nil else { return interrupted() }
            clearScreen()
            guard let view = session.exercise.view(team: team.name) else { return }
            say(view.text + "\n")
            // One ladder move and any policy orders: orders are asked until Enter alone.
            var recorded = 0
            while true {
                say(recorded == 0 ? "Order for team \(team.name) (hidden as you type; Enter alone gives no order): "
                                  : "Another order for team \(team.name) (hidden; Enter alone clears the screen for the next team): ",
                    newline: false)
                guard let line = readLine(echo: false) else { return interrupted() }
                say("")
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    guard recorded == 0 else { break }
                    say(session.exercise.submitted.contains(team.name) ? "Orders unchanged."
                                                                      : "No order: the doctrine decides for \(team.side).")
                    say("Press Enter to clear the screen for the next team.")
                    guard readLine(echo: true) != nil else { return interrupted() }
                    break
                }
                guard text.utf8.count <= maxLine else {
                    CommandLineTool.report("order refused: too long (\(text.count) characters)")
                    continue
                }
                var entry = session.entry(.order)
                entry.team = team.name
                entry.move = text
                if session.perform(entry) {
                    recorded += 1
                    say("Order recorded.")
                }
            }
            clearScreen()
        }
        let left = session.exercise.definition.teams.filter { !session.exercise.submitted.contains($0.name) }.map(\.name)
        print(left.isEmpty ? "Every team has ordered: the white cell resolves (:resolve)."
                           : "Ordered: \(session.exercise.submitted.joined(separator: ", ")); no order from \(left.joined(separator: ", ")).")
    }

    private static func interrupted() {
        clearScreen()
        print("hot seat interrupted: orders given so far are kept (:orders)")
    }

    static func say(_ s: String, newline: Bool = true) {
        print(s, terminator: newline ? "\n" : "")
        fflush(nil)
    }

    /// Clears the screen and the scrollback (ED 3) on a terminal.
    static func clearScreen() {
        guard isatty(1) != 0 else { return }
        say("\u{1B}[H\u{1B}[2J\u{1B}[3J", newline: false)
    }

    /// One line from standard input, echo off when asked (on a terminal); nil at end of
    /// input or on Ctrl-C. Bytes past ``maxLine`` are read and dropped, and the line is
    /// returned too long so the caller refuses it.
    static func readLine(echo: Bool) -> String? {
        var saved = termios()
        let tty = isatty(0) != 0 && tcgetattr(0, &saved) == 0
        if tty {
            var t = saved
            t.c_lflag |= tcflag_t(ICANON)
            if echo { t.c_lflag |= tcflag_t(ECHO) } else { t.c_lflag &= ~tcflag_t(ECHO) }
            tcsetattr(0, TCSANOW, &t)
        }
        defer { if tty { tcsetattr(0, TCSANOW, &saved) } }
        var bytes: [UInt8] = []
        var c: UInt8 = 0
        while true {
            let n = read(0, &c, 1)
            if n < 0 && errno == EINTR {
                if Interrupts.take() { return nil }
                continue
            }
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if c == 0x0A { break }
            if bytes.count <= maxLine { bytes.append(c) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
