/// The per-turn series of a scenario's history (rung, odds, conventional positions,
/// sanctions damage), for exports and terminal plots. Measurement only: it reads the
/// states the history kept and changes nothing.
public enum TurnSeries {
    /// One cell of the series.
    public enum Cell: Sendable, Equatable {
        case integer(Int)
        case number(Double)
        case text(String)
        /// No value (a side or target that did not exist at that turn).
        case missing
    }

    /// Column names, with their units: `turn`, `rung`, `rung_name`, then `p_win_<side>`
    /// (contest odds, 0-1), `position_<side>` (share of the initial theatre force, 0-1;
    /// 1 before fighting), `damage_pct_<target>` (cumulative GDP loss, % of annual GDP).
    public static func columns(_ s: Scenario) -> [String] {
        ["turn", "rung", "rung_name"] + s.sides.map { "p_win_\($0.name)" } + s.sides.map { "position_\($0.name)" }
            + targets(s).map { "damage_pct_\($0)" }
    }

    static func targets(_ s: Scenario) -> [String] { Set(s.sanctions.packages.map(\.target)).sorted() }

    /// One row per turn of the history, turn 0 first, in the current state's columns.
    public static func rows(_ history: ScenarioHistory) -> [[Cell]] {
        let sides = history.current.sides.map(\.name), targets = targets(history.current)
        return history.timeline.map { s in
            let odds = (try? s.sideOdds(at: s.turn + 1)) ?? []
            var row: [Cell] = [.integer(s.turn), .integer(s.rung), .text(s.rungName)]
            for name in sides {
                let i = s.sides.firstIndex { $0.name == name }
                row.append(i.flatMap { $0 < odds.count ? Cell.number(odds[$0].pWin) : nil } ?? .missing)
            }
            for name in sides {
                row.append(s.sides.firstIndex { $0.name == name }.map { .number(s.position($0)) } ?? .missing)
            }
            for t in targets { row.append(.number(s.sanctions.damage(t).gdpLossPct)) }
            return row
        }
    }
}
