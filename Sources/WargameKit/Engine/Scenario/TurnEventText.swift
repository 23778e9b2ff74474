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
