import CLua
import WargameKit

// Running a script given on the command line.
extension CommandLineTool {
    /// Runs a script file (or stdin for "-") with `args` as `...`.
    static func runScript(_ path: String, args: [String], state: LuaState) -> Bool {
        attempt(state) {
            try state.runFile(path == "-" ? nil : path, args: args.map { .string($0) })
        }
    }
}
