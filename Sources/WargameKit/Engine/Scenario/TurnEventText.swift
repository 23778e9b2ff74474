/// The text of the event that opens every turn, "turn 3: sanctions (rung 2)", written
/// into one allocation (``TextWriter``). Interpolated or built with `+=`, each of its
/// seven pieces cost about 300 instructions (issue 14's profile); the text is the same.
enum TurnEventText {
    static func make(turn: Int, rungName: String, rung: Int) -> String {
        var name = rungName  // withUTF8 may have to make a bridged string contiguous
        return name.withUTF8 { nameBytes in
            String(unsafeUninitializedCapacity: 15 + nameBytes.count + TextWriter.length(turn) + TextWriter.length(rung)) { out in
                var w = TextWriter(out)
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
}

extension TurnEventText {
    /// The text of a change of rung that the sides asked for: "crisis → sanctions (asked by
    /// RUS)" when some asked for more (`askedBy`, their leaders in side order, joined by ", "),
    /// "sanctions → crisis (every side asked for less)" when `askedBy` is nil. Written into
    /// one allocation, as ``make(turn:rungName:rung:)``: the interpolation and the joined
    /// list of leaders cost a turn that escalated several thousand instructions (issue 14's
    /// profile). The text is the interpolation's.
    static func rungChange<Leaders: Collection<String>>(from: String, to: String, askedBy leaders: Leaders?) -> String {
        var from = from, to = to  // withUTF8 may have to make a bridged string contiguous
        // " → " is 5 bytes; " (every side asked for less)" 28; " (asked by " and ")" 12.
        var capacity = from.utf8.count + to.utf8.count + 5 + 28
        if let leaders {
            capacity = from.utf8.count + to.utf8.count + 5 + 12
            for leader in leaders { capacity += leader.utf8.count + 2 }
        }
        return from.withUTF8 { fromBytes in
            to.withUTF8 { toBytes in
                String(unsafeUninitializedCapacity: capacity) { out in
                    var w = TextWriter(out)
                    w.put(fromBytes)
                    w.put(" → ")
                    w.put(toBytes)
                    guard let leaders else {
                        w.put(" (every side asked for less)")
                        return w.count
                    }
                    w.put(" (asked by ")
                    var first = true
                    for var leader in leaders {
                        if !first { w.put(", ") }
                        first = false
                        leader.withUTF8 { w.put($0) }
                    }
                    w.put(")")
                    return w.count
                }
            }
        }
    }
}
