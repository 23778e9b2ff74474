import Foundation
import Testing
@testable import WargameKit

/// The whole bundled COW NMC v6.0 (1816–2016): every year loads, and the engine's CINC
/// reproduces the published column in every year, read here on its own.
@Suite struct BundledYearsTests {
    static let source = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/WargameKit/Resources/nmc-1816-2016.csv")

    @Test func everyYearReproducesPublishedCINC() throws {
        #expect(try Bundled.yearRange() == 1816...2016)
        let lines = try String(contentsOf: Self.source, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(lines.count == 15_952)  // header + 15,951 state-years (the file's own count)
        let header = lines[0].split(separator: ",").map(String.init)
        let abb = try #require(header.firstIndex(of: "stateabb"))
        let year = try #require(header.firstIndex(of: "year"))
        let cinc = try #require(header.firstIndex(of: "cinc"))
        var published: [Int: [String: Double]] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            published[Int(f[year])!, default: [:]][f[abb]] = Double(f[cinc])
        }
        var worst = 0.0, where_ = ""
        var rows = 0
        for y in 1816...2016 {
            let caps = try Bundled.capabilities(year: y)
            #expect(caps.year == y)
            rows += caps.states.count
            for (state, p) in published[y] ?? [:] where p > 1e-4 {
                let c = try #require(caps[state]?.cinc, "no cinc for \(state) in \(y)")
                let rel = abs(c - p) / p
                if rel > worst { worst = rel; where_ = "\(state) \(y)" }
            }
        }
        print("worst CINC relative error over 1816-2016 (published cinc > 1e-4): \(worst) (\(where_))")
        #expect(rows == 15_951)
        #expect(worst < 1e-4)
    }

    @Test func yearOutsideTheDataNamesYearAndRange() {
        for y in [1815, 2017] {
            #expect(throws: DataFileError(file: "nmc-1816-2016.csv", line: 0, reason: "no rows for year \(y) (file has 1816-2016)")) {
                try Bundled.capabilities(year: y)
            }
        }
    }

    /// Possession by year from the first-test dates; South Africa's ends in 1991.
    @Test func nuclearStatesFollowTheDates() throws {
        #expect(try Bundled.nuclearStates(in: 1914).isEmpty)
        #expect(try Bundled.nuclearStates(in: 1962) == ["USA", "RUS", "UKG", "FRN"])
        #expect(try Bundled.nuclearStates(in: 1964).contains("CHN"))
        #expect(try Bundled.nuclearStates(in: 1985).contains("SAF"))
        #expect(try !Bundled.nuclearStates(in: 1992).contains("SAF"))
        #expect(try Bundled.nuclearStates(in: 2016).count == 9)
    }

    /// Monte Carlo workers ask from several threads at once: one parse, one answer.
    @Test func concurrentFirstUseGivesOneAnswer() async throws {
        let years = [1850, 1914, 1939, 1962, 1990, 1850, 1914]
        let got = try await withThrowingTaskGroup(of: (Int, Capabilities).self) { group in
            for y in years { group.addTask { (y, try Bundled.capabilities(year: y)) } }
            var out: [(Int, Capabilities)] = []
            for try await r in group { out.append(r) }
            return out
        }
        for (y, caps) in got { #expect(caps == (try Bundled.capabilities(year: y))) }
    }
}
