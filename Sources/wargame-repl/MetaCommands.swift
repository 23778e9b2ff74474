import CLua
import Foundation
import WargameKit

/// The REPL's `:` commands. Each is a small Lua chunk run on the current scenario (the
/// global `s` when it is not nil, else `wg.last()`); results are printed with Lua's
/// `print`, so the REPL knows nothing of models. `:help` reads ``APIReference``.
enum MetaCommands {
    enum Outcome { case proceed, quit }

    /// A command written in Swift: its arguments and the state.
    typealias Native = @Sendable ([String], LuaState) -> Outcome

    /// The names, in the order `:help` lists them.
    static var names: [String] { APIReference.entries.filter { $0.group == .metaCommand }.map(\.name) }

    /// Whether `line` is a meta-command rather than Lua (`::label::` is Lua).
    static func isMetaCommand(_ line: String) -> Bool {
        let t = line.drop(while: { $0 == " " || $0 == "\t" })
        return t.hasPrefix(":") && !t.hasPrefix("::")
    }

    /// Finds the current scenario; `need()` fails with a one-line message when there is none.
    /// Globals are read through `_ENV`, the globals table itself, not the global `_G`, which
    /// a session may have reassigned. `claim(name)` refuses to overwrite a global that holds
    /// anything but a scenario (`:fork print` replaced print, `:fork _G` broke every command).
    static let preamble = """
        local function fail(msg) error(msg, 0) end
        local function is_scenario(v) return getmetatable(v) == "scenario" end
        local function current()
          local s = rawget(_ENV, "s")
          if s ~= nil then return s end
          local w = rawget(_ENV, "wg")
          if type(w) == "table" and rawget(w, "last") ~= nil then return w.last() end
          return nil
        end
        local function need()
          local s = current()
          if s == nil then fail("no scenario: set s, or create one with wg.scenario{...}") end
          if not is_scenario(s) then
            fail("s is not a scenario (it holds a " .. type(s) .. "): set s to one, or s = nil to use the last one created")
          end
          return s
        end
        local function claim(name, command, hint)
          if name:match("^_%u") then
            fail(("cannot %s into '%s': names of an underscore and capitals are reserved for Lua; %s"):format(command, name, hint))
          end
          local old = rawget(_ENV, name)
          if old ~= nil and not is_scenario(old) then
            fail(("cannot %s into '%s': it holds a %s; %s"):format(command, name, type(old), hint))
          end
        end
        local function int(v, usage)
          local n = v ~= nil and math.tointeger(tonumber(v)) or nil
          if v ~= nil and n == nil then fail(usage .. " (n must be an integer, got '" .. v .. "')") end
          if n == nil and usage:find(" n$") then fail(usage) end
          return n
        end
        local function arg(v, usage) if v == nil then fail(usage) end return v end
        """

    /// Lua for each command; `...` holds its arguments as strings. The bodies live in files
    /// by topic (`MetaCommands+*.swift`); a name belongs in one of them only (were one
    /// defined twice, the first topic's would stand: a slip is no reason to end a session).
    static let bodies: [String: String] = analysisBodies
        .merging(sessionBodies) { first, _ in first }
        .merging(authoringBodies) { first, _ in first }
        .merging(exerciseBodies) { first, _ in first }

    /// Commands written in Swift rather than Lua (they need the terminal, or more than
    /// `print`), by topic; each receives its arguments and the state.
    static let native: [String: Native] = analysisNative
        .merging(sessionNative) { first, _ in first }
        .merging(authoringNative) { first, _ in first }
        .merging(exerciseNative) { first, _ in first }
        .merging(serverNative) { first, _ in first }

    /// The prompt's text: `name t<turn> <rung name>`, nil without a current scenario or on
    /// any error.
    static func promptLabel(_ state: LuaState) -> String? {
        let source = preamble + """

            local s = current()
            if s == nil then return nil end
            return tostring(s.name) .. " t" .. tostring(s.turn) .. " " .. tostring(s:rung_name())
            """
        let result = try? Interrupts.whileRunning(state) { try state.run(source, name: "=prompt") }
        return result?.first?.asString
    }

    /// Runs one meta-command line, printing its output or a one-line error.
    static func run(_ line: String, state: LuaState) -> Outcome {
        var words = split(line.drop(while: { $0 == " " || $0 == "\t" }))
        let name = words.isEmpty ? ":" : words.removeFirst()
        guard let entry = APIReference.entry(named: name), entry.name == name else {
            CommandLineTool.report("unknown command '\(name)' (:help lists them)")
            return .proceed
        }
        let maxArgs = entry.signature.split(separator: " ").count - 1
        guard words.count <= maxArgs else {
            CommandLineTool.report("usage: \(entry.signature)")
            return .proceed
        }
        if name == ":quit" { return .quit }
        // Long output goes through the pager (on a terminal, unless `:set pager off`) for
        // commands that run no script code: a policy, hook or script prints as it runs.
        if pagedCommands.contains(name) { return Pager.paging { dispatch(name, words, state: state) } }
        return dispatch(name, words, state: state)
    }

    /// Commands whose output is only formatting, collected and paged when long (`:step`
    /// pages its reports itself, after the turns).
    static let pagedCommands: Set<String> = [":help", ":status", ":balance", ":damage", ":log", ":forks", ":compare", ":plot"]

    static func dispatch(_ name: String, _ words: [String], state: LuaState) -> Outcome {
        switch name {
        case ":help": help(words.first)
        default:
            if let command = native[name] { return command(words, state) }
            guard let body = bodies[name] else { return .proceed }
            let top = lua_gettop(state.L)
            do {
                try Interrupts.whileRunning(state) {
                    try state.load(preamble + "\n" + body, name: "=" + name)
                    for w in words { state.push(.string(w)) }
                    try state.pcall(nargs: Int32(words.count), nresults: 0)
                }
            } catch let e as LuaError {
                CommandLineTool.report(strip(e.message, chunk: name))
                CommandLineTool.reportExcerpt(of: e.message)
            } catch {
                CommandLineTool.report("\(error)")
            }
            lua_settop(state.L, top)
        }
        return .proceed
    }

    /// Runs `body` (after the preamble) with `args` as `...` and returns its results as
    /// Swift values; nil, with the one-line error reported, when it fails. With `file`, the
    /// host compiles that file (as it does the default scenario, so also in the sandbox)
    /// and passes the chunk first, before `args`.
    static func values(_ name: String, _ body: String, _ args: [String], _ state: LuaState,
                       file: String? = nil) -> [LuaValue]? {
        let top = lua_gettop(state.L)
        defer { lua_settop(state.L, top) }
        do {
            return try Interrupts.whileRunning(state) {
                try state.load(preamble + "\n" + body, name: "=" + name)
                if let file { try state.loadFile(file) }
                for w in args { state.push(.string(w)) }
                try state.pcall(nargs: Int32(args.count + (file == nil ? 0 : 1)))
                return state.popResults(above: top)
            }
        } catch let e as LuaError {
            CommandLineTool.report(strip(e.message, chunk: name))
        } catch {
            CommandLineTool.report("\(error)")
        }
        return nil
    }

    /// Words separated by blanks; "double" or 'single' quotes keep blanks inside one word.
    static func split(_ s: Substring) -> [String] {
        var words: [String] = [], word = "", quote: Character?, inWord = false
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c; inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(word); word = ""; inWord = false }
            } else {
                word.append(c); inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Drops the `:step:3: ` position our own chunk puts in front of messages.
    static func strip(_ message: String, chunk: String) -> String {
        guard message.hasPrefix(chunk + ":") else { return message }
        let rest = message.dropFirst(chunk.count + 1)
        let digits = rest.prefix(while: \.isNumber)
        guard !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(": ") else { return message }
        return String(rest.dropFirst(digits.count + 2))
    }
}
