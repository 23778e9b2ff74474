import Foundation

/// The bundled data sets, parsed once per process.
public enum Bundled {
    private static let nmc = Result { try Capabilities.bundled() }
    private static let nuclear = Result { try parseWarheads() }

    /// COW NMC v6.0, 2016.
    public static func capabilities() throws -> Capabilities { try nmc.get() }

    /// FAS estimates of nuclear warhead inventories, early 2024 (estimates, not official).
    public static func warheads() throws -> [String: Int] { try nuclear.get() }

    static func parseWarheads() throws -> [String: Int] {
        guard let url = Bundle.module.url(forResource: "nuclear-warheads-2024", withExtension: "csv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "nuclear-warheads-2024", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DataFileError(file: "nuclear-warheads-2024.csv", line: 0, reason: "bundled file is missing")
        }
        var out: [String: Int] = [:]
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where n > 0 {
            let f = line.split(separator: ",")
            guard f.count == 2, let w = Int(f[1].trimmingCharacters(in: .whitespaces)) else {
                throw DataFileError(file: "nuclear-warheads-2024.csv", line: n + 1, reason: "expected stateabb,warheads")
            }
            out[String(f[0])] = w
        }
        return out
    }
}
