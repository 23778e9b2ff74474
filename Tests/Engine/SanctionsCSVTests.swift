import Foundation
import Testing
@testable import WargameKit

/// CSV inputs of the sanctions model: every malformed fixture gives one `file:line: reason`.
@Suite struct SanctionsCSVTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sanctions")

    /// Reads a fixture as the scenario does: bytes decoded as UTF-8, invalid bytes replaced.
    static func text(_ name: String) throws -> String {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self)
    }

    static func tradeError(_ name: String) throws -> String {
        do {
            _ = try TradeMatrix.parseCSV(try text(name), name: name)
            return "no error"
        } catch let e as DataFileError {
            return e.description
        }
    }

    @Test func wellFormedTradeFileWithBOMCRLFQuotesAndSectors() throws {
        let flows = try TradeMatrix.parseCSV(try Self.text("trade-good.csv"), name: "trade-good.csv")
        #expect(flows == [
            TradeFlow(exporter: "CHN", importer: "RUS", value: 115, sector: nil),
            TradeFlow(exporter: "TUR", importer: "RUS", value: 12.5, sector: "machinery, parts"),
            TradeFlow(exporter: "RUS", importer: "CHN", value: 129, sector: "energy"),
        ])
        let m = TradeMatrix(flows)
        #expect(m.value(from: "RUS", to: "CHN") == 129)
        #expect(m.value(from: "RUS", to: "CHN", sector: "energy") == 129)
        #expect(m.value(from: "CHN", to: "RUS", sector: "energy") == 0)
        #expect(m.trade(between: "CHN", and: "RUS") == 244)
    }

    @Test(arguments: [
        ("empty.csv", "empty.csv:1: empty file, expected a header row"),
        ("missing-column.csv", "missing-column.csv:1: missing column 'value'"),
        ("text-in-number.csv", "text-in-number.csv:3: value 'lots' is not a number"),
        ("short-row.csv", "short-row.csv:3: expected 3 fields, got 2"),
        ("binary.csv", "binary.csv:1: binary data (not UTF-8 text)"),
        ("enormous-line.csv", "enormous-line.csv:2: line longer than 65536 characters"),
    ])
    func malformedTradeFileNamesFileAndLine(file: String, expected: String) throws {
        #expect(try Self.tradeError(file) == expected)
    }

    @Test func inlineTradeErrors() {
        func error(_ text: String) -> String {
            do { _ = try TradeMatrix.parseCSV(text, name: "t.csv"); return "no error" } catch { return "\(error)" }
        }
        #expect(error("exporter,importer,value,colour\nA,B,1,red\n") == "t.csv:1: unknown column 'colour', expected exporter,importer,value,[sector]")
        #expect(error("exporter,importer,value\nA,B,-1\n") == "t.csv:2: value -1 is negative")
        #expect(error("exporter,importer,value\nA,B,nan\n") == "t.csv:2: value 'nan' is not a number")
        #expect(error("exporter,importer,value\nA,A,1\n") == "t.csv:2: exporter and importer are both 'A'")
        #expect(error("exporter,importer,value\n,B,1\n") == "t.csv:2: empty exporter")
        #expect(error("exporter,importer,value\n\"A,B,1\n") == "t.csv:2: unterminated quote in field 1")
        #expect(error("exporter,importer,value\nA,B,1,2\n") == "t.csv:2: expected 3 fields, got 4")
        #expect(error("exporter,importer,value\rA,B,1\rA,C,x\r") == "t.csv:3: value 'x' is not a number")
    }

    @Test func economyFile() throws {
        let gdp = try TradeMatrix.parseEconomyCSV("state,gdp\nRUS,1780\n\"KZK\", 262.6\n", name: "e.csv")
        #expect(gdp == ["RUS": 1780, "KZK": 262.6])
        func error(_ name: String) throws -> String {
            do { _ = try TradeMatrix.parseEconomyCSV(try Self.text(name), name: name); return "no error" } catch let e as DataFileError { return e.description }
        }
        #expect(try error("economy-duplicate.csv") == "economy-duplicate.csv:4: duplicate state 'RUS' (first on line 2)")
        #expect(try error("economy-empty-gdp.csv") == "economy-empty-gdp.csv:3: empty gdp")
        #expect(try error("empty.csv") == "empty.csv:1: empty file, expected a header row")
        #expect(throws: DataFileError(file: "e.csv", line: 2, reason: "gdp of 'RUS' must be positive")) {
            try TradeMatrix.parseEconomyCSV("state,gdp\nRUS,0\n", name: "e.csv")
        }
    }

    @Test func tradeMatrixCodableRoundTripKeepsLookups() throws {
        var m = TradeMatrix()
        m.add(TradeFlow(exporter: "A", importer: "B", value: 1, sector: "x"))
        m.add(TradeFlow(exporter: "A", importer: "B", value: 2))
        let back = try JSONDecoder().decode(TradeMatrix.self, from: try JSONEncoder().encode(m))
        #expect(back == m)
        #expect(back.value(from: "A", to: "B") == 3)
        #expect(back.value(from: "A", to: "B", sector: "x") == 1)
        // Assigning flows rebuilds the index; adding many stays consistent with it.
        var big = TradeMatrix()
        big.add(contentsOf: (0..<20_000).map { TradeFlow(exporter: "E\($0 % 50)", importer: "I", value: 0.5) })
        #expect(big.value(from: "E7", to: "I") == 200)
        big.flows = [TradeFlow(exporter: "A", importer: "B", value: 4)]
        #expect(big.value(from: "E7", to: "I") == 0 && big.value(from: "A", to: "B") == 4)
    }
}
