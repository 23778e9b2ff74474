// The white cell's command for the web server: the teams' join links again.
extension MetaCommands {
    static let serverNative: [String: Native] = [
        ":links": { _, _ in
            CommandLineTool.printLinks()
            return .proceed
        },
    ]
}
