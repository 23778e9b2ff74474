import Foundation
import Testing
@testable import WargameKit

@Suite struct CapabilitiesTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/nmc")
    static let bundledSource = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/WargameKit/Resources/nmc-1816-2016.csv")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The engine's CINC against COW's published column, read here on its own (the engine
    /// ignores that column).
    @Test func bundledReproducesPublishedCINC() throws {
        let caps = try Capabilities.bundled()
        #expect(caps.year == 2016)
        #expect(caps.states.count == 195)
        let lines = try String(contentsOf: Self.bundledSource, encoding: .utf8)
            .split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        let abbCol = try #require(header.firstIndex(of: "stateabb"))
        let cincCol = try #require(header.firstIndex(of: "cinc"))
        let yearCol = try #require(header.firstIndex(of: "year"))
        var published: [String: Double] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f[yearCol] == "2016" { published[f[abbCol]] = Double(f[cincCol]) }
        }
        #expect(published.count == 195)
        var worst = 0.0, worstState = ""
        for (abb, p) in published {
            let c = try #require(caps[abb]?.cinc, "no cinc for \(abb)")
            let rel = abs(c - p) / p
            if rel > worst { worst = rel; worstState = abb }
        }
        print("worst CINC relative error: \(worst) (\(worstState))")
        #expect(worst < 1e-6)
        // Not exactly 1: a state missing a component averages over fewer components.
        #expect(abs(caps.states.compactMap(\.cinc).reduce(0, +) - 1) < 0.01)
        #expect(caps["CUB"]?.milex == nil)
        #expect(caps["USA"]?.milper == 1381)
    }

    @Test func missingComponentsLeftOutOfTotalsAndMeans() {
        let caps = Capabilities(year: 2000, states: [
            StateCapabilities(stateabb: "A", ccode: 1, year: 2000, milex: 3, milper: 1, irst: 1, pec: 1, tpop: 1, upop: 1),
            StateCapabilities(stateabb: "B", ccode: 2, year: 2000, milex: nil, milper: 3, irst: 3, pec: 3, tpop: 3, upop: 3),
            StateCapabilities(stateabb: "C", ccode: 3, year: 2000, milex: 1, cinc: 0.9),
            StateCapabilities(stateabb: "D", ccode: 4, year: 2000),
        ])
        // milex total 4 (B left out): A = (3/4 + 5 × 1/4)/6, B = (5 × 3/4)/5, C = 1/4.
        #expect(abs(caps["A"]!.cinc! - (0.75 + 1.25) / 6) < 1e-15)
        #expect(abs(caps["B"]!.cinc! - 0.75) < 1e-15)
        #expect(abs(caps["C"]!.cinc! - 0.25) < 1e-15)  // the given 0.9 is recomputed
        #expect(caps["D"]!.cinc == nil)
        #expect(caps["E"] == nil)
    }

    @Test func codableRoundTripRecomputes() throws {
        let caps = try Capabilities.bundled()
        let data = try JSONEncoder().encode(caps)
        #expect(try JSONDecoder().decode(Capabilities.self, from: data) == caps)
    }

    @Test func crlfBomQuotedFileLoads() throws {
        let path = Self.fixture("crlf-bom-quoted.csv")
        let caps = try Capabilities.load(path: path)
        #expect(caps.year == 2016)
        #expect(caps.states.map(\.stateabb) == ["USA", "C\"N", "BHM"])
        #expect(caps["USA"]?.milex == 604_452_000)
        #expect(caps["C\"N"]?.milex == nil)
        #expect(caps["C\"N"]?.ccode == 710)
        #expect(caps["BHM"]?.upop == 0)
        let y2015 = try Capabilities.load(path: path, year: 2015)
        #expect(y2015.states.map(\.stateabb) == ["USA"])
        #expect(y2015["USA"]?.cinc == 1)
        #expect(throws: DataFileError(file: path, line: 0, reason: "no rows for year 1990 (file has 2015-2016)")) {
            try Capabilities.load(path: path, year: 1990)
        }
    }

    @Test(arguments: [
        ("empty.csv", "empty.csv:1: file is empty"),
        ("missing-column.csv", "missing-column.csv:1: missing column 'milper'"),
        ("text-in-number.csv", "text-in-number.csv:3: milex: 'abc' is not a number"),
        ("short-row.csv", "short-row.csv:3: expected 9 fields, found 5"),
        ("binary.csv", "binary.csv:2: NUL byte: not a text file"),
        ("enormous-line.csv", "enormous-line.csv:3: line longer than 65536 bytes"),
    ])
    func malformedFixturesNameFileAndLine(file: String, expected: String) throws {
        let path = Self.fixture(file)
        do {
            _ = try Capabilities.load(path: path)
            Issue.record("\(file) loaded")
        } catch let e as DataFileError {
            #expect(e.description == Self.fixtures.path + "/" + expected)
            #expect(e.file == path)
        }
    }

    @Test(arguments: [
        ("", "t:1: file is empty"),
        ("\n\r\n", "t:1: file is empty"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\n", "t:1: no data rows"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,milex\nA,1,1,1,1,1,1,1,1,1\n", "t:1: duplicate column 'milex'"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000,1,1,1,1,1,1\n\nA,1,2000,1,1,1,1,1,1\n",
         "t:4: duplicate state 'A' in 2000 (first on line 2)"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000,nan,1,1,1,1,1\n", "t:2: milex: 'nan' is not a number"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000,0x10,1,1,1,1,1\n", "t:2: milex: '0x10' is not a number"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000,1e999,1,1,1,1,1\n", "t:2: milex: '1e999' is out of range"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000,1,-5,1,1,1,1\n", "t:2: milper: '-5' is negative"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000.5,1,1,1,1,1,1\n", "t:2: year: '2000.5' is not an integer"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000,,1,1,1,1,1\n", "t:2: milex: '' is not a number"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\n,1,2000,1,1,1,1,1,1\n", "t:2: stateabb: empty"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\n\"A,1,2000,1,1,1,1,1,1\n", "t:2: unterminated quoted field"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\n\"A\"x,1,2000,1,1,1,1,1,1\n", "t:2: unexpected text after a quoted field"),
        ("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\nA,1,2000,1,1,1,1,1,1,\n", "t:2: expected 9 fields, found 10"),
    ])
    func malformedTextIsRefusedWithLine(text: String, expected: String) {
        do {
            _ = try Capabilities.parse(text, name: "t")
            Issue.record("parsed: \(expected)")
        } catch {
            #expect("\(error)" == expected)
        }
    }

    @Test func invalidUTF8IsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("latin1.csv").path
        var bytes = Array("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop\n".utf8)
        bytes += [0x43, 0xF4, 0x54] + Array(",1,2000,1,1,1,1,1,1\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: DataFileError(file: path, line: 2, reason: "invalid UTF-8")) { try Capabilities.load(path: path) }
        #expect(throws: DataFileError(file: dir.path, line: 0, reason: "is a directory")) { try Capabilities.load(path: dir.path) }
        #expect(throws: DataFileError(file: path + "x", line: 0, reason: "no such file or directory")) { try Capabilities.load(path: path + "x") }
    }

    @Test func plainAndExponentNumbersAndMultipleYears() throws {
        let text = """
        ccode,stateabb,year,milex,milper,irst,pec,tpop,upop,version
        1,A,1999,1,1,1,1,1,1,v
        1,A,2001, 2.5e3 ,+1,1.,.5,1E0,-9,v
        2,B,2001,1,1,1,1,1,-9.0,v
        """
        let caps = try Capabilities.parse(text, name: "t")
        #expect(caps.year == 2001)
        #expect(caps["A"]?.milex == 2500)
        #expect(caps["A"]?.pec == 0.5)
        #expect(caps["A"]?.upop == nil)
        #expect(caps["B"]?.upop == nil)
        #expect(try Capabilities.parse(text, name: "t", year: 1999).states.count == 1)
    }
}
