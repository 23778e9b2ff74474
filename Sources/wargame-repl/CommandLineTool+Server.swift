import Foundation
import WargameKit
import WargameServer

// Each team on its own device: the web server beside the white cell's REPL.
extension CommandLineTool {
    /// Starts the exercise's web server with the teams' secrets kept beside the journal, and
    /// prints the join links.
    static func startServer(_ session: ExerciseSession, address: String, port: Int) throws {
        let teams = session.exercise.definition.teams.map(\.name)
        let secretsPath = TeamSecrets.path(forJournal: session.journal.path)
        let secrets = try TeamSecrets.loadOrCreate(secretsPath, teams: teams)
        let server = try ExerciseServer.start(host: session, secrets: secrets, address: address, port: port)
        ExerciseSession.server = server
        ExerciseSession.linkHost = linkHost(forBinding: address)
        print("Serving the teams on \(address):\(server.port)" + (isLoopback(address) ? " (this machine only)" : " (reachable from the network: no TLS)")
              + "; links kept in \(secretsPath)")
        printLinks()
    }

    /// One join link per team; each holds that team's secret, so hand each to its team only.
    static func printLinks() {
        guard let server = ExerciseSession.server else {
            report("no web server: start wargame-repl with --serve [addr:]port")
            return
        }
        print("Join links (each team its own; whoever has a link plays that team):")
        for (team, url) in server.links(hostName: ExerciseSession.linkHost) { print("  \(team): \(url)") }
    }

    static func isLoopback(_ address: String) -> Bool {
        address == "localhost" || address.hasPrefix("127.") || address == "::1"
    }

    /// The host name the links give: the address bound, or for a wildcard (0.0.0.0, ::)
    /// this machine's first non-loopback IPv4 address, which the class can reach.
    static func linkHost(forBinding address: String) -> String {
        guard address == "0.0.0.0" || address == "::" else {
            return address.contains(":") ? "[\(address)]" : address
        }
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return "127.0.0.1" }
        defer { freeifaddrs(list) }
        var p: UnsafeMutablePointer<ifaddrs>? = first
        while let a = p {
            defer { p = a.pointee.ifa_next }
            guard let sa = a.pointee.ifa_addr, sa.pointee.sa_family == sa_family_t(AF_INET),
                  a.pointee.ifa_flags & UInt32(IFF_LOOPBACK) == 0 else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(sa, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
                return String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        return "127.0.0.1"
    }
}
