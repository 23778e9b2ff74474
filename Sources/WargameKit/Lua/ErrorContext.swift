import Foundation

/// A script error as an author wants to read it: Lua's one-line message first (as lua(1)
/// prints it), then the line of the script it names with a caret under the culprit, then
/// the traceback's script frames by file:line, without the bridge's C frames.
///
/// Lua reports lines, not columns: the caret goes under the name the message mentions
/// (`local 'view'`, `field 'odds'`, `to 'side'`), else under the line's first character.
public enum ErrorContext {
    /// The whole report of `error`. `callback` is the failure of a policy or hook inside it
    /// (``LuaState/callbackFailure``): its traceback reaches down into the policy, which the
    /// outer one cannot, so it is used when the outer message carries the inner one.
    public static func format(_ error: LuaError, callback: LuaState.CallbackFailure? = nil) -> String {
        var out = error.message
        if let excerpt = sourceExcerpt(for: error.message) { out += "\n" + excerpt }
        var traceback = error.traceback
        if let callback, !callback.traceback.isEmpty, error.message.contains(callback.message) {
            traceback = callback.traceback
        }
        if let traceback {
            let frames = scriptFrames(traceback)
            if !frames.isEmpty { out += "\nstack traceback:\n" + frames.joined(separator: "\n") }
        }
        return out
    }

    /// The source line named by the innermost `file:line:` of `message` that is a readable
    /// file, numbered, with a caret line under it; nil when there is none.
    public static func sourceExcerpt(for message: String) -> String? {
        let first = String(message.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        for (file, line) in positions(in: first).reversed() {
            guard let text = sourceLine(file, line) else { continue }
            let number = String(line)
            let pad = String(repeating: " ", count: number.count)
            let column = caretColumn(in: text, message: first)
            // Tabs stay tabs, so the caret lines up with what the terminal shows.
            let lead = String(text.prefix(column).map { $0 == "\t" ? "\t" : " " })
            return "  \(number) | \(text)\n  \(pad) | \(lead)^"
        }
        return nil
    }

    /// Every `file:line:` in a message, in order (`x.lua:20: policy ... failed: x.lua:14: ...`).
    static func positions(in message: String) -> [(String, Int)] {
        var found: [(String, Int)] = []
        var start = message.startIndex
        // A position is a run without blanks or colons, a colon, digits and ": ".
        while let colon = message[start...].firstIndex(of: ":") {
            let before = message[message.startIndex..<colon]
            let fileStart = before.lastIndex(where: { $0 == " " || $0 == "\t" }).map { message.index(after: $0) } ?? message.startIndex
            let file = String(message[fileStart..<colon])
            let rest = message[message.index(after: colon)...]
            let digits = rest.prefix(while: \.isNumber)
            if !file.isEmpty, !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(":"), let n = Int(digits) {
                found.append((file, n))
            }
            start = message.index(after: colon)
        }
        return found
    }

    /// Line `n` of `file` (1-based), nil when the file cannot be read (a chunk typed at the
    /// prompt, a name Lua shortened with "...") or has fewer lines.
    static func sourceLine(_ file: String, _ n: Int) -> String? {
        guard n >= 1, !file.hasPrefix("..."), FileManager.default.isReadableFile(atPath: file),
              let data = try? BoundedFileReader.read(file, limit: ScenarioLimits.maxDataFileBytes) else { return nil }
        var lineNumber = 1, lineStart = data.startIndex
        for i in data.indices where data[i] == 0x0A {
            if lineNumber == n { return clean(data[lineStart..<i]) }
            lineNumber += 1
            lineStart = data.index(after: i)
        }
        return lineNumber == n && lineStart < data.endIndex ? clean(data[lineStart...]) : nil
    }

    private static func clean(_ bytes: Data) -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        if s.hasSuffix("\r") { s.removeLast() }
        return s
    }

    /// Where the caret goes: under the name the message blames, else the first non-blank.
    static func caretColumn(in line: String, message: String) -> Int {
        let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
        for marker in ["local '", "global '", "field '", "upvalue '", "method '", "constant '", " to '"] {
            guard let r = message.range(of: marker, options: .backwards) else { continue }
            let name = message[r.upperBound...].prefix(while: { $0 != "'" })
            guard !name.isEmpty, let at = word(String(name), in: line) else { continue }
            return at
        }
        return indent
    }

    /// The column of `name` as a whole identifier in `line` (`t` in `return t.x`, not the
    /// `t` of `return`).
    static func word(_ name: String, in line: String) -> Int? {
        let chars = Array(line), target = Array(name)
        func isIdentifier(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
        guard target.count <= chars.count else { return nil }
        for i in 0...(chars.count - target.count) where Array(chars[i..<(i + target.count)]) == target {
            let before = i > 0 ? chars[i - 1] : " ", after = i + target.count < chars.count ? chars[i + target.count] : " "
            if !isIdentifier(before) && !isIdentifier(after) { return i }
        }
        return nil
    }

    /// The frames of a Lua traceback that are script code: C frames (the bridge, the
    /// engine) and the host's own chunks (`=prompt`, `=:step`, `=(check)`) are left out.
    public static func scriptFrames(_ traceback: String) -> [String] {
        traceback.split(separator: "\n").compactMap { raw in
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("stack traceback:") || line.hasPrefix("[C]:") || line.hasPrefix("(...tail calls...)") { return nil }
            if line.hasPrefix(":") || line.hasPrefix("prompt:") || line.hasPrefix("(check)") { return nil }
            return "\t" + line
        }
    }
}
