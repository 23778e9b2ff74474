import Foundation

/// Plain HTTP/1.1 over a TCP socket to 127.0.0.1, for tests of the exercise server: whole
/// requests as a browser sends them, and the malformed, the huge and the many that a
/// browser would not. Every read has a deadline, so a test never hangs on a silent server.
struct HTTPResponse {
    var status: Int
    var headers: [String: String]
    var body: String
}

enum HTTPRequests {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// A connected socket to 127.0.0.1:`port`, reads timing out after `timeout` seconds.
    static func connect(_ port: Int, timeout: Double = 20) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw Failure(description: "connect to port \(port): errno \(errno)") }
        return fd
    }

    /// Sends all of `data`; false if the peer closed first.
    @discardableResult
    static func send(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = Foundation.send(fd, buf.baseAddress! + done, buf.count - done, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    /// Reads until the peer closes, the deadline passes or `until` holds for what came.
    static func receive(_ fd: Int32, until: ((Data) -> Bool)? = nil) -> Data {
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = recv(fd, &buf, buf.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buf[0..<n])
            if let until, until(data) { break }
        }
        return data
    }

    /// One request (`Connection: close`) and its whole response.
    static func request(_ port: Int, _ method: String, _ path: String, headers: [String: String] = [:],
                        body: String? = nil) throws -> HTTPResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
        return try raw(port, Data((head + "\r\n" + (body ?? "")).utf8))
    }

    static func get(_ port: Int, _ path: String) throws -> HTTPResponse { try request(port, "GET", path) }

    /// A form post, as the team's page sends its order.
    static func postForm(_ port: Int, _ path: String, _ fields: [(String, String)]) throws -> HTTPResponse {
        let allowed = CharacterSet.alphanumerics
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return try request(port, "POST", path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
    }

    /// Sends `bytes` as they are and parses what comes back.
    static func raw(_ port: Int, _ bytes: Data) throws -> HTTPResponse {
        let fd = try connect(port)
        defer { close(fd) }
        send(fd, bytes)
        return try parse(receive(fd, until: complete))
    }

    /// Whether `data` holds a whole response (by its length, or its last chunk): a server
    /// that keeps the connection open despite `Connection: close` (Chromium's) is not
    /// waited for until the deadline.
    static func complete(_ data: Data) -> Bool {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return false }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
        if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
           let n = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) {
            return data.count - end.upperBound >= n
        }
        if head.contains("transfer-encoding: chunked") { return data.suffix(5) == Data("0\r\n\r\n".utf8) }
        return false
    }

    static func parse(_ data: Data) throws -> HTTPResponse {
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw Failure(description: "no response (got \(data.count) bytes)") }
        let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
        let statusWords = lines[0].split(separator: " ")
        guard statusWords.count >= 2, let status = Int(statusWords[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for l in lines.dropFirst() {
            if let c = l.firstIndex(of: ":") {
                headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces)
            }
        }
        var body = String(text[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    static func dechunk(_ s: String) -> String {
        var out = "", rest = Substring(s)
        while let nl = rest.range(of: "\r\n"), let n = Int(rest[..<nl.lowerBound], radix: 16), n > 0 {
            let start = nl.upperBound
            let bytes = Array(rest[start...].utf8)
            guard bytes.count >= n else { out += String(decoding: bytes, as: UTF8.self); break }
            out += String(decoding: bytes[0..<n], as: UTF8.self)
            rest = Substring(String(decoding: bytes[n...], as: UTF8.self)).dropFirst(2)
        }
        return out
    }
}

/// An open server-sent events stream, read in the background: what has come so far.
final class EventStream: @unchecked Sendable {
    /// What the reading thread has received; the thread owns the socket and closes it.
    final class Received: @unchecked Sendable {
        let lock = NSLock()
        var data = Data()
        var closed = false
    }

    private let fd: Int32
    private let received = Received()

    init(port: Int, path: String) throws {
        let fd = try HTTPRequests.connect(port, timeout: 1)
        self.fd = fd
        HTTPRequests.send(fd, Data("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n".utf8))
        let received = self.received
        Thread {
            var buf = [UInt8](repeating: 0, count: 16384)
            while true {
                let n = recv(fd, &buf, buf.count, 0)
                if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { break }
                if n > 0 { received.lock.lock(); received.data.append(contentsOf: buf[0..<n]); received.lock.unlock() }
            }
            received.lock.lock()
            received.closed = true
            Foundation.close(fd)
            received.lock.unlock()
        }.start()
    }

    /// Closes the connection; the reading thread then ends.
    func close() {
        received.lock.lock(); defer { received.lock.unlock() }
        if !received.closed { shutdown(fd, Int32(SHUT_RDWR)) }
    }
    deinit { close() }

    var text: String {
        received.lock.lock(); defer { received.lock.unlock() }
        return String(decoding: received.data, as: UTF8.self)
    }

    /// Waits up to `seconds` for `needle` in what the stream has sent.
    func waitFor(_ needle: String, seconds: Double) -> Bool {
        ProcSignals.waitUntil(seconds: seconds) { text.contains(needle) }
    }
}
