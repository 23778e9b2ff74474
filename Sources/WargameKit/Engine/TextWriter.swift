/// Bytes written one piece after another into a buffer sized for all of them, for the log
/// lines a turn makes: each is then one allocation, where an interpolation grew its string
/// piece by piece and sent integers through their generic `description` (issue 14's
/// profile). The text is the same as the interpolation's.
struct TextWriter {
    let out: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ out: UnsafeMutableBufferPointer<UInt8>) { self.out = out }

    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            out[count] = b
            count += 1
        }
    }

    mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { put($0) }
    }

    /// `v` in decimal, as `String(v)` writes it.
    mutating func put(_ v: Int) {
        let end = count + Self.length(v)
        if v < 0 { out[count] = UInt8(ascii: "-") }
        var m = v.magnitude, k = end
        repeat {
            k -= 1
            out[k] = UInt8(ascii: "0") + UInt8(m % 10)
            m /= 10
        } while m > 0
        count = end
    }

    /// Characters of `v` in decimal, its sign included.
    static func length(_ v: Int) -> Int {
        var m = v.magnitude, count = v < 0 ? 2 : 1
        while m >= 10 {
            m /= 10
            count += 1
        }
        return count
    }
}
