import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import WargameKit

/// The exercise's web server: each team plays from its own device through its join link
/// (`/team/SECRET`). It runs on Hummingbird's event loops beside the white cell's REPL, and
/// reads and changes the exercise only through its ``ExerciseHost`` (one lock, one journal).
///
/// A request without a team's secret gets nothing of any team; a team gets its own view and
/// never another team's orders; bad input (malformed, too large, too many) is refused in one
/// line with its status code and changes nothing.
public final class ExerciseServer: Sendable {
    /// Largest request body read (an order is a few words).
    public static let maxBody = 4096

    let host: any ExerciseHost
    let secrets: TeamSecrets
    let limiter: RateLimiter
    let events = TeamEvents()
    /// The port the server listens on (the real one when 0 was asked for).
    public let port: Int

    /// Starts listening on `address`:`port` (port 0: a free one) and returns once it
    /// listens; throws a one-line ``ServerError`` when it cannot.
    public static func start(host: any ExerciseHost, secrets: TeamSecrets, address: String, port: Int,
                             limiter: RateLimiter = RateLimiter(burst: 60, perSecond: 5)) throws -> ExerciseServer {
        let started = Started()
        let quiet = Logger(label: "wargame-server", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = ApplicationConfiguration(
            address: .hostname(address, port: port), serverName: nil, reuseAddress: true,
            availableConnectionsDelegate: MaximumAvailableConnections(256, logger: quiet))
        let slot = ServerSlot()
        let app = Application(responder: TeamResponder(slot: slot), configuration: configuration,
                              onServerRunning: { channel in started.finish(port: channel.localAddress?.port, error: nil) },
                              logger: quiet)
        Task.detached {
            do { try await app.run() } catch { started.finish(port: nil, error: error) }
        }
        let (bound, error) = started.wait()
        guard let bound else {
            let why = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? error.map { "\($0)" } ?? "the server stopped"
            throw ServerError("cannot serve on \(address):\(port): \(why)")
        }
        let server = ExerciseServer(host: host, secrets: secrets, limiter: limiter, port: bound)
        slot.set(server)
        host.onChange { [events = server.events] in events.broadcast(.changed) }
        return server
    }

    private init(host: any ExerciseHost, secrets: TeamSecrets, limiter: RateLimiter, port: Int) {
        self.host = host
        self.secrets = secrets
        self.limiter = limiter
        self.port = port
    }

    /// Each team's join link, in the exercise's order of teams, with `hostName` as the host.
    public func links(hostName: String) -> [(team: String, url: String)] {
        host.exercise.definition.teams.compactMap { t in
            secrets.byTeam[t.name].map { (t.name, "http://\(hostName):\(port)/team/\($0)") }
        }
    }

    /// Event streams open now.
    public var openStreams: Int { events.count }

    // MARK: Requests

    func respond(_ request: Request, client: String) async -> Response {
        let path = request.uri.path
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if parts.first == "assets", parts.count == 2 {
            guard limiter.allow("address " + client) else { return Self.tooMany() }
            guard let asset = TeamPage.assets[String(parts.last!)] else { return Self.text(.notFound, "no such file") }
            guard request.method == .get else { return Self.notAllowed("GET") }
            return Self.body(.ok, asset.type, asset.body)
        }
        guard parts.first == "team", parts.count >= 2, parts.count <= 3 else {
            guard limiter.allow("address " + client) else { return Self.tooMany() }
            return Self.text(.notFound, "nothing here: open the link the white cell gave your team")
        }
        let team = secrets.team(for: parts[parts.startIndex + 1])
        guard limiter.allow(team.map { "team " + $0 } ?? "address " + client) else { return Self.tooMany() }
        guard let team else {
            return Self.text(.notFound, "no team has this link: check the link the white cell gave your team")
        }
        switch parts.count == 2 ? "" : String(parts.last!) {
        case "":
            guard request.method == .get else { return Self.notAllowed("GET") }
            var r = Self.body(.ok, "text/html; charset=utf-8", TeamPage.html)
            r.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
            return r
        case "state":
            guard request.method == .get else { return Self.notAllowed("GET") }
            return Self.body(.ok, "application/json", stateJSON(team))
        case "events":
            guard request.method == .get else { return Self.notAllowed("GET") }
            return stream(team)
        case "order":
            guard request.method == .post else { return Self.notAllowed("POST") }
            return await order(request, team: team)
        default:
            return Self.text(.notFound, "no such page for a team (its page, state, events, order)")
        }
    }

    func stateJSON(_ team: String) -> String {
        guard let state = TeamState(host.exercise, team: team) else { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(state)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Server-sent events: the team's state now, then again after every change.
    func stream(_ team: String) -> Response {
        guard let (id, signals) = events.subscribe(team) else {
            return Self.text(.tooManyRequests, "too many open streams for team \(team): close some of its pages")
        }
        var headers = Self.commonHeaders
        headers[.contentType] = "text/event-stream; charset=utf-8"
        let body = ResponseBody { [self] writer in
            defer { events.unsubscribe(id) }
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n" + event(team)))
            for await signal in signals {
                switch signal {
                case .changed: try await writer.write(ByteBuffer(string: event(team)))
                case .ping: try await writer.write(ByteBuffer(string: ": ping\n\n"))
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    private func event(_ team: String) -> String { "event: state\ndata: \(stateJSON(team))\n\n" }

    /// A team's order: a form with the turn it is for and the order as typed; journalled
    /// through the host exactly as a hot-seat order.
    func order(_ request: Request, team: String) async -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxBody {
            return Self.text(.contentTooLarge, "request too large (\(length) bytes; at most \(Self.maxBody))")
        }
        let data: ByteBuffer
        do {
            data = try await request.body.collect(upTo: Self.maxBody)
        } catch is NIOTooManyBytesError {
            return Self.text(.contentTooLarge, "request too large (at most \(Self.maxBody) bytes)")
        } catch {
            return Self.text(.badRequest, "malformed request: its body could not be read")
        }
        let malformed = "malformed order: send a form (application/x-www-form-urlencoded) with the fields turn and order"
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true,
              let fields = Self.formFields(String(buffer: data)),
              let turnText = fields["turn"], let turn = Int(turnText), let text = fields["order"] else {
            return Self.text(.badRequest, malformed)
        }
        let move = text.trimmingCharacters(in: .whitespaces)
        do {
            try host.submit(ExerciseJournalEntry(kind: .order, turn: turn, team: team, move: move)) { e in
                guard turn == e.openTurnNumber else {
                    throw ExerciseError("order refused: turn \(turn) is no longer open (turn \(e.openTurnNumber) is)")
                }
            }
        } catch let error as ExerciseError {
            return Self.text(.unprocessableContent, error.message)
        } catch {
            return Self.text(.internalServerError, "\(error)")
        }
        // Said back as the engine recorded it: a policy order as listed, a ladder move as the move.
        let view = host.exercise.view(team: team)
        let typed = move.split(separator: " ").joined(separator: " ").lowercased()
        let given = view?.policyOrders.last { $0.lowercased() == typed }
            ?? (typed == "clear" ? "clear (this turn's orders withdrawn)" : view?.order.map { "\($0)" } ?? move)
        return Self.text(.ok, "order recorded for turn \(turn): \(given)")
    }

    /// The fields of a URL-encoded form; nil when it is not one (bad escapes, not UTF-8,
    /// a field twice).
    static func formFields(_ body: String) -> [String: String]? {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String? { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let k = decode(kv[0]), let v = decode(kv.count > 1 ? kv[1] : ""), fields[k] == nil else { return nil }
            fields[k] = v
        }
        return fields
    }

    // MARK: Responses

    static let commonHeaders: HTTPFields = [
        .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff",
        .init("Referrer-Policy")!: "no-referrer", .init("X-Frame-Options")!: "DENY",
    ]

    static func body(_ status: HTTPResponse.Status, _ type: String, _ text: String) -> Response {
        var headers = commonHeaders
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A one-line answer: every refusal is one of these.
    static func text(_ status: HTTPResponse.Status, _ line: String) -> Response {
        body(status, "text/plain; charset=utf-8", line + "\n")
    }

    static func notAllowed(_ allow: String) -> Response {
        var r = text(.methodNotAllowed, "method not allowed here (allowed: \(allow))")
        r.headers[.allow] = allow
        return r
    }

    static func tooMany() -> Response {
        var r = text(.tooManyRequests, "too many requests: wait a few seconds")
        r.headers[.retryAfter] = "5"
        return r
    }
}

/// The request context: Hummingbird's, plus the client's address for the rate limit.
struct TeamRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let client: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Hands each request to the server once it is made (the application starts first, so that
/// the real port is known).
struct TeamResponder: HTTPResponder {
    typealias Context = TeamRequestContext
    let slot: ServerSlot

    func respond(to request: Request, context: TeamRequestContext) async throws -> Response {
        guard let server = slot.server else { return ExerciseServer.text(.serviceUnavailable, "starting: try again") }
        return await server.respond(request, client: context.client)
    }
}

/// The server once it exists, set once after the listener is up.
final class ServerSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var _server: ExerciseServer?

    var server: ExerciseServer? { lock.lock(); defer { lock.unlock() }; return _server }
    func set(_ s: ExerciseServer) { lock.lock(); _server = s; lock.unlock() }
}

/// The listener's start, awaited by the thread that starts it.
final class Started: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var port: Int?
    private var error: (any Error)?
    private var finished = false

    func finish(port: Int?, error: (any Error)?) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        self.port = port
        self.error = error
        done.signal()
    }

    func wait() -> (Int?, (any Error)?) {
        done.wait()
        lock.lock(); defer { lock.unlock() }
        return (port, error)
    }
}
