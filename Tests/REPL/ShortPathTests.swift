import Foundation
import Testing

/// Saves and reports to one-character and directory-like paths (`s:save("a")`, `"."`,
/// `"./"`, `"~"`) once killed the process (SIGILL in Foundation's path splitting). Run in
/// a separate process, in a directory of its own: each save succeeds or is one error line,
/// and the process goes on.
@Suite struct ShortPathTests {
    @Test func oneCharacterAndDirectoryPathsNeverKillTheProcess() throws {
        let dir = try Programs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
            s = wg.scenario{ seed = 1 } s:side('A', {'USA'}) s:side('B', {'RUS'}) s:step()
            for _, p in ipairs{ 'a', '~', '.', './', '..', '/', 'b/' } do print('save', p, pcall(s.save, s, p)) end
            for _, p in ipairs{ 'r', 'x', '.', '/' } do print('report', p, pcall(s.report, s, p)) end
            print(wg.load('a').turn, wg.load('~').turn)
            """
        let r = try Programs.run(Programs.repl, ["-e", script], directory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            save\ta\ttrue
            save\t~\ttrue
            save\t.\tfalse\t.: is a directory
            save\t./\tfalse\t./: is a directory
            save\t..\tfalse\t..: is a directory
            save\t/\tfalse\t/: is a directory
            save\tb/\tfalse\tb/: no such directory
            report\tr\ttrue
            report\tx\ttrue
            report\t.\tfalse\t.: is a directory
            report\t/\tfalse\t/: is a directory
            1\t1

            """)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["a", "r", "x", "~"])  // and no temporary file left
    }
}
