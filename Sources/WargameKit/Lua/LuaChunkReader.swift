import CLua

extension LuaState {
    /// What an interactive line compiled to.
    public enum InteractiveChunk: Sendable, Equatable {
        /// An expression: running it returns values to print.
        case expression
        /// A statement.
        case statement
    }

    /// Compiles REPL input as lua.c does: first as `return <input>` (so an expression
    /// prints its value), then as a statement. Pushes the chunk on success. Throws
    /// ``LuaError/incomplete(_:)`` when the input ends early and another line may finish it.
    public func loadInteractive(_ source: String, name: String = "=stdin") throws(LuaError) -> InteractiveChunk {
        do {
            try load("return " + source + ";", name: name, mode: "t")
            return .expression
        } catch .memory(let m) {
            throw .memory(m)
        } catch {
            try load(source, name: name, mode: "t")
            return .statement
        }
    }
}
