import Foundation
import WargameKit

// Meta-commands that move a session in time, fork it, reseed it or report on it.
extension MetaCommands {
    /// Time, forks, seeds, reports.
    static let sessionBodies: [String: String] = [
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
        ":report": """
            local f = arg(..., "usage: :report file")
            need():report(f)
            print("wrote " .. f)
            """,
        ":forks": """
            local current = rawget(_ENV, "s")
            local names = {}
            for k, v in next, _ENV do
              if type(k) == "string" and is_scenario(v) then names[#names + 1] = k end
            end
            table.sort(names)
            local last = rawget(_ENV, "wg") and rawget(wg, "last") and wg.last()
            local listed = {}
            for _, k in ipairs(names) do listed[rawget(_ENV, k)] = true end
            if #names == 0 and last == nil then print("(no scenarios in this session)") return end
            local function line(label, v)
              local ended = v.ended and (", ended: " .. tostring(v.ended):gsub("_", " ")) or ""
              print(("%-10s %s, turn %d, rung %d %s%s%s"):format(label, tostring(v.name), v.turn, v.rung, v:rung_name(), ended,
                    (label ~= "s" and rawequal(v, current)) and " (same as s)" or ""))
            end
            for _, k in ipairs(names) do line(k, rawget(_ENV, k)) end
            if last ~= nil and not listed[last] then line("wg.last()", last) end
            """,
        ":seed": """
            local n = int(..., "usage: :seed n")
            need():seed(n)
            print("seed " .. n)
            """,
    ]

    /// Comparing, rebuilding and sourcing: commands that need more than `print`.
    static let sessionNative: [String: Native] = [
        ":compare": { args, state in
            guard args.count == 2 else { CommandLineTool.report("usage: :compare a b"); return .proceed }
            guard let v = values(":compare", """
                local a, b = ...
                local function get(name)
                  local v = rawget(_ENV, name)
                  if not is_scenario(v) then
                    fail(("'%s' is not a scenario (it holds a %s): :forks lists the scenarios"):format(name, type(v)))
                  end
                  return v
                end
                local x, y = get(a), get(b)
                return x:series(), x:log(), y:series(), y:log()
                """, args, state), v.count == 4 else { return .proceed }
            print(Comparison(a: (args[0], v[0], v[1]), b: (args[1], v[2], v[3])).text)
            return .proceed
        },
        ":reset": { _, state in
            let (found, disabled) = DefaultScenario.locate(environment: ProcessInfo.processInfo.environment)
            guard let path = found, !disabled else {
                CommandLineTool.report("no default scenario to rebuild (\(DefaultScenario.relativePath) not found, or WARGAME_DEFAULT_SCENARIO is empty)")
                return .proceed
            }
            guard let v = values(":reset", """
                claim("s", "reset", "set s = nil first")
                local f, path = ...
                local s = f()
                if getmetatable(s) ~= "scenario" then fail(path .. " did not return a scenario") end
                rawset(_ENV, "s", s)
                return tostring(s.name) .. " t" .. tostring(s.turn) .. " " .. tostring(s:rung_name())
                """, [path], state, file: path)?.first?.asString else { return .proceed }
            print("s is the default scenario again (\(v)); other scenarios are kept (:forks lists them)")
            return .proceed
        },
        ":source": { args, state in
            guard let file = args.first else { CommandLineTool.report("usage: :source file"); return .proceed }
            if state.isSandboxed {
                CommandLineTool.report("cannot source \(file): the sandbox does not allow reading files")
                return .proceed
            }
            guard let v = values(":source", """
                local f, path = ...
                local r = f()
                if getmetatable(r) == "scenario" then
                  claim("s", "put the scenario of " .. path, "set s = nil first")
                  rawset(_ENV, "s", r)
                  return "s"
                end
                return ""
                """, [file], state, file: file)?.first?.asString else { return .proceed }
            print("ran \(file)" + (v == "s" ? "; the scenario it returned is now s" : ""))
            return .proceed
        },
    ]
}
