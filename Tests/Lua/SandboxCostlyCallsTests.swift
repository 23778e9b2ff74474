import Foundation
import Testing
@testable import WargameKit

/// Work the count hook cannot see: library functions that loop in C, and single costly
/// instructions. Each attack below ran from 3 s to forever past the 1 s limit; now each
/// stops with an error well within the limit plus a margin (3 s in all, for shared CI cores).
@Suite struct SandboxCostlyCallsTests {
    static let limit = 1.0
    static let allowed = 3.0

    /// Runs `code` in a fresh sandbox (1 s limit), expecting an error that contains
    /// `fragment` within `allowed` seconds, and a usable state after it.
    func expectStopped(_ code: String, _ fragment: String, _ source: SourceLocation = #_sourceLocation) throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: Self.limit))
        let start = Date()
        var caught: LuaError?
        do { try Sandbox.run(code, name: "=attack", in: lua) } catch { caught = error }
        let elapsed = Date().timeIntervalSince(start)
        #expect(caught?.message.contains(fragment) == true, "\(code): \(String(describing: caught))", sourceLocation: source)
        #expect(elapsed < Self.allowed, "\(code): \(elapsed) s", sourceLocation: source)
        #expect(try Sandbox.run("return 1 + 1", in: lua) == [.integer(2)], sourceLocation: source)
    }

    // The examples of the report, one by one.

    @Test func repOfAnEmptyStringManyTimes() throws {
        // The answer is "" (at once); the library used to loop math.maxinteger times to find it.
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: Self.limit))
        let start = Date()
        #expect(try Sandbox.run("return string.rep('', math.maxinteger), ('' ):rep(1e15, '')", in: lua) == [.string(""), .string("")])
        #expect(Date().timeIntervalSince(start) < Self.allowed)
        try expectStopped("while true do string.rep('', math.maxinteger) end", "time limit exceeded")
        try expectStopped("return ('x'):rep(math.maxinteger)", "resulting string too large")
        try expectStopped("return ('x'):rep(1 << 27)", "not enough memory")
    }

    @Test func moveOfAHugeRange() throws {
        try expectStopped("table.move({}, 1, 1e15, 1, {})", "bad argument #3 to 'move' (too many elements to move for the sandbox")
    }

    // Patterns: the sandbox's matcher checks the limits as it backtracks (more shapes, and
    // the comparison with Lua's own results, in SandboxPatternTests).

    @Test func balancedMatchOnAMillionParentheses() throws {
        try expectStopped("return ('('):rep(1e6):find('%b()')", "time limit exceeded")
    }

    @Test func optionalItemsBacktrack() throws {
        try expectStopped("return (('a'):rep(40)):find(('a?'):rep(40) .. ('a'):rep(40))", "time limit exceeded")
        try expectStopped("return (('a'):rep(30)):match(('a?'):rep(30) .. 'b')", "time limit exceeded")
    }

    /// A loop of costly calls: the hook runs every 100 instructions, but each call here takes
    /// milliseconds; every guarded call checks the deadline itself.
    @Test func loopsOfCostlyCalls() throws {
        let big = "local s = ('x'):rep(1 << 24)\n"
        try expectStopped(big + "while true do local _ = s:upper() end", "time limit exceeded")
        try expectStopped(big + "while true do local _ = s:find('y', 1, true) end", "time limit exceeded")
        try expectStopped("local s = ('x'):rep(1 << 22) while true do local _ = s:find('%d') end", "time limit exceeded")
        try expectStopped("local t = {} for i = 1, 3e5 do t[i] = {} end while true do collectgarbage() end", "time limit exceeded")
        try expectStopped("local t = {} for i = 1, 2^21 do t[i] = math.random() end table.sort(t)", "time limit exceeded")
        try expectStopped("local t = {} for i = 1, 2^20 do t[i] = -i end table.sort(t, function(a, b) return a < b end)", "time limit exceeded")
    }

    /// One instruction can be costly too: a concatenation that copies 16 MB.
    @Test func loopsOfCostlyInstructions() throws {
        try expectStopped("local s = ('x'):rep(1 << 24) while true do local _ = s .. 'y' end", "time limit exceeded")
    }

    // Siblings: other calls that looped in C without a bound.

    @Test func lengthsClaimedByLen() throws {
        let proxy = "local t = setmetatable({}, { __len = function() return 2^40 end })\n"
        try expectStopped(proxy + "table.insert(t, 1, 0)", "bad argument #1 to 'insert' (too many elements to shift")
        try expectStopped(proxy + "table.remove(t, 1)", "bad argument #1 to 'remove' (too many elements to shift")
        try expectStopped(proxy + "return table.concat(t, ',', 1, 2^40)", "bad argument #4 to 'concat' (too many elements")
    }

    @Test func plainSearchesThatCompareQuadratically() throws {
        try expectStopped("local s = ('a'):rep(2e7) return s:find(('a'):rep(1e5) .. 'b', 1, true)", "time limit exceeded")
    }

    @Test func chunksFormatsAndOutput() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: Self.limit))
        let r = try Sandbox.run("""
            local f1, e1 = load(('x = 1 '):rep(4e5))
            local n = 0
            local f2, e2 = load(function() n = n + 1 if n < 100 then return ('x = 1 '):rep(2e4) end end)
            local _, e3 = pcall(os.date, ('%c'):rep(1e5))
            local _, e4 = pcall(string.pack, ('x'):rep(1e6))
            local _, e5 = pcall(print, ('x'):rep(2e6))
            return f1, e1, f2, e2, e3, e4, e5, load('return 6 * 7')()
            """, name: "=s", in: lua)
        #expect(r[0] == .nil)
        #expect(r[1] == .string("chunk too large for the sandbox (at most 1 MiB)"))
        #expect(r[2] == .nil)
        #expect(r[3].asString?.contains("chunk too large for the sandbox") == true, "\(r[3])")
        #expect(r[4] == .string("bad argument #1 to 'os.date' (format too long for the sandbox (at most 4096 bytes))"))
        #expect(r[5] == .string("bad argument #1 to 'string.pack' (format too long for the sandbox (at most 4096 bytes))"))
        #expect(r[6].asString?.contains("print: output too large for the sandbox") == true, "\(r[6])")
        #expect(r[7] == .integer(42))
    }

    /// What the guards must not refuse: everyday patterns on large inputs.
    ///
    /// The guards (the matcher's budget, the size checks) are under test, not the clock: a
    /// generous time limit keeps a loaded CI machine (debug build, shared cores) from failing it.
    @Test func everydayPatternsOnLargeInputsStillWork() throws {
        let lua = try Sandbox.makeState(limits: .init(instructions: nil, seconds: 30))
        let r = try Sandbox.run("""
            local line = ('  word '):rep(2000)
            local trimmed = line:match('^%s*(.-)%s*$')
            local text = ('alpha beta  gamma\\n'):rep(6e4)
            local squeezed, spaces = text:gsub('%s+', ' ')
            local words = 0
            for _ in text:gmatch('%a+') do words = words + 1 end
            local config = ('key=value;'):rep(1e4)
            local pairs_ = select(2, config:gsub('(%w+)=(%w+)', '%2=%1'))
            local big = ('x'):rep(1 << 24) .. 'needle'
            local at = big:find('needle', 1, true)
            local csv, fields = ('a,bb,ccc,'):rep(3e4), 0
            for _ in csv:gmatch('[^,]+') do fields = fields + 1 end
            return #trimmed, spaces, words, pairs_, at, fields
            """, name: "=ok", in: lua)
        #expect(r == [.integer(13_997), .integer(180_000), .integer(180_000), .integer(10_000), .integer((1 << 24) + 1), .integer(90_000)])
    }
}
