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
        ":seed": """
            local n = int(..., "usage: :seed n")
            need():seed(n)
            print("seed " .. n)
            """,
    ]
}
