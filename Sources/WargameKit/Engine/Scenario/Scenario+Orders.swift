/// The stage of a turn for commitments a side calls on by its own decision (a classroom
/// exercise team's `invoke`), before any attack. Called only from ``Scenario/step(_:)``.
extension Scenario {
    /// Each alliance asked (by side index, in side order) calls its members that are on no
    /// side and have not answered before: each answers once, as on an attack, with one draw
    /// on the alliances stream against the alliance's reliability, or with the answer
    /// decided for it in `answers` (the draw is made all the same, so the other draws stay
    /// where they were). Those who honour join the side's forces when the fighting starts
    /// (``fight(turn:median:)``), and their answers count in the odds from the next turn.
    mutating func invokeAsked(turn: Int, _ asked: [Int: [String]], answers: [String: Bool]) -> [Event] {
        guard !asked.isEmpty else { return [] }
        var events: [Event] = []
        var answered = Set(sides.flatMap(\.members) + invocations.flatMap { $0.responses.map(\.state) })
        for i in sides.indices {
            for name in asked[i] ?? [] {
                guard let alliance = alliances.first(where: { $0.name == name }),
                      let caller = sides[i].members.first(where: alliance.members.contains) else { continue }
                var responses: [Invocation.Response] = []
                for ally in alliance.members where answered.insert(ally).inserted {
                    let drawn = streams[.alliances].uniform() < alliance.reliability
                    responses.append(Invocation.Response(state: ally, honoured: answers[name] ?? drawn))
                }
                guard !responses.isEmpty else { continue }
                invocations.append(Invocation(alliance: name, turn: turn, invokedBy: caller, side: sides[i].name,
                                              responses: responses))
                let said = responses.map { "\($0.state) \($0.honoured ? "honoured" : "declined")" }.joined(separator: ", ")
                let how = answers[name] == nil ? "" : " (answers decided, not drawn)"
                events.append(Event(turn: turn, kind: .alliance, text: "\(name) invoked by \(caller) before any attack: \(said)\(how)"))
            }
        }
        return events
    }
}
