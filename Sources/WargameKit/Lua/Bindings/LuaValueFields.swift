/// Reading the fields of an argument table (`wg.scenario{...}`, `s:alliance{...}`): each
/// reader names the field in its error, so a binding reports `field 'seed' must be an integer`.
/// Strings are bounded (``InputLimits``): names and state codes to 256 bytes, others to 4096.
/// A reader's error becomes an argument error of the table (see ``FieldError``).
extension LuaValue {
    func string(_ key: String, max: Int = InputLimits.text) throws -> String? {
        switch self[key] {
        case .nil: return nil
        case .string(let s):
            guard s.utf8.count <= max else { throw FieldError("field '\(key)' longer than \(max) bytes") }
            return s
        default: throw FieldError("field '\(key)' must be a string")
        }
    }
    /// A name or state code.
    func name(_ key: String) throws -> String? { try string(key, max: InputLimits.name) }
    func number(_ key: String) throws -> Double? {
        switch self[key] {
        case .nil: return nil
        case .integer(let i): return Double(i)
        case .number(let d) where d.isFinite: return d
        default: throw FieldError("field '\(key)' must be a finite number")
        }
    }
    func integer(_ key: String, range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64? {
        let v: Int64
        switch self[key] {
        case .nil: return nil
        case .integer(let i): v = i
        case .number(let d) where d.isFinite && d == d.rounded() && abs(d) < 9e18: v = Int64(d)
        default: throw FieldError("field '\(key)' must be an integer")
        }
        guard range.contains(v) else { throw FieldError("field '\(key)' must be in \(range.lowerBound)..\(range.upperBound)") }
        return v
    }
    func strings(_ key: String) throws -> [String]? {
        switch self[key] {
        case .nil: return nil
        case .string(let s) where s.utf8.count <= InputLimits.name: return [s]
        case .table(let t):
            return try (1...max(t.count, 1)).compactMap { i -> String? in
                guard let v = t[.integer(Int64(i))] else { if t.isEmpty { return nil }; throw FieldError("field '\(key)' must be an array of state codes") }
                guard case .string(let s) = v, s.utf8.count <= InputLimits.name else {
                    throw FieldError("field '\(key)' must be an array of state codes (names of at most \(InputLimits.name) bytes)")
                }
                return s
            }
        default: throw FieldError("field '\(key)' must be an array of state codes")
        }
    }
}

/// A bad field of an argument table. The trampoline reports it as an error of the function's
/// first argument after `self`, where every binding takes its table:
/// `bad argument #1 to 'alliance' (field 'name' longer than 256 bytes)`.
struct FieldError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
