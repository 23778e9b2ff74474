import Foundation

/// Text files the REPL writes for other tools (`:export`, CSV for R or pandas), written as
/// saves are: atomically, replacing only a regular file, errors naming the file.
public enum TextExport {
    /// Writes `text` to `path` through ``AtomicFileWriter``; throws a ``FileError``.
    public static func write(_ text: String, to path: String) throws {
        try AtomicFileWriter.write(Data(text.utf8), to: path)
    }
}
