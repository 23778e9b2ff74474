import CEditLine
import CLua
import Foundation
import WargameKit

/// The state Tab completes against; set by the REPL, read only on the main thread by the
/// completion callback (which a C caller cannot hand any context).
nonisolated(unsafe) var completionState: OpaquePointer?

/// libedit's attempted-completion callback. Returns a malloc'd, NULL-terminated array of
/// strdup'd strings, element 0 the common prefix of the rest (readline's convention), or
/// NULL when nothing matches. Touches Lua only through raw, non-raising calls.
func wargameComplete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
{
    wg_rl_no_default_completion()
    let word = text.map { String(cString: $0) } ?? ""
    let line = wg_rl_line_buffer().map { String(cString: $0) } ?? ""
    // `start` counts characters (libedit's wide characters), not bytes.
    let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(Int(max(start, 0)))))
    let matches: [String]
    if let L = completionState {
        matches = Completer.matches(for: word, before: before, L: L)
    } else {
        matches = []
    }
    wg_rl_set_append_character(matches.count == 1 && MetaCommands.isMetaCommand(word) ? 32 : 0)
    return Completer.cArray(matches)
}

enum Completer {
    static let keywords = ["and", "break", "do", "else", "elseif", "end", "false", "for", "function",
                           "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
                           "true", "until", "while"]

    /// Candidates for `word`, given the line `before` it.
    static func matches(for word: String, before: String, L: OpaquePointer) -> [String] {
        let lead = before.trimmingCharacters(in: .whitespaces)
        if lead.isEmpty && MetaCommands.isMetaCommand(word) {
            return MetaCommands.names.filter { $0.hasPrefix(word) }
        }
        if lead == ":help" {
            return APIReference.entries.map(\.name).filter { $0.hasPrefix(word) }
        }
        let words = lead.split(separator: " ", omittingEmptySubsequences: true)
        if let command = words.first.map(String.init), MetaCommands.isMetaCommand(command) {
            return argumentMatches(command: command, before: before, word: word, L: L)
        }
        return luaMatches(for: word, L: L)
    }

    /// Commands whose argument at this position (0-based) is a file name.
    static let fileArguments: [String: Int] = [":save": 0, ":load": 0, ":report": 0, ":source": 0, ":export": 1]
    /// Commands whose argument is one of a few words.
    static let wordArguments: [String: [String]] = [
        ":mode": OutputMode.allCases.map(\.rawValue), ":set": ["pager"], ":export": ["log", "series"],
    ]

    /// Completes a meta-command's argument: a file name after `:save`, `:load`, `:report`,
    /// `:source` and `:export what`; a mode after `:mode`; else the Lua names.
    static func argumentMatches(command: String, before: String, word: String, L: OpaquePointer) -> [String] {
        // The argument being typed: the text after the last blank, of which `word` is the end
        // (libedit breaks words at '/' and '-' too).
        let token = String(before.reversed().prefix(while: { $0 != " " && $0 != "\t" }).reversed()) + word
        let complete = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        let index = before.hasSuffix(" ") || before.hasSuffix("\t") ? complete - 1 : complete - 2
        if fileArguments[command] == index { return fileMatches(token: token, word: word) }
        if index == 0, let options = wordArguments[command] { return options.filter { $0.hasPrefix(word) } }
        return luaMatches(for: word, L: L)
    }

    /// Entries of the token's directory that start with its last component, each returned as
    /// the part that replaces `word` (directories end in `/`); hidden files only when asked.
    static func fileMatches(token: String, word: String) -> [String] {
        let slash = token.lastIndex(of: "/")
        let dir = slash.map { String(token[...$0]) } ?? ""
        let prefix = slash.map { String(token[token.index(after: $0)...]) } ?? token
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return [] }
        let cut = token.count - word.count
        return names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.sorted().map { name in
            var isDir: ObjCBool = false
            let full = dir + name
            let shown = FileManager.default.fileExists(atPath: full, isDirectory: &isDir) && isDir.boolValue ? full + "/" : full
            return String(shown.dropFirst(cut))
        }
    }

    static func isName(_ s: Substring) -> Bool {
        guard let f = s.first, f == "_" || (f.isASCII && f.isLetter) else { return false }
        return s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// `a.b.par` / `a.b:par` / `par`: keys of the value the plain dotted name before the last
    /// `.` or `:` names, found without calling anything.
    static func luaMatches(for word: String, L: OpaquePointer) -> [String] {
        let sep = word.lastIndex(where: { $0 == "." || $0 == ":" })
        let base = sep.map { word[..<$0] } ?? ""
        let partial = sep.map { word[word.index(after: $0)...] } ?? Substring(word)
        let path = base.split(separator: ".", omittingEmptySubsequences: false)
        guard base.isEmpty || path.allSatisfy(isName) else { return [] }
        if let sep, word[sep] == ":", base.contains(":") { return [] }
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_checkstack(L, 40) != 0 else { return [] }
        lua_pushglobaltable(L)
        for component in path where !base.isEmpty {
            guard lookup(L, String(component)) else { return [] }
        }
        var keys = Set<String>()
        collectKeys(L, at: lua_gettop(L), into: &keys, depth: 0)
        if base.isEmpty { keys.formUnion(keywords) }
        let prefix = sep.map { String(word[...$0]) } ?? ""
        return keys.filter { $0.hasPrefix(partial) && (!$0.hasPrefix("__") || partial.hasPrefix("__")) }
            .sorted().map { prefix + $0 }
    }

    /// Replaces the value on top with its field `key`: raw, then through `__index` tables.
    /// False (value left alone) when there is no such field.
    static func lookup(_ L: OpaquePointer, _ key: String) -> Bool {
        let base = lua_gettop(L)
        lua_pushvalue(L, base)  // the table looked in: the value, then its __index chain
        for _ in 0..<8 {
            if lua_type(L, base + 1) == LUA_TTABLE {
                lua_pushstring(L, key)
                if lua_rawget(L, base + 1) != LUA_TNIL {
                    lua_copy(L, base + 2, base)
                    lua_settop(L, base)
                    return true
                }
                lua_settop(L, base + 1)
            }
            guard lua_getmetatable(L, base + 1) != 0 else { break }
            lua_pushstring(L, "__index")
            guard lua_rawget(L, base + 2) == LUA_TTABLE else { break }
            lua_copy(L, base + 3, base + 1)
            lua_settop(L, base + 1)
        }
        lua_settop(L, base)
        return false
    }

    /// String keys of the value at `index`: raw keys of a table, then its metatable's
    /// `__completions` and the keys of `__index` when it is a table (following chains).
    static func collectKeys(_ L: OpaquePointer, at index: Int32, into keys: inout Set<String>, depth: Int) {
        guard depth < 8 else { return }
        if lua_type(L, index) == LUA_TTABLE {
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                if lua_type(L, -2) == LUA_TSTRING, let k = lua_tolstring(L, -2, nil) {
                    let s = String(cString: k)
                    if isName(Substring(s)) { keys.insert(s) }
                }
                lua_settop(L, -2)
            }
        }
        guard lua_getmetatable(L, index) != 0 else { return }
        let mt = lua_gettop(L)
        defer { lua_settop(L, mt - 1) }
        lua_pushstring(L, "__completions")
        if lua_rawget(L, mt) == LUA_TTABLE {
            let list = lua_gettop(L)
            var i: lua_Integer = 1
            while i <= lua_Integer(min(lua_rawlen(L, list), 10_000)) {
                if lua_rawgeti(L, list, i) == LUA_TSTRING, let k = lua_tolstring(L, -1, nil) {
                    keys.insert(String(cString: k))
                }
                lua_settop(L, list)
                i += 1
            }
        }
        lua_settop(L, mt)
        lua_pushstring(L, "__index")
        if lua_rawget(L, mt) == LUA_TTABLE {
            collectKeys(L, at: lua_gettop(L), into: &keys, depth: depth + 1)
        }
    }

    /// readline's array: common prefix, the matches, NULL; nil for no match.
    static func cArray(_ matches: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !matches.isEmpty else { return nil }
        let items = matches.count == 1 ? matches : [commonPrefix(matches)] + matches
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (items.count + 2)  // a spare NULL: libedit may read [2]
        guard let raw = malloc(size) else { return nil }
        let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: items.count + 2)
        for (i, s) in items.enumerated() { array[i] = strdup(s) }
        array[items.count] = nil
        array[items.count + 1] = nil
        return array
    }

    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map({ Array($0.utf8) }) else { return "" }
        for s in strings.dropFirst() {
            let u = Array(s.utf8)
            var n = 0
            while n < prefix.count && n < u.count && prefix[n] == u[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(decoding: prefix, as: UTF8.self)
    }
}
