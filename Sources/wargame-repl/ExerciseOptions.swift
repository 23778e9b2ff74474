/// Options that run a classroom exercise: the white cell's REPL.
struct ExerciseOptions: Equatable {
    /// `--exercise FILE`: the exercise file (Lua, loaded sandboxed).
    var file: String?
    /// `--journal FILE`: where orders and decisions are appended.
    var journal: String?
    /// `--resume JOURNAL`: rebuild the exercise from its journal and go on appending to it.
    var resume: String?

    var requested: Bool { file != nil || resume != nil }

    /// Lines of `--help`, each ending in a newline.
    static let usage = """
          --exercise FILE     run a classroom exercise (sandboxed): the REPL is the white
                              cell; :help lists its commands (:hotseat, :resolve, ...)
          --journal FILE      append the exercise's journal to FILE (one JSON object a
                              line; default: exercise-<time>.jsonl)
          --resume JOURNAL    rebuild an exercise from its journal and go on

        """

    /// Takes `flag` when it is one of these options; `value()` reads its argument.
    mutating func accept(_ flag: String, value: () throws -> String) throws -> Bool {
        switch flag {
        case "--exercise": file = try value(); return true
        case "--journal": journal = try value(); return true
        case "--resume": resume = try value(); return true
        default: return false
        }
    }
}
