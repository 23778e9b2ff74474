/// A classroom exercise as its file describes it: the teams, what each may order and see,
/// the turn limit and the white cell's scheduled injects. The scenario itself is a
/// ``Scenario`` beside it (see ``Exercise``).
public struct ExerciseDefinition: Codable, Hashable, Sendable {
    /// The kinds of order a team may give (the engine's ``Move``s).
    public enum MoveKind: String, Codable, Hashable, Sendable, CaseIterable {
        case escalate, hold, deescalate
        /// `rung N`: ask for a given rung.
        case rung
    }

    /// What a team's view shows of its side's situation, besides turn and rung.
    public enum Sight: String, Codable, Hashable, Sendable, CaseIterable {
        /// Its contest odds and power ratio.
        case odds
        /// Its leader's sanctions damage.
        case damage
        /// Its theatre forces' position once fighting has begun.
        case position
    }

    public struct Team: Codable, Hashable, Sendable {
        public var name: String
        /// The scenario side the team plays.
        public var side: String
        /// What every team may read about this team.
        public var publicBriefing: String
        /// What only this team reads.
        public var privateBriefing: String
        public var moves: [MoveKind]
        public var sees: [Sight]
        /// Sanctions packages the team may impose (`sanction NAME`) and lift (`lift NAME`);
        /// their start turns are set when ordered. A package of the scenario's own may be
        /// listed too: it is in force from the start and the team may lift it.
        public var sanctions: [SanctionPackage]
        /// Alliances the team's side may call on before any attack (`invoke NAME`).
        public var invoke: [String]
        /// Alliances whose allies the team speaks for (`honour NAME`, `abandon NAME`).
        public var answers: [String]
        public init(name: String, side: String, publicBriefing: String, privateBriefing: String,
                    moves: [MoveKind] = MoveKind.allCases, sees: [Sight] = Sight.allCases,
                    sanctions: [SanctionPackage] = [], invoke: [String] = [], answers: [String] = []) {
            self.name = name
            self.side = side
            self.publicBriefing = publicBriefing
            self.privateBriefing = privateBriefing
            self.moves = moves
            self.sees = sees
            self.sanctions = sanctions
            self.invoke = invoke
            self.answers = answers
        }

        /// The team's package named `name` (any case).
        public func package(_ name: String) -> SanctionPackage? {
            sanctions.first { $0.name.lowercased() == name.lowercased() }
        }
    }

    /// A white-cell event: a line on the public timeline and, optionally, a changed
    /// alliance reliability (an ally wavers, or firms up).
    public struct Inject: Codable, Hashable, Sendable {
        /// The turn it happens before (applied when that turn opens; 1 is the first).
        public var turn: Int
        public var text: String
        public var alliance: String?
        public var reliability: Double?
        public init(turn: Int, text: String, alliance: String? = nil, reliability: Double? = nil) {
            self.turn = turn
            self.text = text
            self.alliance = alliance
            self.reliability = reliability
        }
    }

    public var name: String
    /// The situation every team reads.
    public var briefing: String
    public var teams: [Team]
    /// The last turn played (the scenario's own limit applies too).
    public var turns: Int
    public var injects: [Inject]

    public init(name: String, briefing: String, teams: [Team], turns: Int, injects: [Inject] = []) {
        self.name = name
        self.briefing = briefing
        self.teams = teams
        self.turns = turns
        self.injects = injects
    }

    public func team(_ name: String) -> Team? { teams.first { $0.name.lowercased() == name.lowercased() } }
}
