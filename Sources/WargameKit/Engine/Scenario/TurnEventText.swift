/// The text of the event that opens every turn, "turn 3: sanctions (rung 2)", written
/// byte by byte into one allocation. Interpolated or built with `+=`, each of its seven
/// pieces cost about 300 instructions and its integers went through their generic
/// `description` (issue 14's profile); the text is the same.
enum TurnEventText {
    static func make(turn: Int, rungName: String, rung: Int) -> String {
        var name = rungName  // withUTF8 may have to make a bridged string contiguous
        return name.withUTF8 { nameBytes in
            String(unsafeUninitializedCapacity: 15 + nameBytes.count + length(turn) + length(rung)) { out in
                var w = Writer(out: out)
                w.put("turn ")
                w.put(turn)
                w.put(": ")
                w.put(nameBytes)
                w.put(" (rung ")
                w.put(rung)
                w.put(")")
                return w.count
            }
        }
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

    /// Appends to a buffer that `make` sized for the whole text. (A struct rather than
    /// nested functions: those captured the count, and each access to it was checked.)
    private struct Writer {
        let out: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            for b in bytes {
                out[count] = b
                count += 1
            }
        }

        mutating func put(_ text: StaticString) {
            text.withUTF8Buffer { put($0) }
        }

        mutating func put(_ v: Int) {
            let end = count + TurnEventText.length(v)
            if v < 0 { out[count] = UInt8(ascii: "-") }
            var m = v.magnitude, k = end
            repeat {
                k -= 1
                out[k] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            count = end
        }
    }
}
