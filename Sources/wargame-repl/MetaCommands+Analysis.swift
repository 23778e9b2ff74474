import Foundation
import WargameKit

// Meta-commands that step and read a scenario, and show it as tables, files and plots.
extension MetaCommands {
    /// Commands written in Lua alone (none: stepping needs the pager after the turns).
    static let analysisBodies: [String: String] = [:]

    /// `:step [n]` steps one turn at a time and returns each turn's report; a failing turn
    /// (a policy's error) ends the loop, and the turns made before it are still shown.
    static let stepBody = """
        local given = ...
        local n = 1
        if given ~= nil then
          n = math.tointeger(tonumber(given))
          if n == nil then fail("usage: :step [n] (n is a number of turns, got '" .. given .. "')") end
          if n == 0 then fail(":step 0 steps nothing: give a number of turns, 1 or more (:step alone steps one)") end
          if n < 0 then fail(("cannot step back %d turns: :undo goes back one turn, :rewind n to turn n"):format(-n)) end
          if n > 1000000 then fail(":step takes at most 1000000 turns at a time") end
        end
        local s = need()
        if s.ended then
          fail(("ended at turn %d: %s; nothing stepped"):format(s.turn, (tostring(s.ended):gsub("_", " "))))
        end
        local out = {}
        local ok, err = pcall(function()
          for i = 1, n do
            if i > 1 and s.ended then break end
            out[#out + 1] = tostring(s:step())
          end
        end)
        return out, (not ok) and tostring(err) or nil
        """

    /// Commands that print tables in the session's `:mode`, write files or draw.
    static let analysisNative: [String: Native] = [
        ":step": { args, state in
            guard let v = values(":step", stepBody, args, state) else { return .proceed }
            // Policies and hooks print as they run; the reports come after, through the pager.
            let reports = v.first?.array.compactMap(\.asString) ?? []
            Pager.paging { for r in reports { print(r) } }
            if v.count > 1, let error = v[1].asString {
                CommandLineTool.report(strip(error, chunk: ":step"))
                CommandLineTool.reportExcerpt(of: error)  // the script line and a caret
            }
            return .proceed
        },
        ":status": { _, state in
            guard let v = values(":status", "return need():status()", [], state)?.first?.asString else { return .proceed }
            guard Settings.mode != .table else { print(v); return .proceed }
            print(statusGrid(v).render(Settings.mode))
            return .proceed
        },
        ":balance": { args, state in
            guard let b = values(":balance", """
                local a, b = ...
                arg(b, "usage: :balance a b")
                return need():balance(a, b)
                """, args, state)?.first else { return .proceed }
            guard Settings.mode != .table else { print(b["summary"].asString ?? ""); return .proceed }
            let rows = b["contributions"].array.map { c in
                [c["side"], c["state"], c["cinc"], c["weight"], c["power"], c["alliance"]]
            }
            print(Grid(columns: ["side", "state", "cinc_share_of_world", "weight", "power", "alliance"], rows: rows)
                .render(Settings.mode))
            return .proceed
        },
        ":damage": { args, state in
            guard let d = values(":damage", "return need():damage(arg(..., \"usage: :damage t\")), ...", args, state)?.first
            else { return .proceed }
            guard Settings.mode != .table else { print(d["summary"].asString ?? ""); return .proceed }
            print(damageGrid(d, state: args.first ?? "").render(Settings.mode))
            return .proceed
        },
        ":log": { args, state in
            guard let log = values(":log", """
                local n = int(..., "usage: :log [n]")
                if n ~= nil and n < 1 then fail("usage: :log [n] (n is a number of turns, 1 or more)") end
                local s = need()
                local log = s:log()
                local from = n and (s.turn - n + 1) or 0
                local out = {}
                for i = 1, #log do
                  local e = log[i]
                  if e.turn >= from then out[#out + 1] = { turn = e.turn, kind = e.kind, text = e.text } end
                end
                return out
                """, args, state)?.first else { return .proceed }
            let events = log.array.map { (turn: Int($0["turn"].asDouble ?? 0), kind: $0["kind"].asString ?? "", text: $0["text"].asString ?? "") }
            if Settings.mode == .table {
                if events.isEmpty { print("(no events yet)") }
                for line in EventStory.lines(events) { print(line) }
            } else {
                let rows = events.map { [LuaValue.integer(Int64($0.turn)), .string($0.kind), .string(EventStory.line(kind: $0.kind, text: $0.text))] }
                print(Grid(columns: ["turn", "kind", "event"], rows: rows).render(Settings.mode))
            }
            return .proceed
        },
        ":mode": { args, _ in
            guard let name = args.first else {
                print("mode \(Settings.mode.rawValue) (one of \(OutputMode.allCases.map(\.rawValue).joined(separator: ", ")))")
                return .proceed
            }
            guard let mode = OutputMode(rawValue: name) else {
                CommandLineTool.report("usage: :mode [table|csv|json|markdown] (got '\(name)')")
                return .proceed
            }
            Settings.mode = mode
            print("mode \(mode.rawValue): :status, :balance, :damage, :log and Monte Carlo summaries print as \(mode.rawValue)")
            return .proceed
        },
        ":set": { args, _ in
            guard let name = args.first else {
                print("pager \(Settings.pager ? "on" : "off")")
                return .proceed
            }
            guard name == "pager", args.count == 2, let on = ["on": true, "off": false][args[1]] else {
                CommandLineTool.report("usage: :set pager on|off")
                return .proceed
            }
            Settings.pager = on
            print("pager \(on ? "on" : "off")")
            return .proceed
        },
        ":export": { args, state in
            guard args.count == 2 else { CommandLineTool.report("usage: :export log|series|name file"); return .proceed }
            let (what, file) = (args[0], args[1])
            if state.isSandboxed {
                CommandLineTool.report("cannot export to \(file): the sandbox does not allow writing files")
                return .proceed
            }
            guard let v = values(":export", """
                local what = ...
                if what == "log" or what == "series" then
                  local s = need()
                  if what == "log" then return what, s:log() end
                  return what, s:series()
                end
                local v = rawget(_ENV, what)
                if is_scenario(v) then return "series", v:series() end
                if type(v) == "table" and rawget(v, "runs") ~= nil and rawget(v, "reached") ~= nil then return "montecarlo", v end
                fail(("cannot export '%s': give log, series, or the name of a scenario or a Monte Carlo summary"):format(what))
                """, [what], state), v.count == 2, let kind = v[0].asString else { return .proceed }
            let grid: Grid
            switch kind {
            case "log":
                grid = Grid(columns: ["turn", "kind", "event"], rows: v[1].array.map {
                    [$0["turn"], $0["kind"], .string(EventStory.line(kind: $0["kind"].asString ?? "", text: $0["text"].asString ?? ""))]
                })
            case "series": grid = seriesGrid(v[1])
            default: grid = MonteCarloGrid.grid(v[1])
            }
            do {
                try TextExport.write(grid.csv + "\n", to: file)
                print("wrote \(grid.rows.count) rows (\(grid.columns.joined(separator: ", "))) to \(file)")
            } catch {
                CommandLineTool.report("cannot export to \(file): \((error as? FileError)?.reason ?? "\(error)")")
            }
            return .proceed
        },
        ":plot": { args, state in
            guard let v = values(":plot", """
                local name = ...
                local v
                if name == nil then v = need() else v = rawget(_ENV, name) end
                if is_scenario(v) then return "scenario", v:series(), tostring(v.name) end
                if type(v) == "table" and rawget(v, "runs") ~= nil and rawget(v, "reached") ~= nil then return "montecarlo", v end
                fail(("cannot plot '%s': it holds a %s, not a scenario or a Monte Carlo summary"):format(name, type(v)))
                """, args, state), let kind = v.first?.asString, v.count >= 2 else { return .proceed }
            let lines = kind == "scenario"
                ? Plot.scenario(name: v.count > 2 ? (v[2].asString ?? "scenario") : "scenario", series: v[1], g: Plot.glyphs())
                : Plot.histogram(v[1], g: Plot.glyphs())
            print(lines.joined(separator: "\n"))
            return .proceed
        },
    ]

    /// `:status` text back into its (label, value) rows: the labels are padded to one width.
    static func statusGrid(_ text: String) -> Grid {
        let lines = text.split(separator: "\n").map(String.init)
        let first = lines.first ?? ""
        let labelEnd = first.range(of: "  ")?.lowerBound ?? first.endIndex
        var col = first.distance(from: first.startIndex, to: labelEnd)
        while col < first.count, first[first.index(first.startIndex, offsetBy: col)] == " " { col += 1 }
        let rows = lines.map { line -> [LuaValue] in
            let label = String(line.prefix(col)).trimmingCharacters(in: .whitespaces)
            return [.string(label), .string(String(line.dropFirst(col)))]
        }
        return Grid(columns: ["field", "value"], rows: rows)
    }

    static func damageGrid(_ d: LuaValue, state: String) -> Grid {
        Grid(columns: ["state", "gdp_loss_usd_bn_cumulative", "gdp_loss_pct_of_annual_gdp", "blocked_usd_bn", "leaked_usd_bn",
                       "unreplaced_usd_bn", "commission_usd_bn"],
             rows: [[.string(state), d["gdp_loss"], d["gdp_loss_pct"], d["blocked"], d["leaked"], d["unreplaced"], d["commission"]]])
    }

    static func seriesGrid(_ s: LuaValue) -> Grid {
        let columns = s["columns"].array.compactMap(\.asString)
        return Grid(columns: columns, rows: s.array.map { row in columns.map { row[$0] } })
    }
}
