import Foundation
import WargameKit
import WargameServer

// Running a classroom exercise: the REPL is the white cell's, in a sandboxed state.
extension CommandLineTool {
    /// Runs an exercise when ``ExerciseOptions`` asks for one: its exit status, or nil.
    static func runExerciseMode(_ o: Options) -> Int32? {
        guard o.exercise.requested else {
            guard o.exercise.serve == nil else {
                report("--serve needs an exercise: --exercise FILE or --resume JOURNAL")
                return 1
            }
            return nil
        }
        let session: ExerciseSession
        do {
            session = try openExercise(o.exercise)
        } catch {
            report("\(error)")
            return 1
        }
        ExerciseSession.current = session
        let state: LuaState
        do {
            state = try Sandbox.makeState()
        } catch {
            report("cannot create state: \(error.message)")
            return 1
        }
        Interrupts.install()
        let e = session.exercise
        print("\(e.definition.name): white cell (journal \(session.journal.path)); :help lists the commands")
        print(e.statusText)
        if let serve = o.exercise.serve {
            do {
                try startServer(session, address: serve.address, port: serve.port)
            } catch {
                report("\(error) (the journal is kept: wargame-repl --resume \(session.journal.path) --serve [addr:]port)")
                return 1
            }
        }
        var repl = REPL(state: state, terminal: isatty(0) != 0, environment: ProcessInfo.processInfo.environment)
        repl.run()
        return 0
    }

    /// Loads the exercise file, or rebuilds it from a journal, and opens the journal.
    static func openExercise(_ o: ExerciseOptions) throws -> ExerciseSession {
        if let path = o.resume {
            if o.file != nil || o.journal != nil {
                throw ExerciseError("--resume takes the exercise file and the journal from the journal")
            }
            let entries = try ExerciseJournal.read(path)
            var exercise = try ExerciseLoader.load(entries[0].file!)
            for (i, e) in entries.enumerated() {
                do { try exercise.apply(e) } catch { throw ExerciseError("\(path): line \(i + 1): \(error)") }
            }
            try ExerciseJournal.dropPartialLine(path)
            return ExerciseSession(exercise: exercise, journal: try ExerciseJournal(path: path))
        }
        let file = URL(fileURLWithPath: o.file!).standardized.path
        let exercise = try ExerciseLoader.load(file)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let journalPath = o.journal ?? "exercise-\(stamp).jsonl"
        if let size = (try? FileManager.default.attributesOfItem(atPath: journalPath))?[.size] as? Int, size > 0 {
            throw ExerciseError("\(journalPath): the journal exists already (use --resume \(journalPath), or another --journal)")
        }
        let journal = try ExerciseJournal(path: journalPath)
        try journal.append(ExerciseJournalEntry(kind: .start, turn: exercise.openTurnNumber, file: file, text: exercise.definition.name))
        return ExerciseSession(exercise: exercise, journal: journal)
    }
}
