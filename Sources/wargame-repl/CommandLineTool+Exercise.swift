// Running a classroom exercise.
extension CommandLineTool {
    /// Runs an exercise when ``ExerciseOptions`` asks for one: its exit status, or nil.
    static func runExerciseMode(_ o: Options) -> Int32? { nil }
}
