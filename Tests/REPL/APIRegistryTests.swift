import Foundation
import Testing
@testable import WargameKit

/// One source of truth: every function registered in `wg` and on the scenario object has
/// an entry in the reference that feeds `:help` and docs/lua-api.md, and every entry of
/// the module or the scenario names something that is registered.
@Suite struct APIRegistryTests {
    static var registered: Set<String> {
        var names = Set(WargameModule.libraries.flatMap { $0 }.map { "wg." + $0.name })
        names.insert("wg.version")  // a field of the module
        names.formUnion(ScenarioMethods.methods.map { "s:" + $0.name })
        names.formUnion(ScenarioMethods.fields.map { "s." + $0 })
        names.insert("s:rung_name")  // served from the object's field table (the fast path)
        return names
    }

    @Test func everyRegisteredNameIsDocumented() {
        let documented = Set(APIReference.entries.map(\.name))
        let missing = Self.registered.subtracting(documented).sorted()
        #expect(missing.isEmpty, "registered but not in APIReference: \(missing)")
    }

    @Test func everyDocumentedNameIsRegistered() {
        let documented = APIReference.entries.map(\.name).filter { $0.hasPrefix("wg.") || $0.hasPrefix("s.") || $0.hasPrefix("s:") }
        let stale = Set(documented).subtracting(Self.registered).sorted()
        #expect(stale.isEmpty, "in APIReference but not registered: \(stale)")
    }
}
