import WargameKit

// Meta-commands for files and scripts.
extension MetaCommands {
    /// Saving and loading.
    static let authoringBodies: [String: String] = [
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
    ]

    static let authoringNative: [String: Native] = [:]
}
