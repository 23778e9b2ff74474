import Foundation

/// The bundled data sets (Resources/), each parsed on first use and then kept.
///
/// Nothing here is read at start-up: a `static let` is initialised the first time it is
/// used, exactly once, and safely when several threads (Monte Carlo workers) ask at once,
/// so a session that never asks for capabilities never parses the 0.9 MB of NMC data.
public enum Bundled {
    /// The bundled NMC file, as errors name it.
    public static let nmcFile = "nmc-1816-2016.csv"
    /// The bundled nuclear-possession file, as errors name it.
    public static let nuclearFile = "nuclear-states.csv"

    private static let nmc = Result { try NMCIndex(bytes: NMCFile.read(path: try resource(nmcFile).path, name: nmcFile), name: nmcFile) }
    private static let nuclear = Result { try parseWarheads() }
    private static let possession = Result { try parseNuclearStates() }

    /// The first and last years of the bundled NMC data (1816 and 2016).
    public static func yearRange() throws -> ClosedRange<Int> { try nmc.get().years }

    /// COW NMC v6.0 for `year` (default: the latest, 2016), CINC computed within that year.
    /// A year outside the data throws `nmc-1816-2016.csv: no rows for year Y (file has 1816-2016)`.
    public static func capabilities(year: Int? = nil) throws -> Capabilities {
        try nmc.get().capabilities(year: year)
    }

    /// FAS estimates of nuclear warhead inventories, early 2024 (estimates, not official).
    public static func warheads() throws -> [String: Int] { try nuclear.get() }

    /// The states that held nuclear weapons in `year`, from the first-test dates (and South
    /// Africa's dismantlement) in nuclear-states.csv. Possession only: the file has no counts.
    public static func nuclearStates(in year: Int) throws -> Set<String> {
        Set(try possession.get().filter { $0.first <= year && year <= ($0.last ?? Int.max) }.map(\.state))
    }

    static func resource(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources")
                ?? Bundle.module.url(forResource: base, withExtension: ext) else {
            throw DataFileError(file: name, line: 0, reason: "bundled resource not found")
        }
        return url
    }

    static func parseWarheads() throws -> [String: Int] {
        guard let text = try? String(contentsOf: try resource("nuclear-warheads-2024.csv"), encoding: .utf8) else {
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

    /// stateabb, first_year, last_year (empty: still held), basis (free text, may be quoted).
    static func parseNuclearStates() throws -> [(state: String, first: Int, last: Int?)] {
        let bytes = try NMCFile.read(path: try resource(nuclearFile).path, name: nuclearFile)
        let records = try CSVRecords.parse(bytes, file: nuclearFile)
        guard let header = records.first?.fields, header.count >= 3,
              header[0] == "stateabb", header[1] == "first_year", header[2] == "last_year" else {
            throw DataFileError(file: nuclearFile, line: 1, reason: "expected columns stateabb,first_year,last_year")
        }
        return try records.dropFirst().map { r in
            guard r.fields.count == header.count, !r.fields[0].isEmpty,
                  let first = Int(r.fields[1]), r.fields[2].isEmpty || Int(r.fields[2]) != nil else {
                throw DataFileError(file: nuclearFile, line: r.line, reason: "expected stateabb,first_year,last_year,basis")
            }
            return (r.fields[0], first, Int(r.fields[2]))
        }
    }
}
