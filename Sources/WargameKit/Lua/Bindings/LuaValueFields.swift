/// Reading the fields of an argument table (`wg.scenario{...}`, `s:alliance{...}`): each
/// reader names the field in its error, so a binding reports `field 'seed' must be an integer`.
extension LuaValue {
    func string(_ key: String) throws -> String? {
        switch self[key] {
        case .nil: return nil
        case .string(let s): return s
        default: throw LuaCallError("field '\(key)' must be a string")
        }
    }
    func number(_ key: String) throws -> Double? {
        switch self[key] {
        case .nil: return nil
        case .integer(let i): return Double(i)
        case .number(let d) where d.isFinite: return d
        default: throw LuaCallError("field '\(key)' must be a finite number")
        }
    }
    func integer(_ key: String, range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64? {
        let v: Int64
        switch self[key] {
        case .nil: return nil
        case .integer(let i): v = i
        case .number(let d) where d.isFinite && d == d.rounded() && abs(d) < 9e18: v = Int64(d)
        default: throw LuaCallError("field '\(key)' must be an integer")
        }
        guard range.contains(v) else { throw LuaCallError("field '\(key)' must be in \(range.lowerBound)..\(range.upperBound)") }
        return v
    }
    func strings(_ key: String) throws -> [String]? {
        switch self[key] {
        case .nil: return nil
        case .string(let s): return [s]
        case .table(let t):
            return try (1...max(t.count, 1)).compactMap { i -> String? in
                guard let v = t[.integer(Int64(i))] else { if t.isEmpty { return nil }; throw LuaCallError("field '\(key)' must be an array of state codes") }
                guard case .string(let s) = v else { throw LuaCallError("field '\(key)' must be an array of state codes") }
                return s
            }
        default: throw LuaCallError("field '\(key)' must be an array of state codes")
        }
    }
}
