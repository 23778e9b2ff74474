import CLua
import Foundation

/// `wargame-repl --check`: loads a script in the sandbox without stepping it and lists
/// what is wrong with it, one ``Diagnostic`` a problem, each with the script's line.
///
/// The check runs the script for real, so what it reports is what the API itself refuses.
/// Before the script runs, a harness (Lua, ``harness``) wraps each scenario method: a call
/// that fails is recorded at the line of the script that made it (`debug.getinfo` of the
/// calling frame) and the script goes on, so one run reports every bad call. After the
/// script, the harness checks what no single call can: that a scenario is returned, and
/// that sanctions and alignments name states that are on a side.
///
/// Kinds of script are checked by kind (``Kind``); an exercise is loaded as
/// `--exercise` loads it (``ExerciseLoader``), scenario included, without playing a turn.
public enum ScriptCheck {
    /// What a file is, from the directory it lives in.
    public enum Kind: String, Sendable {
        /// Builds a scenario and returns it (Scripts/scenarios/, and any file elsewhere).
        case scenario
        /// A library of values for other scripts (a `lib/` directory): compiled only.
        case library
        /// An analysis program that runs scenarios and prints figures (an `analysis/` or
        /// `questions/` directory): compiled only, since checking it means running it.
        case analysis
        /// A classroom exercise (an `exercises/` directory): loaded with its scenario.
        case exercise

        public static func of(_ path: String) -> Kind {
            let dirs = path.split(separator: "/").dropLast()
            if dirs.contains("exercises") { return .exercise }
            if dirs.contains("lib") { return .library }
            if dirs.contains("analysis") || dirs.contains("questions") { return .analysis }  // they run Monte Carlo
            return .scenario
        }
    }

    /// One problem: `file:line: message` (`file: message` when no line is to blame, as
    /// for a file that cannot be read).
    public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    /// The check of one file: its problems, or what it builds when there are none.
    public struct Report: Sendable, Equatable {
        public var file: String
        public var kind: Kind
        public var diagnostics: [Diagnostic]
        /// What the file is, for the line printed when nothing is wrong.
        public var summary: String
        public var ok: Bool { diagnostics.isEmpty }

        /// One line a problem, or `file: ok (summary)`.
        public var lines: [String] {
            ok ? ["\(file): ok (\(summary))"] : diagnostics.map(\.description)
        }
    }

    /// Checks the file at `path` as its ``Kind`` says.
    public static func check(_ path: String) -> Report {
        let kind = Kind.of(path)
        var report = Report(file: path, kind: kind, diagnostics: [], summary: kind.rawValue)
        if kind == .exercise {
            do {
                let e = try ExerciseLoader.load(path)
                report.summary = "exercise '\(e.definition.name)', \(e.definition.teams.count) teams, \(e.definition.turns) turns"
            } catch {
                let m = error.message.hasPrefix(path + ": ") ? String(error.message.dropFirst(path.count + 2)) : nil
                report.diagnostics.append(m.map { Diagnostic(file: path, line: 0, message: $0) } ?? diagnostic(error.message, file: path))
            }
            return report
        }
        let state: LuaState
        do {
            state = try Sandbox.makeState()
        } catch {
            report.diagnostics.append(Diagnostic(file: path, line: 0, message: "cannot create a Lua state: \(error.message)"))
            return report
        }
        // A scenario may read its data (CSV files, another year's capabilities): checking
        // reads them too, and reports what is wrong with them. The bindings' file access is
        // allowed for that; the harness turns the ones that write or run other scripts
        // (s:save, s:report, wg.montecarlo) into no-ops. The script itself still sees only
        // the sandbox's globals: no io, os.execute, require or dofile.
        // Its own libraries (`require "lib/NAME"`), as a sandboxed run serves them.
        do {
            try Sandbox.serveLibraries(besides: path, state: state)
        } catch {
            report.diagnostics.append(diagnostic((error as? LuaError)?.message ?? "\(error)", file: path))
            return report
        }
        state.isSandboxed = false
        let L = state.L
        // Compiling is the whole check of a library or an analysis, and the first of a scenario.
        do {
            try state.loadFile(path, mode: Sandbox.loadMode)
        } catch {
            report.diagnostics.append(diagnostic(error.message, file: path))
            return report
        }
        guard kind == .scenario else {
            report.summary = "\(kind.rawValue): compiles; not run by --check"
            return report
        }
        let chunk = lua_gettop(L)
        // The harness gets debug.getinfo from the real library table (the sandbox's scripts
        // cannot reach it) and the shared table of scenario methods, which every new
        // scenario copies: wrapping them here wraps every scenario the script makes.
        do {
            try state.load(harness, name: "=(check)", mode: Sandbox.loadMode)
            _ = wg_rawgetloaded(L)
            _ = wg_rawgetfield(L, -1, "debug")
            _ = wg_rawgetfield(L, -1, "getinfo")
            lua_rotate(L, -3, 1)
            lua_settop(L, -3)
            if wg_rawgetmetatable(L, ScenarioHandle.metatable) == LUA_TTABLE {
                _ = wg_rawgetfield(L, -1, "__methods")
                lua_rotate(L, -2, 1)
                lua_settop(L, -2)
            }
            lua_pushstring(L, path)
            lua_pushinteger(L, Int64(lastLine(path)))
            try state.pcall(nargs: 4, nresults: 1)  // returns `run`
        } catch {
            report.diagnostics.append(Diagnostic(file: path, line: 0, message: "cannot check: \(error.message)"))
            return report
        }
        // run(chunk): the script under the harness; returns the diagnostics and a summary.
        lua_pushvalue(L, chunk)
        do {
            try state.pcall(nargs: 1, nresults: 2)
        } catch {
            report.diagnostics.append(diagnostic(error.message, file: path))
            lua_settop(L, chunk - 1)
            return report
        }
        let found = state.value(at: -2), summary = state.value(at: -1)
        lua_settop(L, chunk - 1)
        if case .table(let list) = found {
            for i in 1...max(list.count, 1) {
                guard case .table(let d) = list[.integer(Int64(i))] ?? .nil else { continue }
                let line = Int(d[.string("line")]?.asDouble ?? 0)
                let message = d[.string("message")]?.asString ?? "?"
                let entry = diagnostic(message, file: path, line: line)
                if !report.diagnostics.contains(entry) { report.diagnostics.append(entry) }
            }
        }
        report.diagnostics.sort { $0.line < $1.line }
        if let s = summary.asString { report.summary = s }
        return report
    }

    /// A diagnostic from Lua's `file:line: message` (or `line` when the message has no
    /// position of this file).
    static func diagnostic(_ message: String, file: String, line: Int = 0) -> Diagnostic {
        let first = message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? message
        for prefix in [file + ":", shortSource(file) + ":"] where first.hasPrefix(prefix) {
            let rest = first.dropFirst(prefix.count)
            let digits = rest.prefix(while: \.isNumber)
            if let n = Int(digits), rest.dropFirst(digits.count).hasPrefix(": ") {
                return Diagnostic(file: file, line: n, message: String(rest.dropFirst(digits.count + 2)))
            }
        }
        return Diagnostic(file: file, line: line, message: first)
    }

    /// How Lua shortens a chunk name of `@file` in messages (LUA_IDSIZE 60: "..." and the end).
    static func shortSource(_ file: String) -> String {
        let bytes = Array(file.utf8)
        guard bytes.count > 59 else { return file }
        return "..." + String(decoding: bytes.suffix(56), as: UTF8.self)
    }

    /// The last line that is not blank: where a script's final `return` is.
    static func lastLine(_ path: String) -> Int {
        guard let data = try? BoundedFileReader.read(path, limit: ScenarioLimits.maxDataFileBytes) else { return 0 }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.lastIndex(where: { !$0.allSatisfy(\.isWhitespace) }) ?? 0) + 1
    }

    /// Runs before the script, in its sandbox: arguments `getinfo, methods, file, lastLine`;
    /// returns `run(chunk)`, which runs the script and returns the diagnostics (`{line=,
    /// message=}`; a message that carries `file:line:` itself has line 0) and a summary.
    static let harness = #"""
        local getinfo, methods, file, last_line = ...
        local wg = wg
        local pcall, type, tostring, ipairs, pairs, getmetatable, rawget = pcall, type, tostring, ipairs, pairs, getmetatable, rawget
        local pack, unpack, sort, concat = table.pack, table.unpack, table.sort, table.concat
        local found = {}
        -- Raised after wg.scenario failed: the script cannot go on without its scenario,
        -- and what it would report next is noise.
        local abort = "\1check stopped"
        -- A script's output is not the checker's.
        print = function() end

        -- The line of the script that made the call: the first frame of this file above us.
        local function site()
          for level = 3, 50 do
            local info = getinfo(level, "Sl")
            if info == nil then break end
            if info.source == "@" .. file then return info.currentline end
          end
          return 0
        end

        -- State codes of the data, for suggestions ('rus' -> 'RUS').
        local codes
        local function suggest(code)
          if codes == nil then
            codes = {}
            local ok, caps = pcall(wg.capabilities)
            if ok and type(caps) == "table" then for k in pairs(caps) do codes[#codes + 1] = k end end
            sort(codes)
          end
          for _, k in ipairs(codes) do if k:upper() == code:upper() then return k end end
          -- One letter changed, added or removed.
          local function near(a, b)
            if a == b then return false end
            if #a == #b then
              local d = 0
              for i = 1, #a do if a:sub(i, i) ~= b:sub(i, i) then d = d + 1 end end
              return d == 1
            end
            if #a + 1 == #b then a, b = b, a end
            if #a ~= #b + 1 then return false end
            for i = 1, #a do if a:sub(1, i - 1) .. a:sub(i + 1) == b then return true end end
            return false
          end
          for _, k in ipairs(codes) do if near(k, code:upper()) then return k end end
          return nil
        end

        local function note(line, message)
          message = tostring(message)
          local code = message:match("unknown state code '([^']*)'") or message:match("unknown state '([^']*)'")
          if code then
            local s = suggest(code)
            if s and s ~= code then message = message .. " (did you mean '" .. s .. "'?)" end
          end
          found[#found + 1] = { line = line, message = message }
        end

        -- Per scenario: its sides (state -> side) and the calls to check at the end.
        local sides, calls, order = {}, {}, {}
        local function record(s) if calls[s] == nil then calls[s] = {}; sides[s] = {}; order[#order + 1] = s end end

        local function wrap(name, after)
          local real = rawget(methods, name)
          if type(real) ~= "function" then return end
          methods[name] = function(self, ...)
            local line = site()
            local r = pack(pcall(real, self, ...))
            if not r[1] then note(line, r[2]); return nil end
            if after then record(self); after(self, line, ...) end
            return unpack(r, 2, r.n)
          end
        end

        for _, name in ipairs({ "alliance", "trade", "economy", "policy", "on", "balance", "damage",
                                "log", "undo", "rewind", "fork", "status", "seed", "rung_name" }) do
          wrap(name)
        end
        wrap("side", function(s, line, name, members)
          for _, m in ipairs(members) do sides[s][m] = name end
        end)
        wrap("sanction", function(s, line, spec)
          if type(spec) == "table" then calls[s][#calls[s] + 1] = { kind = "sanction", line = line, spec = spec } end
        end)
        wrap("alignment", function(s, line, spec)
          if type(spec) == "table" then calls[s][#calls[s] + 1] = { kind = "alignment", line = line, spec = spec } end
        end)
        -- Checking never steps, writes or runs another script.
        methods.step = function(self) return nil end
        methods.save = function(self) end
        methods.report = function(self) end
        wg.montecarlo = function() return nil end

        local scenario = wg.scenario
        wg.scenario = function(...)
          local line = site()
          local r = pack(pcall(scenario, ...))
          if not r[1] then note(line, r[2]); error(abort, 0) end
          record(r[2])
          return unpack(r, 2, r.n)
        end

        local function no_side(s, code) return type(code) == "string" and sides[s][code] == nil end

        -- What no single call can see, on the scenario the script returns.
        local function check_result(s, n)
          if getmetatable(s) ~= "scenario" then
            local what = n == 0 and "returns nothing" or ("returns " .. (s == nil and "nil" or "a " .. type(s)))
            note(last_line, what .. ", not a scenario (a scenario script ends with: return s)")
            return nil
          end
          if calls[s] == nil then record(s) end
          local nsides = 0
          for _, c in ipairs(calls[s]) do
            local spec, name = c.spec, tostring(c.spec.name or "")
            if c.kind == "sanction" then
              local label = name ~= "" and ("sanction '" .. name .. "'") or "sanction"
              if no_side(s, spec.target) then
                note(c.line, label .. ": target " .. spec.target .. " is on no side")
              end
              if type(spec.by) == "table" then
                for _, b in ipairs(spec.by) do
                  if no_side(s, b) then note(c.line, label .. ": sanctioner " .. tostring(b) .. " is on no side") end
                end
              end
            else
              local label = name ~= "" and ("alignment '" .. name .. "'") or "alignment"
              if no_side(s, spec.beneficiary) then
                note(c.line, label .. ": beneficiary " .. spec.beneficiary .. " is on no side")
              end
            end
          end
          local names = {}
          for _, m in pairs(sides[s]) do names[m] = true end
          for _ in pairs(names) do nsides = nsides + 1 end
          if nsides == 0 then note(last_line, "the returned scenario has no sides (declare them with s:side)") end
          return ("scenario '%s', %d side%s"):format(tostring(s.name), nsides, nsides == 1 and "" or "s")
        end

        return function(chunk)
          local r = pack(pcall(chunk))
          if not r[1] then
            if r[2] ~= abort then note(0, r[2]) end
            return found, nil
          end
          return found, check_result(r[2], r.n - 1)
        end
        """#
}
