import Foundation

/// Debian's Chromium, headless, driven through its DevTools protocol (a WebSocket to the
/// page, spoken here over a plain socket): the page's own JavaScript runs as in a person's
/// browser, and the test types into it (`Input.insertText`, an Enter key) and reads what it
/// shows (`Runtime.evaluate`). Each browser has its own profile directory and is killed
/// when the value goes.
final class DevToolsBrowser {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let process = Process()
    let profile: URL
    private var fd: Int32 = -1
    private var buffer = Data()
    private var nextID = 1

    /// Starts Chromium on `url` and connects to that page's DevTools socket.
    init(url: String, width: Int = 1000, height: Int = 900, limit: Double = 90) throws {
        guard FileManager.default.isExecutableFile(atPath: HeadlessChromium.path) else {
            throw Failure(description: "\(HeadlessChromium.path) is missing: install Debian's chromium (make test-deps)")
        }
        profile = try Programs.temporaryDirectory()
        process.executableURL = URL(fileURLWithPath: HeadlessChromium.path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)",
                             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", url]
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = profile.path
        process.environment = env
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        // Chromium writes the port it chose in its profile.
        let portFile = profile.appendingPathComponent("DevToolsActivePort").path
        var port: Int?
        _ = ProcSignals.waitUntil(seconds: limit) {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8))?.split(separator: "\n").first.flatMap { Int($0) }
            return port != nil
        }
        guard let port else { throw Failure(description: "Chromium gave no DevTools port in \(limit) s") }
        var socketPath: String?
        _ = ProcSignals.waitUntil(seconds: limit) {
            guard let list = try? HTTPRequests.get(port, "/json/list"),
                  let targets = try? JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [[String: Any]],
                  let page = targets.first(where: { $0["type"] as? String == "page" }),
                  let ws = page["webSocketDebuggerUrl"] as? String, let r = ws.range(of: "/devtools/") else { return false }
            socketPath = String(ws[r.lowerBound...])
            return true
        }
        guard let socketPath else { throw Failure(description: "Chromium listed no page") }
        fd = try HTTPRequests.connect(port, timeout: 30)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        HTTPRequests.send(fd, Data(("GET \(socketPath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8))
        let head = HTTPRequests.receive(fd) { $0.range(of: Data("\r\n\r\n".utf8)) != nil }
        guard let end = head.range(of: Data("\r\n\r\n".utf8)), String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else {
            throw Failure(description: "DevTools refused the WebSocket: \(String(decoding: head.prefix(200), as: UTF8.self))")
        }
        buffer = Data(head[end.upperBound...])
    }

    deinit {
        if fd >= 0 { close(fd) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: The protocol

    /// Calls `method`; returns its result, or throws its error.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        let message = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params])
        try sendFrame(message)
        while true {
            let data = try readMessage()
            guard let m = try JSONSerialization.jsonObject(with: data) as? [String: Any], m["id"] as? Int == id else { continue }
            if let error = m["error"] { throw Failure(description: "\(method): \(error)") }
            return m["result"] as? [String: Any] ?? [:]
        }
    }

    /// The value of `expression` in the page (awaited when it is a promise).
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let r = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let e = r["exceptionDetails"] { throw Failure(description: "the page's script failed: \(e)") }
        return (r["result"] as? [String: Any])?["value"]
    }

    /// The text the element `id` shows, or "" when there is none.
    func text(_ id: String) -> String {
        (try? evaluate("(document.getElementById('\(id)') || {}).innerText || ''")) as? String ?? ""
    }

    /// Polls the element `id` until its text contains `needle`.
    func waitForText(_ id: String, _ needle: String, seconds: Double) -> Bool {
        ProcSignals.waitUntil(seconds: seconds) { text(id).contains(needle) }
    }

    /// Types `text` into the focused element, as a keyboard does.
    func type(_ text: String) throws { try call("Input.insertText", ["text": text]) }

    /// Presses Enter.
    func pressEnter() throws {
        let key: [String: Any] = ["key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13]
        try call("Input.dispatchKeyEvent", key.merging(["type": "keyDown", "text": "\r"]) { $1 })
        try call("Input.dispatchKeyEvent", key.merging(["type": "keyUp"]) { $1 })
    }

    // MARK: WebSocket frames (RFC 6455): masked from the client, whole messages read

    private func sendFrame(_ payload: Data) throws {
        var frame = Data([0x81])
        let n = payload.count
        if n < 126 { frame.append(UInt8(n) | 0x80) }
        else if n < 65536 { frame.append(126 | 0x80); frame.append(contentsOf: [UInt8(n >> 8), UInt8(n & 0xFF)]) }
        else { frame.append(127 | 0x80); frame.append(contentsOf: (0..<8).reversed().map { UInt8((n >> ($0 * 8)) & 0xFF) }) }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame.append(contentsOf: mask)
        frame.append(contentsOf: payload.enumerated().map { $0.element ^ mask[$0.offset % 4] })
        guard HTTPRequests.send(fd, frame) else { throw Failure(description: "DevTools socket closed") }
    }

    private func read(_ n: Int) throws -> Data {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while buffer.count < n {
            let got = recv(fd, &chunk, chunk.count, 0)
            guard got > 0 else { throw Failure(description: "DevTools socket: nothing within the time limit (errno \(errno))") }
            buffer.append(contentsOf: chunk[0..<got])
        }
        let out = Data(buffer.prefix(n))
        buffer = Data(buffer.dropFirst(n))
        return out
    }

    private func readMessage() throws -> Data {
        var message = Data()
        while true {
            let h = try read(2)
            let fin = h[h.startIndex] & 0x80 != 0, opcode = h[h.startIndex] & 0x0F
            var n = Int(h[h.startIndex + 1] & 0x7F)
            if n == 126 { n = try read(2).reduce(0) { $0 << 8 | Int($1) } }
            else if n == 127 { n = try read(8).reduce(0) { $0 << 8 | Int($1) } }
            let payload = try read(n)
            switch opcode {
            case 0x8: throw Failure(description: "DevTools closed the WebSocket")
            case 0x9, 0xA: continue  // ping, pong: nothing to do for a short test
            default:
                message.append(payload)
                if fin { return message }
            }
        }
    }
}
