import CLua

/// `s:series()`: the per-turn series (``TurnSeries``) as a Lua table, one row table per
/// turn (turn 0 first) keyed by column name, plus `columns` (the names in order), `sides`
/// and `rungs` (the number of rungs of the scenario's ladder), for plots and exports.
enum SeriesBindings {
    static var methods: [LuaFunction] { [
        ScenarioMethods.method("series") { a, h in
            let columns = TurnSeries.columns(h.scenario)
            var t: [LuaValue: LuaValue] = [
                .string("columns"): LuaTables.array(columns.map { .string($0) }),
                .string("sides"): LuaTables.array(h.scenario.sides.map { .string($0.name) }),
                .string("rungs"): .integer(Int64(h.scenario.ladder.top + 1)),
            ]
            for (i, row) in TurnSeries.rows(h.history).enumerated() {
                var r: [LuaValue: LuaValue] = [:]
                for (name, cell) in zip(columns, row) {
                    switch cell {
                    case .integer(let n): r[.string(name)] = .integer(Int64(n))
                    case .number(let x): r[.string(name)] = .number(x)
                    case .text(let s): r[.string(name)] = .string(s)
                    case .missing: break
                    }
                }
                t[.integer(Int64(i + 1))] = .table(r)
            }
            a.push(.table(t))
            return 1
        },
    ] }
}
