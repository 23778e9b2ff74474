import WargameKit

// Meta-commands of a classroom exercise's white cell: Swift, since they drive the
// exercise engine (not Lua) and, for :hotseat, the terminal.
extension MetaCommands {
    static let exerciseBodies: [String: String] = [:]
    static let exerciseNative: [String: Native] = [
        ":orders": { _, _ in withExercise { print($0.exercise.statusText) } },
        ":teams": { _, _ in
            withExercise { s in
                for t in s.exercise.definition.teams { print("\(t.name) (\(t.side)): \(t.publicBriefing)") }
            }
        },
        ":hotseat": { words, _ in withExercise { ExerciseHotSeat.run($0, only: words.first) } },
        ":resolve": { _, _ in
            withExercise { s in
                guard s.perform(s.entry(.resolve)), let p = s.exercise.proposal else { return }
                print(Exercise.proposalText(p, ladder: s.exercise.scenario.ladder))
            }
        },
        ":accept": { _, _ in withExercise { s in if s.perform(s.entry(.accept)) { printOutcome(s) } } },
        ":override": { words, _ in
            withExercise { s in
                guard words.count == 3 else { return CommandLineTool.report("usage: :override side move reason") }
                var e = s.entry(.override)
                e.side = words[0]; e.move = words[1]; e.reason = words[2]
                if s.perform(e) { printOutcome(s) }
            }
        },
        ":inject": { words, _ in
            withExercise { s in
                guard words.count == 1 || words.count == 3 else {
                    return CommandLineTool.report("usage: :inject text [ally r]")
                }
                var e = s.entry(.inject)
                e.text = words[0]
                if words.count == 3 {
                    guard let r = Double(words[2]) else {
                        return CommandLineTool.report("usage: :inject text ally r (r a reliability from 0 to 1, got '\(words[2].prefix(40))')")
                    }
                    e.alliance = words[1]; e.reliability = r
                }
                if s.perform(e) { print("inject, turn \(s.exercise.openTurnNumber): \(words[0])") }
            }
        },
        ":pause": { _, _ in
            withExercise { s in
                var e = s.entry(.pause)
                e.paused = !s.exercise.paused
                if s.perform(e) { print(s.exercise.paused ? "exercise paused (:pause again resumes)" : "exercise resumed") }
            }
        },
        ":rewind-turn": { _, _ in
            withExercise { s in
                if s.perform(s.entry(.rewind)) { print("rewound: turn \(s.exercise.openTurnNumber) is open again") }
            }
        },
        ":debrief": { words, _ in
            withExercise { s in
                guard let file = words.first else { return print(s.exercise.debriefText) }
                do {
                    if file.lowercased().hasSuffix(".html") {
                        try ExerciseReport.write(s.exercise, to: file)
                        print("after-action report written to \(file)")
                        return
                    }
                    let text = file.hasSuffix(".json") ? try ExerciseDebrief(s.exercise).json() : s.exercise.debriefText + "\n"
                    try TextExport.write(text, to: file)
                    print("debrief written to \(file)")
                } catch {
                    CommandLineTool.report("\(error)")
                }
            }
        },
    ]

    /// Runs `body` on the exercise, or says there is none.
    private static func withExercise(_ body: (ExerciseSession) -> Void) -> Outcome {
        guard let s = ExerciseSession.current else {
            CommandLineTool.report("no exercise: start wargame-repl with --exercise FILE (or --resume JOURNAL)")
            return .proceed
        }
        body(s)
        return .proceed
    }

    /// The outcome of the turn just adjudicated, as everyone sees it.
    private static func printOutcome(_ s: ExerciseSession) {
        guard let r = s.exercise.records.last else { return }
        let ladder = s.exercise.scenario.ladder
        print("Turn \(r.turn) adjudicated: " + r.adjudicated.map { "\($0.side) \($0.move)" }.joined(separator: ", "))
        print("  rung \(ladder.name(r.previousRung)) → \(ladder.name(r.rung))")
        for e in r.events where e.kind != .turn { print("  \(e.kind.rawValue): \(e.text)") }
        if let e = r.ending { print("  the crisis ended: \(e.reason.rawValue) (\(e.why))") }
        print(s.exercise.statusText)
    }
}
