import Foundation

/// Debian's Chromium, headless, to look at a page as a person would: a screenshot, and
/// measurements of the laid-out page. Each call has its own profile directory, so runs in
/// parallel do not share a lock.
enum HeadlessChromium {
    static let path = "/usr/bin/chromium"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs Chromium with `arguments` plus the headless ones; returns its standard output.
    /// A run that takes longer than `limit` seconds is stopped (it should take a few).
    static func run(_ arguments: [String], width: Int, height: Int, limit: Double = 180) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(description: "\(path) is missing: install Debian's chromium (make deps)")
        }
        let profile = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                       "--hide-scrollbars", "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = profile.path  // Chromium writes caches under HOME
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try p.run()
        let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        guard p.terminationReason == .exit, p.terminationStatus == 0 else {
            throw Failure(description: "chromium \(arguments.last ?? "") ended with status \(p.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A screenshot of the top `width` × `height` of `file`.
    static func screenshot(_ file: URL, to png: URL, width: Int, height: Int) throws {
        _ = try run(["--screenshot=\(png.path)", file.absoluteString], width: width, height: height)
        guard FileManager.default.fileExists(atPath: png.path) else { throw Failure(description: "no screenshot written") }
    }

    /// Lays `file` out at `width` and runs `script` in it after load (a copy of the page
    /// gets it, so the file itself stays as written); `script` must put its result as
    /// text in an element with id `measure`. Returns that text.
    static func measure(_ file: URL, script: String, width: Int, height: Int) throws -> String {
        let html = try String(contentsOf: file, encoding: .utf8)
        guard let end = html.range(of: "</body>", options: .backwards) else { throw Failure(description: "no </body> in \(file.path)") }
        let copy = file.deletingLastPathComponent().appendingPathComponent("measured-" + file.lastPathComponent)
        try (html[..<end.lowerBound] + "<script>" + script + "</script>" + html[end.lowerBound...])
            .write(to: copy, atomically: true, encoding: .utf8)
        let dom = try run(["--dump-dom", copy.absoluteString], width: width, height: height)
        guard let open = dom.range(of: "<pre id=\"measure\">"),
              let close = dom.range(of: "</pre>", range: open.upperBound..<dom.endIndex) else {
            throw Failure(description: "the page gave no measurement")
        }
        return String(dom[open.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
