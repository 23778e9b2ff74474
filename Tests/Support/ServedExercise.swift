import Foundation

/// The white cell's REPL running an exercise with `--serve`, in tmux as the instructor
/// types, and the join links it printed (team → path with the secret).
final class ServedExercise {
    static let baltic = "Scripts/exercises/baltic-crisis.lua"

    let terminal: TmuxSession
    let port: Int
    let links: [String: String]

    /// Starts `wargame-repl ARGUMENTS` in the package root and waits for its links.
    init(_ arguments: [String], seconds: Double = 120) throws {
        terminal = try TmuxSession("cd \(Programs.shellQuoted(Programs.root.path)) && " + Programs.replCommand(arguments),
                                   width: 220, height: 50)
        guard terminal.waitFor("Join links", seconds: seconds), terminal.waitForPrompt(">", seconds: seconds) else {
            throw HTTPRequests.Failure(description: "no join links; the screen:\n\(terminal.screen)")
        }
        (port, links) = try Self.parseLinks(terminal.screen)
    }

    /// The links the screen shows last (`  Team: http://127.0.0.1:PORT/team/SECRET`).
    static func parseLinks(_ screen: String) throws -> (Int, [String: String]) {
        var port = 0, links: [String: String] = [:]
        for line in screen.split(separator: "\n") {
            guard let r = line.range(of: ": http://127.0.0.1:") else { continue }
            let team = line[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            let rest = line[r.upperBound...]
            guard let slash = rest.firstIndex(of: "/"), let p = Int(rest[..<slash]) else { continue }
            port = p
            links[team] = String(rest[slash...]).trimmingCharacters(in: .whitespaces)
        }
        guard port > 0, !links.isEmpty else { throw HTTPRequests.Failure(description: "no links on the screen:\n\(screen)") }
        return (port, links)
    }

    /// What the white cell's command prints (nil if the prompt did not come back).
    func command(_ line: String, seconds: Double = 60) throws -> String? {
        try terminal.enter(line, prompt: ">", seconds: seconds)
    }

    func get(_ path: String) throws -> HTTPResponse { try HTTPRequests.get(port, path) }

    /// A team's order through its link, as the page's form posts it.
    func order(_ team: String, _ text: String, turn: Int) throws -> HTTPResponse {
        try HTTPRequests.postForm(port, links[team]! + "/order", [("turn", "\(turn)"), ("order", text)])
    }

    /// The pid of the program the tmux pane's shell runs.
    var programPid: Int32? {
        let shell = ((try? terminal.tmux(["display", "-p", "-t", terminal.name, "#{pane_pid}"])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }
}
