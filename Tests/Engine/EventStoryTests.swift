import Testing
@testable import WargameKit

/// The log as a story: each engine event text as a sentence that says who did what, with
/// units, and no turn repeated inside it (the texts are those Scenario+Step.swift,
/// Scenario+War.swift and SanctionsModel.swift write today).
@Suite struct EventStoryTests {
    @Test func sentencesSayWhoDidWhat() {
        let cases: [(String, String, String)] = [
            ("escalation", "crisis → sanctions (asked by USA)", "USA escalates: crisis → sanctions"),
            ("escalation", "crisis → sanctions (asked by USA, RUS)", "USA, RUS escalate: crisis → sanctions"),
            ("deescalation", "proxy war → sanctions (every side asked for less)", "every side steps down: proxy war → sanctions"),
            ("escalation", "major war → nuclear signalling (RUS's nuclear pressure: fighting-strength share 0.30, hazard 0.05)",
             "RUS presses toward nuclear use: major war → nuclear signalling (fighting-strength share 0.30, hazard 0.05)"),
            ("escalation", "limited war → major war (inadvertent escalation: slip risk 0.05)",
             "inadvertent escalation, chosen by no side: limited war → major war (slip risk 0.05)"),
            ("combat", "USA 1234 (95%) vs RUS 456 (80%)",
             "fighting: USA 1234 thousand troops left (95% of its initial force), RUS 456 thousand (80%)"),
            ("sanctions", "TUR detected in 'Eurasian roundabout' (turn 3)", "sanctioners detect TUR rerouting trade in 'Eurasian roundabout'"),
            ("sanctions", "TUR leaves 'Eurasian roundabout' (turn 3)",
             "TUR leaves 'Eurasian roundabout': secondary sanctions would cost it more than its commission"),
            ("end", "nuclear_war: the top of the ladder was reached", "ended: nuclear war: the top of the ladder was reached"),
            ("alliance", "NATO Art. 5 invoked by EST: USA honoured", "NATO Art. 5 invoked by EST: USA honoured"),
        ]
        for (kind, text, story) in cases {
            #expect(EventStory.line(kind: kind, text: text) == story)
        }
    }

    /// Grouped under each turn's heading; a turn without its heading event gets one.
    @Test func eventsGroupUnderTheirTurn() {
        let lines = EventStory.lines([(1, "turn", "turn 1: sanctions (rung 2)"), (1, "escalation", "crisis → sanctions (asked by USA)"),
                                      (2, "sanctions", "KZK leaves 'X' (turn 2)")])
        #expect(lines == ["turn 1: sanctions (rung 2)", "  USA escalates: crisis → sanctions", "turn 2",
                          "  KZK leaves 'X': secondary sanctions would cost it more than its commission"])
        #expect(Event(turn: 4, kind: .escalation, text: "a → b (asked by RUS)").story == "turn 4: RUS escalates: a → b")
    }
}
