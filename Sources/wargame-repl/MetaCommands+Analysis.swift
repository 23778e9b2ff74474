import WargameKit

// Meta-commands that step and read a scenario.
extension MetaCommands {
    /// Stepping and reading.
    static let analysisBodies: [String: String] = [
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
    ]

    static let analysisNative: [String: Native] = [:]
}
