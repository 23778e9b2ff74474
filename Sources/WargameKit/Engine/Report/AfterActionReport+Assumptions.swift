import Foundation

/// The report's assumptions: what the run rests on, as tables a class can argue with.
extension AfterActionReport {
    static func assumptions(_ r: RunRecord) -> String {
        let s = r.scenario
        var out = ""

        // The scenario and its seed.
        let start = r.points.first
        var rows: [(String, String)] = [
            ("name", s.name),
            ("seed", "\(start?.seed ?? s.seed)" + (start.map { $0.turn > 0 ? " (at turn \($0.turn), the earliest kept)" : "" } ?? "")),
        ]
        if let script = r.script {
            rows.append(("script", script.path))
            rows.append(("script arguments", script.args.isEmpty ? "none" : script.args.joined(separator: " ")))
        }
        rows.append(("capabilities", "COW NMC v6.0, year \(s.capabilities.year)"))
        for m in r.marks where m.kind == .reseed { rows.append(("reseed at turn \(m.turn)", m.text)) }
        if let start, start.turn == 0 { rows.append(("start rung", "\(start.rung) \(s.ladder.name(start.rung))")) }
        rows.append(("turn limit", "\(s.turnLimit) turns"))
        rows.append(("ladder", s.ladder == .standard ? "the default ladder of \(s.ladder.rungs.count) rungs"
                                                     : "the script's own ladder of \(s.ladder.rungs.count) rungs"))
        out += "<h3>Scenario</h3><table class=\"kv\"><tbody>"
            + rows.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined() + "</tbody></table>"
        out += ladderTable(s.ladder)

        // Sides.
        out += "<h3>Sides</h3><table><thead><tr><th>side</th><th>leader</th><th>members</th><th>nuclear-armed</th>"
            + "<th>stake (ceiling of its nuclear hazard)</th></tr></thead><tbody>"
        for side in s.sides {
            let warheads = side.members.reduce(0) { $0 + (s.warheads[$1] ?? 0) }
            let nuclear: String
            switch side.nuclearOverride {
            case .some(true): nuclear = "yes (set by the script)" + (warheads > 0 ? "; \(warheads) warheads" : "")
            case .some(false): nuclear = "no (set by the script)"
            case .none:
                if !s.isNuclear(side) {
                    nuclear = "no"
                } else {
                    nuclear = warheads > 0 ? "yes: \(warheads) warheads" : "yes (held nuclear weapons in \(s.capabilities.year); no warhead count)"
                }
            }
            out += "<tr><td>\(escape(side.name))</td><td>\(escape(side.leader))</td><td>\(escape(side.members.joined(separator: " ")))</td>"
                + "<td>\(escape(nuclear))</td><td>\(side.stake.map { HTMLText.number($0, 2) } ?? "doctrine's (\(HTMLText.number(s.doctrine.stake, 2)))")</td></tr>"
        }
        out += "</tbody></table>"

        // Alliances.
        out += "<h3>Alliances</h3>"
        if s.alliances.isEmpty {
            out += "<p class=\"note\">None.</p>"
        } else {
            out += "<table><thead><tr><th>alliance</th><th>members</th><th>obligation</th><th>format</th><th>covers a war against</th>"
                + "<th>reliability (chance a member honours it)</th></tr></thead><tbody>"
            for a in s.alliances {
                let against = a.against.flatMap { $0.isEmpty ? nil : $0.joined(separator: " ") } ?? "any opponent"
                out += "<tr><td>\(escape(a.name))</td><td>\(escape(a.members.joined(separator: " ")))</td><td>\(a.obligation.rawValue)</td>"
                    + "<td>\(a.format.rawValue)</td><td>\(escape(against))</td><td>\(HTMLText.number(a.reliability, 2))</td></tr>"
            }
            out += "</tbody></table>"
        }

        // Sanctions and alignments.
        let m = s.sanctions
        out += "<h3>Sanctions</h3>"
        if m.packages.isEmpty {
            out += "<p class=\"note\">None.</p>"
        } else {
            out += "<table><thead><tr><th>package</th><th>by</th><th>target</th><th>coverage (share of their trade blocked)</th>"
                + "<th>trade</th><th>from turn</th><th>secondary sanctions</th></tr></thead><tbody>"
            for p in m.packages {
                let trade = p.direction.rawValue + (p.sectors.map { ", sectors " + $0.joined(separator: " ") } ?? ", all sectors")
                out += "<tr><td>\(escape(p.name))</td><td>\(escape(p.sanctioners.joined(separator: " ")))</td><td>\(escape(p.target))</td>"
                    + "<td>\(HTMLText.number(p.coverage, 2))</td><td>\(escape(trade))</td><td>\(p.startTurn)</td>"
                    + "<td>\(p.secondary ? "yes" : "no")</td></tr>"
            }
            out += "</tbody></table>"
        }
        out += "<h3>Countersanction alignments</h3>"
        if m.alignments.isEmpty {
            out += "<p class=\"note\">None.</p>"
        } else {
            out += "<table><thead><tr><th>alignment</th><th>members</th><th>helps</th><th>visibility (0–1)</th>"
                + "<th>commission (share of rerouted value)</th><th>members are</th><th>capacity</th></tr></thead><tbody>"
            for a in m.alignments {
                out += "<tr><td>\(escape(a.name))</td><td>\(escape(a.members.joined(separator: " ")))</td><td>\(escape(a.beneficiary))</td>"
                    + "<td>\(HTMLText.number(a.visibility, 2))</td><td>\(HTMLText.number(a.commission, 2))</td>"
                    + "<td>\(a.pragmatic ? "pragmatic (leave when it costs more than it pays)" : "held for status (stay whatever it costs)")</td>"
                    + "<td>\(a.capacity.map { HTMLText.number($0, 2) } ?? "default (\(HTMLText.number(m.parameters.capacity, 2)))")</td></tr>"
            }
            out += "</tbody></table>"
        }
        if !m.gdp.isEmpty || !m.trade.flows.isEmpty {
            out += "<details><summary>Economy: GDP of \(m.gdp.count) states, \(m.trade.flows.count) trade flows (USD bn a year)</summary>"
            out += "<table><thead><tr><th>state</th><th>GDP (USD bn a year)</th></tr></thead><tbody>"
                + m.gdp.sorted { $0.key < $1.key }.map { "<tr><td>\(escape($0.key))</td><td>\(HTMLText.number($0.value, 1))</td></tr>" }.joined()
                + "</tbody></table>"
            out += "<table><thead><tr><th>from</th><th>to</th><th>sector</th><th>value (USD bn a year)</th></tr></thead><tbody>"
                + m.trade.flows.map {
                    "<tr><td>\(escape($0.exporter))</td><td>\(escape($0.importer))</td><td>\(escape($0.sector ?? "all"))</td>"
                        + "<td>\(HTMLText.number($0.value, 1))</td></tr>"
                }.joined() + "</tbody></table></details>"
        }

        // Parameters.
        out += "<h3>Model parameters</h3>"
        let changed = changedRows(s.doctrine) + changedRows(s.theatre) + changedRows(s.sanctions.parameters)
        if changed.isEmpty {
            out += "<p>Every doctrine, theatre and sanctions parameter has its default value.</p>"
        } else {
            out += "<p>Parameters this scenario sets differently from the defaults:</p>"
                + "<table><thead><tr><th>parameter</th><th>value here</th><th>default</th><th>meaning</th></tr></thead><tbody>"
                + changed.joined() + "</tbody></table>"
        }
        out += "<details><summary>The defaults of every parameter, with their sources</summary>"
            + defaultsTable(DoctrineParameters.self) + defaultsTable(TheatreParameters.self)
            + defaultsTable(SanctionsParameters.self) + "</details>"
        return out
    }

    static func changedRows<G: ParameterGroup>(_ group: G) -> [String] {
        let d = G()
        return G.table.compactMap { p in
            let v = p.get(group), dv = p.get(d)
            guard v != dv else { return nil }
            return "<tr><td>\(G.groupName).\(escape(p.name))</td><td>\(LuaNumberText.format(v))</td>"
                + "<td>\(LuaNumberText.format(dv))</td><td>\(escape(p.meaning))</td></tr>"
        }
    }

    static func defaultsTable<G: ParameterGroup>(_: G.Type) -> String {
        let d = G()
        return "<h4>\(G.groupName)</h4><table class=\"defaults\"><thead><tr><th>parameter</th><th>default</th><th>range</th>"
            + "<th>meaning</th><th>source</th></tr></thead><tbody>"
            + G.table.map { p in
                "<tr><td>\(escape(p.name))</td><td>\(LuaNumberText.format(p.get(d)))</td><td>\(escape(p.range))</td>"
                    + "<td>\(escape(p.meaning))</td><td>\(escape(p.source))</td></tr>"
            }.joined() + "</tbody></table>"
    }

    static func ladderTable(_ ladder: Ladder) -> String {
        "<details><summary>The ladder's rungs</summary><table><thead><tr><th>rung</th><th>name</th><th>kind</th>"
            + "<th>cost per turn</th><th>slip risk per turn</th><th>description</th></tr></thead><tbody>"
            + ladder.rungs.indices.map { i in
                let kind = ladder.isNuclear(i) ? "nuclear" : (ladder.isWar(i) ? "war" : "short of war")
                let rung = ladder.rungs[i]
                return "<tr><td>\(i)</td><td>\(escape(rung.name))</td><td>\(kind)</td>"
                    + "<td>\(HTMLText.number(ladder.cost(i), 2))</td>"
                    + "<td>\(HTMLText.number(ladder.risk(i), 2))</td><td>\(escape(rung.description))</td></tr>"
            }.joined() + "</tbody></table></details>"
    }
}
