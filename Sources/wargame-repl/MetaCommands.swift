import CLua
import Foundation
import WargameKit

/// The REPL's `:` commands. Each is a small Lua chunk run on the current scenario (the
/// global `s` when it is not nil, else `wg.last()`); results are printed with Lua's
/// `print`, so the REPL knows nothing of models. `:help` reads ``APIReference``.
enum MetaCommands {
    enum Outcome { case proceed, quit }

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

    /// Lua for each command; `...` holds its arguments as strings.
    static let bodies: [String: String] = [
        ":step": """
            local n = int(..., "usage: :step [n]")
            local s = need()
            if n then print(s:step(n)) else print(s:step()) end
            """,
        ":status": "print(need():status())",
        ":balance": """
            local a, b = ...
            arg(b, "usage: :balance a b")
            print(need():balance(a, b))
            """,
        ":damage": "print(need():damage(arg(..., \"usage: :damage t\")))",
        ":log": """
            local n = int(..., "usage: :log [n]")
            local log = need():log()
            local first = n and math.max(1, #log - n + 1) or 1
            if #log == 0 then print("(no events yet)") end
            for i = first, #log do print(log[i]) end
            """,
        ":undo": """
            local s = need()
            s:undo()
            print("back to turn " .. tostring(s.turn))
            """,
        ":rewind": """
            local n = int(..., "usage: :rewind n")
            local s = need()
            s:rewind(n)
            print("back to turn " .. tostring(s.turn))
            """,
        ":fork": """
            local name = ...
            local keywords = " and break do else elseif end false for function goto if in local nil not or repeat return then true until while "
            if name ~= nil and (not name:match("^[%a_][%w_]*$") or keywords:find(" " .. name .. " ", 1, true)) then
              fail("usage: :fork [name] (name must be a Lua name)")
            end
            local s = need()
            if name == nil then
              local i = 1
              while rawget(_ENV, "fork" .. i) ~= nil do i = i + 1 end
              name = "fork" .. i
            end
            claim(name, "fork", "choose another name")
            rawset(_ENV, name, s:fork())
            local hint = name == "s" and "" or (" (type s = %s to work on it)"):format(name)
            print(("%s = fork of %s at turn %s%s"):format(name, tostring(s.name), tostring(s.turn), hint))
            """,
        ":save": """
            local f = arg(..., "usage: :save file")
            need():save(f)
            print("saved to " .. f)
            """,
        ":load": """
            local f = arg(..., "usage: :load file")
            claim("s", "load", "set s = nil first")
            local loaded = wg.load(f)
            rawset(_ENV, "s", loaded)
            print(("loaded %s into s"):format(f))
            """,
        ":report": """
            local f = arg(..., "usage: :report file")
            need():report(f)
            print("wrote " .. f)
            """,
        ":seed": """
            local n = int(..., "usage: :seed n")
            need():seed(n)
            print("seed " .. n)
            """,
    ]

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
        switch name {
        case ":quit": return .quit
        case ":help": help(words.first)
        default:
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
            } catch {
                CommandLineTool.report("\(error)")
            }
            lua_settop(state.L, top)
        }
        return .proceed
    }

    /// `:help` lists everything; `:help name` prints one entry.
    static func help(_ name: String?) {
        guard let name else {
            print("Meta-commands (on s, else the last scenario created):")
            for e in APIReference.entries where e.group == .metaCommand {
                print("  " + e.signature.padding(toLength: 16, withPad: " ", startingAt: 0) + e.summary)
            }
            for group in [APIReference.Group.module, .scenario] {
                print(group.rawValue + ":")
                print(wrap(APIReference.entries.filter { $0.group == group }.map(\.name), indent: "  "))
            }
            print("Type :help name for one of them (e.g. :help s:step).")
            return
        }
        guard let e = APIReference.entry(named: name) else {
            CommandLineTool.report("no help for '\(name)' (:help lists the names)")
            return
        }
        print(e.signature)
        print("  " + e.summary)
        if !e.details.isEmpty { print("  " + e.details) }
    }

    static func wrap(_ names: [String], indent: String, width: Int = 78) -> String {
        var lines: [String] = [], line = indent
        for n in names {
            if line.count + n.count + 1 > width && line != indent { lines.append(line); line = indent }
            line += (line == indent ? "" : " ") + n
        }
        lines.append(line)
        return lines.joined(separator: "\n")
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
