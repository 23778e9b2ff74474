import Foundation
import WargameKit

// Modes for authors of scenario scripts.
extension CommandLineTool {
    /// Runs a mode of ``AuthoringOptions`` when one was asked for: its exit status, or nil.
    static func runAuthoringMode(_ o: Options) -> Int32? {
        guard o.authoring.check else { return nil }
        let files = (o.script.map { [$0] } ?? []) + o.scriptArgs
        guard !files.isEmpty else {
            report("'--check' needs at least one file")
            return 1
        }
        return check(files)
    }

    /// `--check`: each file in its own sandbox, one line a problem on standard output.
    static func check(_ files: [String]) -> Int32 {
        var failed = 0
        for file in files {
            let r = ScriptCheck.check(file)
            for line in r.lines { print(line) }
            if !r.ok { failed += 1 }
        }
        if failed > 0 && files.count > 1 {
            FileHandle.standardError.write(Data("\(progname): \(failed) of \(files.count) files have problems\n".utf8))
        }
        return failed > 0 ? 1 : 0
    }
}
