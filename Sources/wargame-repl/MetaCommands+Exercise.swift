import WargameKit

// Meta-commands of a classroom exercise's white cell (none yet).
extension MetaCommands {
    static let exerciseBodies: [String: String] = [:]
    static let exerciseNative: [String: Native] = [:]
}
