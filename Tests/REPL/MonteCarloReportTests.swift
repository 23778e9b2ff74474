import Foundation
import Testing
@testable import WargameKit

/// `sm:report(file)` as a person sees it: rendered by headless Chromium (Debian's
/// `chromium`, installed by `make deps`) in a 1280 px wide window, nothing may reach past
/// the window's edge or outside its chart, and the page needs no network.
@Suite struct MonteCarloReportTests {
    /// Runs headless Chromium on `url` with `arguments`; its standard output.
    static func chromium(_ arguments: [String], profile: URL) throws -> Programs.Result {
        let command = (["timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--user-data-dir=\(profile.path)"] + arguments).map(Programs.shellQuoted).joined(separator: " ")
        return try Programs.run("/bin/sh", ["-c", command])
    }

    @Test func reportRendersUnclippedAt1280Pixels() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("mc.html")
        let lua = try LuaState()
        WargameModule.install(in: lua)
        _ = try lua.run("""
            local sm = wg.montecarlo{ script = '\(Programs.defaultScenario)', args = { china = true }, runs = 200, turns = 25, seed = 3 }
            sm:report('\(report.path)')
            """)
        let html = try String(contentsOf: report, encoding: .utf8)
        // Self-contained: nothing fetched (the SVG namespace is a name, not a request).
        for fetch in ["<script", "<link", "src=", "url(", "https://", "@import"] { #expect(!html.contains(fetch), "\(fetch)") }
        for label in ["share of runs", "highest rung (0-based)", "% of annual GDP, cumulative", "95%", "turn_limit", "nuclear_war"] {
            #expect(html.contains(label), "\(label)")
        }

        // Layout measured in the browser: the page in a 1280 px frame, read back through the DOM.
        let probe = dir.appendingPathComponent("probe.html")
        try """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="mc.html" style="width:1280px;height:4000px;border:0"></iframe>
            <script>
            document.getElementById('f').onload = function () {
              var d = this.contentDocument, right = 0, clipped = 0, texts = 0;
              d.querySelectorAll('body *').forEach(function (e) { right = Math.max(right, e.getBoundingClientRect().right); });
              d.querySelectorAll('svg').forEach(function (s) {
                var vb = s.viewBox.baseVal;
                s.querySelectorAll('text').forEach(function (t) {
                  var b = t.getBBox(); texts++;
                  if (b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height) clipped++;
                });
              });
              var p = document.createElement('pre');
              p.textContent = 'MEASURED scrollWidth=' + d.documentElement.scrollWidth + ' right=' + Math.ceil(right) +
                ' svgs=' + d.querySelectorAll('svg').length + ' texts=' + texts + ' clipped=' + clipped + ' END';
              document.body.appendChild(p);
            };
            </script></body></html>
            """.write(to: probe, atomically: true, encoding: .utf8)
        let profile = dir.appendingPathComponent("profile")
        let dom = try Self.chromium(["--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", probe.absoluteString],
                                    profile: profile)
        let measured = dom.stdout.range(of: "<pre>MEASURED ").flatMap { r in dom.stdout[r.upperBound...].range(of: " END").map { dom.stdout[r.upperBound..<$0.lowerBound] } }
        #expect(measured != nil, "chromium: \(dom.status) \(dom.stderr.suffix(2000))")
        var figures: [String: Int] = [:]
        for pair in (measured ?? "").split(separator: " ") {
            let kv = pair.split(separator: "=")
            if kv.count == 2, let v = Int(kv[1]) { figures[String(kv[0])] = v }
        }
        #expect((figures["scrollWidth"] ?? .max) <= 1280, "\(figures)")
        #expect((figures["right"] ?? .max) <= 1280, "\(figures)")
        #expect(figures["svgs"] == 2, "\(figures)")
        #expect((figures["texts"] ?? 0) > 20, "\(figures)")  // tick labels, names, counts
        #expect(figures["clipped"] == 0, "\(figures)")

        // A screenshot as a person sees it: a PNG 1280 px wide.
        let png = dir.appendingPathComponent("mc.png")
        let shot = try Self.chromium(["--window-size=1280,1600", "--screenshot=\(png.path)", report.absoluteString], profile: profile)
        let bytes = [UInt8]((try? Data(contentsOf: png)) ?? Data())
        #expect(bytes.count > 10_000, "chromium: \(shot.status) \(shot.stderr.suffix(2000))")
        if bytes.count > 24 {
            #expect(Array(bytes[1...3]) == Array("PNG".utf8))
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 1280)
        }
    }
}
