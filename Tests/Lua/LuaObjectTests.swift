import Testing
@testable import WargameKit

@Suite struct LuaObjectTests {
    final class Probe {
        static let meta = "test.probe"
        let onDeinit: () -> Void
        var value = 0
        init(_ onDeinit: @escaping () -> Void) { self.onDeinit = onDeinit }
        deinit { onDeinit() }
    }
    final class Flag: @unchecked Sendable { var set = false }

    @Test func objectsAreReleasedByGCAndTypeChecked() throws {
        let lua = try LuaState()
        let freed = Flag()
        lua.pushMetatable(Probe.meta, methods: [
            LuaFunction("bump", method: true) { a in
                let p = try a.object(1, metatable: Probe.meta, expected: "probe", as: Probe.self)
                p.value += 1
                a.push(p.value)
                return 1
            },
        ])
        lua.setGlobal("_probe_meta")
        lua.pushObject(Probe { freed.set = true }, metatable: Probe.meta)
        lua.setGlobal("p")
        #expect(try lua.run("p:bump(); return p:bump()") == [.integer(2)])
        #expect(try lua.run("return select(2, pcall(function() return p.bump({}) end))", name: "=x")
                == [.string("x:1: calling 'bump' on bad self (probe expected, got table)")])
        #expect(!freed.set)
        try lua.run("p = nil; collectgarbage(); collectgarbage()")
        #expect(freed.set)
    }
}
