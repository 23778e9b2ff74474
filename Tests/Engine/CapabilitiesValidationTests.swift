import Testing
@testable import WargameKit

/// The scenario's check of its capabilities finds a repeated state code and a bad component
/// (it looks for repeats only when the capabilities' index says there are some, and checks
/// components without building their array: issue 14).
@Suite struct CapabilitiesValidationTests {
    static func state(_ code: String, milex: Double? = 10, upop: Double? = 5) -> StateCapabilities {
        StateCapabilities(stateabb: code, ccode: 1, year: 2000, milex: milex, milper: 10, irst: 10, pec: 10, tpop: 10, upop: upop)
    }

    static func message(_ states: [StateCapabilities]) -> String? {
        do {
            try Scenario.validate(capabilities: Capabilities(year: 2000, states: states))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func validCapabilitiesPass() {
        #expect(Self.message([Self.state("RUS"), Self.state("USA"), Self.state("CHN", milex: nil)]) == nil)
        #expect(Capabilities(year: 2000, states: [Self.state("RUS"), Self.state("USA")]).codesAreUnique)
    }

    @Test func aRepeatedCodeIsNamed() {
        let states = [Self.state("RUS"), Self.state("USA"), Self.state("CHN"), Self.state("USA")]
        #expect(!Capabilities(year: 2000, states: states).codesAreUnique)
        #expect(Self.message(states)?.contains("capabilities: USA is listed twice") == true)
    }

    @Test func aBadComponentIsNamedWithItsValue() {
        #expect(Self.message([Self.state("RUS"), Self.state("USA", milex: -1)])?
            .contains("capabilities: USA.milex must be a non-negative number, got -1") == true)
        #expect(Self.message([Self.state("RUS", upop: .infinity)])?
            .contains("capabilities: RUS.upop must be a non-negative number, got inf") == true)
    }
}
