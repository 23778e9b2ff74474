import Foundation
import Testing

/// The exercise's web server with plain HTTP requests against a real `wargame-repl
/// --exercise ... --serve 127.0.0.1:0`, whose white cell is typed in tmux: what a team gets
/// with its link, what a request without it gets (nothing), and the refusals of bad input,
/// after which the exercise answers as before.
@Suite(.serialized) struct ExerciseServerHTTPTests {
    static func start(_ dir: URL) throws -> ServedExercise {
        let journal = dir.appendingPathComponent("j.jsonl").path
        return try ServedExercise(["--exercise", ServedExercise.baltic, "--journal", journal, "--serve", "127.0.0.1:0"])
    }

    @Test func aTeamGetsItsOwnPageAndViewWithItsLinkAndNothingWithout() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = try Self.start(dir)
        let blue = x.links["Blue"]!, red = x.links["Red"]!
        #expect(blue != red)
        // 128 bits or more: 32 hex digits at least.
        #expect(blue.split(separator: "/").last!.count >= 32 && red.split(separator: "/").last!.count >= 32)

        let page = try x.get(blue)
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.body.contains("/assets/team.js") && page.body.contains("order-form"))
        #expect(!page.body.contains("http://") && !page.body.contains("https://"))  // nothing from elsewhere
        let js = try x.get("/assets/team.js")
        #expect(js.status == 200 && js.body.contains("EventSource"))
        #expect(!js.body.contains("http://") && !js.body.contains("https://"))

        let blueState = try x.get(blue + "/state")
        #expect(blueState.status == 200)
        #expect(blueState.body.contains("Washington's guidance"))         // its private briefing
        #expect(blueState.body.contains("The Security Council"))          // Red's public one
        #expect(!blueState.body.contains("Kremlin"))                      // never Red's private one
        let redState = try x.get(red + "/state")
        #expect(redState.body.contains("Kremlin") && !redState.body.contains("Washington"))

        // No secret, a wrong one, one a digit off: nothing of any team.
        let secret = String(blue.split(separator: "/").last!)
        let offByOne = "/team/" + secret.dropLast() + (secret.last == "0" ? "1" : "0")
        for path in ["/", "/team", "/team/", "/state", "/team//state", "/team/0123456789abcdef0123456789abcdef/state",
                     offByOne, offByOne + "/state", offByOne + "/events", "/team/\(secret)x/state"] {
            let r = try x.get(path)
            #expect(r.status == 404, "\(path): \(r.status)")
            #expect(!r.body.contains("Washington") && !r.body.contains("Kremlin") && !r.body.contains("Blue"), "\(path)")
            #expect(r.body.split(separator: "\n").count == 1, "\(path): one line")
        }
        let wrongOrder = try HTTPRequests.postForm(x.port, offByOne + "/order", [("turn", "1"), ("order", "hold")])
        #expect(wrongOrder.status == 404)
        #expect(try x.command(":orders")?.contains("team Blue (NATO): waiting") == true)

        // The wrong method: 405 and what is allowed.
        let delete = try HTTPRequests.request(x.port, "DELETE", blue + "/state")
        #expect(delete.status == 405 && delete.headers["allow"] == "GET")
        let getOrder = try x.get(blue + "/order")
        #expect(getOrder.status == 405 && getOrder.headers["allow"] == "POST")

        // :links prints the same links again.
        let again = try x.command(":links") ?? ""
        #expect(again.contains(blue) && again.contains(red))
        #expect(x.terminal.leaveWithCtrlD() == 0)
    }

    @Test func aBadOrderIsRefusedWithItsReasonAndTheExerciseIsUnchanged() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = try Self.start(dir)
        let before = try x.command(":orders") ?? ""
        #expect(before.contains("team Blue (NATO): waiting"))

        let unknown = try x.order("Blue", "launch everything", turn: 1)
        #expect(unknown.status == 422)
        #expect(unknown.body.contains("order refused: unknown move 'launch everything'"))
        let offLadder = try x.order("Blue", "rung 99", turn: 1)
        #expect(offLadder.status == 422 && offLadder.body.contains("'rung N' needs a rung from 0 to"))
        let staleTurn = try x.order("Blue", "hold", turn: 5)
        #expect(staleTurn.status == 422 && staleTurn.body.contains("turn 5 is no longer open"))
        let tooLong = try x.order("Blue", String(repeating: "x", count: 300), turn: 1)
        #expect(tooLong.status == 422 && tooLong.body.contains("too long"))
        for r in [unknown, offLadder, staleTurn, tooLong] { #expect(r.body.split(separator: "\n").count == 1) }

        #expect(try x.command(":orders") == before)
        let journal = try String(contentsOf: dir.appendingPathComponent("j.jsonl"), encoding: .utf8)
        #expect(!journal.contains("\"order\""))  // a refusal writes nothing

        let good = try x.order("Blue", "hold", turn: 1)
        #expect(good.status == 200 && good.body.contains("order recorded for turn 1: hold"))
        #expect(try x.command(":orders")?.contains("team Blue (NATO): ordered") == true)
        #expect(try String(contentsOf: dir.appendingPathComponent("j.jsonl"), encoding: .utf8).contains("\"kind\":\"order\""))
        #expect(x.terminal.leaveWithCtrlD() == 0)
    }

    @Test func malformedHugeAndFloodingRequestsAreRefusedAndTheExerciseGoesOn() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = try Self.start(dir)
        let blue = x.links["Blue"]!, red = x.links["Red"]!
        _ = try x.order("Red", "escalate", turn: 1)
        let before = try x.command(":orders") ?? ""
        #expect(before.contains("team Red (Russia): ordered"))

        // Not HTTP at all: refused (or the connection closed), and the server still answers.
        let garbage = try? HTTPRequests.raw(x.port, Data("THIS IS NOT HTTP\r\n\u{1}\u{2}\r\n\r\n".utf8))
        #expect(garbage == nil || garbage!.status == 400)
        // Not a form, a bad escape, a field missing, no turn number: 400 and one line.
        let notForm = try HTTPRequests.request(x.port, "POST", blue + "/order", headers: ["Content-Type": "application/json"],
                                               body: "{\"order\":\"hold\"}")
        #expect(notForm.status == 400 && notForm.body.contains("malformed order"))
        for body in ["turn=1&order=%ZZ", "order=hold", "turn=one&order=hold", "turn=1&order=hold&order=escalate"] {
            let r = try HTTPRequests.request(x.port, "POST", blue + "/order",
                                             headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
            #expect(r.status == 400, "\(body): \(r.status)")
            #expect(r.body.split(separator: "\n").count == 1)
        }
        // A huge body: announced, and sent without announcing it (chunked).
        let fd = try HTTPRequests.connect(x.port)
        HTTPRequests.send(fd, Data(("POST \(blue)/order HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                    + "Content-Length: 10000000\r\n\r\n" + String(repeating: "a", count: 65536)).utf8))
        let huge = try HTTPRequests.parse(HTTPRequests.receive(fd) { $0.range(of: Data("\r\n\r\n".utf8)) != nil })
        close(fd)
        #expect(huge.status == 413)
        let chunk = String(repeating: "b", count: 8192)
        let chunked = try HTTPRequests.raw(x.port, Data(("POST \(blue)/order HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                          + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                          + "2000\r\n\(chunk)\r\n0\r\n\r\n").utf8))
        #expect(chunked.status == 413)

        // A flood from one team's link: refused (429) before long; the other team and the
        // white cell are not.
        var statuses: [Int] = []
        for _ in 0..<300 { statuses.append((try? x.get(red + "/state"))?.status ?? 0) }
        #expect(statuses.first == 200)
        #expect(statuses.contains(429))
        #expect(Set(statuses).isSubset(of: [200, 429]))
        let flooded = try x.get(red + "/state")
        if flooded.status == 429 { #expect(flooded.body.contains("too many requests")) }
        #expect(try x.get(blue + "/state").status == 200)
        // A flood of wrong links from one address is refused too.
        var wrong: [Int] = []
        for i in 0..<300 { wrong.append((try? x.get("/team/\(String(format: "%032x", i))"))?.status ?? 0) }
        #expect(wrong.first == 404 && wrong.contains(429))

        #expect(try x.command(":orders") == before)
        // Red's bucket refills: its link works again.
        #expect(ProcSignals.waitUntil(seconds: 60) { (try? x.get(red + "/state"))?.status == 200 })
        #expect(x.terminal.leaveWithCtrlD() == 0)
    }

    @Test func ordersStayHiddenUntilTheTurnResolvesAndEventsBringTheOutcome() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = try Self.start(dir)
        let blueEvents = try EventStream(port: x.port, path: x.links["Blue"]! + "/events")
        let redEvents = try EventStream(port: x.port, path: x.links["Red"]! + "/events")
        #expect(blueEvents.waitFor("event: state", seconds: 30) && redEvents.waitFor("event: state", seconds: 30))
        #expect(blueEvents.text.contains("text/event-stream"))

        #expect(try x.order("Blue", "rung 4", turn: 1).status == 200)
        #expect(blueEvents.waitFor("\"order\":\"rung 4\"", seconds: 30))  // its own order, on its own stream
        let red = try x.get(x.links["Red"]! + "/state").body
        #expect(red.contains("\"order\":null") || !red.contains("\"order\""))
        #expect(!red.contains("rung 4") && !redEvents.text.contains("rung 4"))
        // No way to ask for another team's order: its own link only.
        #expect(try x.get(x.links["Red"]! + "/state?team=Blue").body == red)

        let proposal = try x.command(":resolve") ?? ""
        #expect(proposal.contains("NATO: rung 4 (team)"))
        #expect(redEvents.waitFor("being adjudicated", seconds: 30))
        #expect(!redEvents.text.contains("rung 4"))   // the proposal is the white cell's
        let outcome = try x.command(":accept") ?? ""
        #expect(outcome.contains("Turn 1 adjudicated: NATO rung 4"))
        // The outcome reaches both teams without asking.
        #expect(redEvents.waitFor("NATO rung 4", seconds: 30))
        #expect(blueEvents.waitFor("NATO rung 4", seconds: 30))
        #expect(redEvents.text.contains("\"kind\":\"outcome\""))
        blueEvents.close()
        redEvents.close()
        #expect(x.terminal.leaveWithCtrlD() == 0)
    }

    @Test func ordersFromTeamsAtOnceAreEachJournalledOnce() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = try Self.start(dir)
        // Two teams order at the same time, 30 orders each (half the rate limit's burst).
        let moves = ["hold", "escalate", "deescalate", "rung 2"]
        let accepted = NSLock()
        nonisolated(unsafe) var ok = 0
        let port = x.port, links = x.links
        DispatchQueue.concurrentPerform(iterations: 60) { i in
            let link = links[i % 2 == 0 ? "Blue" : "Red"]! + "/order"
            if (try? HTTPRequests.postForm(port, link, [("turn", "1"), ("order", moves[i % moves.count])]))?.status == 200 {
                accepted.lock(); ok += 1; accepted.unlock()
            }
        }
        #expect(ok == 60)
        #expect(try x.command(":orders")?.contains("team Red (Russia): ordered") == true)
        let lines = try String(contentsOf: dir.appendingPathComponent("j.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.filter { $0.contains("\"kind\":\"order\"") }.count == 60)
        // The journal replays to what the teams see now.
        let blue = try x.get(x.links["Blue"]! + "/state").body
        #expect(x.terminal.leaveWithCtrlD() == 0)
        let y = try ServedExercise(["--resume", dir.appendingPathComponent("j.jsonl").path, "--serve", "127.0.0.1:0"])
        #expect(try y.get(y.links["Blue"]! + "/state").body == blue)
        #expect(y.terminal.leaveWithCtrlD() == 0)
    }

    @Test func serveNeedsAnExerciseAndAPort() throws {
        let alone = try Programs.repl(["--serve", "0"])
        #expect(alone.status == 1 && alone.stderr.contains("--serve needs an exercise"))
        let bad = try Programs.repl(["--exercise", ServedExercise.baltic, "--serve", "127.0.0.1:99999"])
        #expect(bad.status != 0 && bad.stderr.contains("'--serve' needs [address:]port"))
    }

    @Test func aPortInUseIsSaidInOneLineAndTheJournalKept() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Another program listens on the port already.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let journal = dir.appendingPathComponent("j.jsonl").path
        let r = try Programs.repl(["--exercise", ServedExercise.baltic, "--journal", journal, "--serve", "127.0.0.1:\(port)"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot serve on 127.0.0.1:\(port)"))
        #expect(r.stderr.contains("--resume \(journal) --serve"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(FileManager.default.fileExists(atPath: journal))
    }
}
