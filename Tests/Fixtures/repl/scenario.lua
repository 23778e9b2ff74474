-- REPL TEST DOUBLE, not a model. A table-based fake of the scenario API (see
-- docs/lua-api.md) so that the REPL's tests check its dispatch, prompt and printing
-- independently of the engine. Tests point WARGAME_DEFAULT_SCENARIO here. Every number
-- below is made up; nothing here is read by the engine.
--
-- Like the real scenario, its __index is a function and its metatable lists
-- __completions. It also provides wg.load and wg.last when the engine does not.

local ladder = { "peace", "crisis", "sanctions", "proxy war", "mobilisation" }
local methods = {}
local state = setmetatable({}, { __mode = "k" })   -- proxy -> fields
local last
local mt = {}

local function new(fields)
  local s = setmetatable({}, mt)
  state[s] = fields
  last = s
  return s
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = type(v) == "table" and copy(v) or v end
  return c
end

local event_mt = { __tostring = function(e) return ("turn %d: %s"):format(e.turn, e.text) end }
local report_mt = { __tostring = function(r)
  return ("turn %d: rung %d (%s), %d event(s)"):format(r.turn, r.rung, r.rung_name, r.events)
end }

mt.__index = function(s, k)
  local f = state[s]
  if k == "name" or k == "turn" or k == "rung" then return f[k] end
  return methods[k]
end
mt.__newindex = function() error("scenario fields are read-only", 2) end
mt.__tostring = function(s) return "scenario " .. state[s].name end
mt.__completions = { "name", "turn", "rung", "rung_name", "step", "status", "balance",
  "damage", "log", "undo", "rewind", "fork", "save", "report", "seed" }

function methods.rung_name(s) return ladder[state[s].rung + 1] end

function methods.step(s, n)
  local f = state[s]
  n = n or 1
  if math.type(n) ~= "integer" or n < 1 then error("bad argument #1 to 'step' (positive integer expected)", 2) end
  for _ = 1, n do
    f.history[#f.history + 1] = { turn = f.turn, rung = f.rung, nlog = #f.log }
    f.turn = f.turn + 1
    f.rung = math.min(f.rung + 1, #ladder - 1)
    f.log[#f.log + 1] = setmetatable({ turn = f.turn, text = "rung " .. f.rung .. " " .. ladder[f.rung + 1] }, event_mt)
  end
  return setmetatable({ turn = f.turn, rung = f.rung, rung_name = ladder[f.rung + 1], events = 1 }, report_mt)
end

local function restore(f, h)
  f.turn, f.rung = h.turn, h.rung
  for i = #f.log, h.nlog + 1, -1 do f.log[i] = nil end
end

function methods.undo(s)
  local f = state[s]
  if f.turn == 0 then error("nothing to undo: turn 0", 2) end
  restore(f, table.remove(f.history))
end

function methods.rewind(s, t)
  local f = state[s]
  if t < 0 or t > f.turn then error(("cannot rewind to turn %d (now %d)"):format(t, f.turn), 2) end
  while f.turn > t do restore(f, table.remove(f.history)) end
end

function methods.fork(s) return new(copy(state[s])) end

local known = { RUS = 1.0, USA = 2.5, CHN = 1.8 }
function methods.balance(s, a, b)
  if not known[a] or not known[b] then error("unknown state '" .. (known[a] and b or a) .. "'", 2) end
  local r = { a = known[a], b = known[b], ratio = known[a] / known[b] }
  return setmetatable(r, { __tostring = function(t) return ("%s/%s ratio %.2f"):format(a, b, t.ratio) end })
end

function methods.damage(s, t)
  if not known[t] then error("unknown state '" .. tostring(t) .. "'", 2) end
  local pct = t == "RUS" and 0.4 * state[s].turn or 0
  return setmetatable({ gdp_loss_pct = pct },
    { __tostring = function(d) return ("%s gdp loss %.1f%%"):format(t, d.gdp_loss_pct) end })
end

function methods.log(s) return { table.unpack(state[s].log) } end

function methods.status(s)
  local f = state[s]
  local latest = f.log[#f.log]
  return table.concat({
    ("%-9s %s"):format("sides", "West (USA) vs East (RUS)"),
    ("%-9s %s"):format("balance", "RUS/USA 0.40"),
    ("%-9s %d %s"):format("rung", f.rung, ladder[f.rung + 1]),
    ("%-9s %s"):format("damage", ("RUS %.1f%%"):format(0.4 * f.turn)),
    ("%-9s %s"):format("latest", latest and tostring(latest) or "(none)"),
  }, "\n")
end

function methods.save(s, file)
  local f = state[s]
  local out = assert(io.open(file, "w"))
  out:write(("return { name = %q, turn = %d, rung = %d, seed = %d }\n"):format(f.name, f.turn, f.rung, f.seed))
  out:close()
end

function methods.report(s, file)
  local out = assert(io.open(file, "w"))
  out:write("<html><body>after-action report: " .. state[s].name .. "</body></html>\n")
  out:close()
end

function methods.seed(s, n) state[s].seed = n end

local function create(name, turn, rung, seed)
  return new({ name = name, turn = turn or 0, rung = rung or 0, seed = seed or 1, log = {}, history = {} })
end

-- Stand-ins for engine functions this branch does not have yet.
if rawget(wg, "load") == nil then
  wg.load = function(file)
    local t = dofile(file)
    local s = create(t.name, 0, 0, t.seed)
    if t.turn > 0 then s:step(t.turn) end
    return s
  end
end
if rawget(wg, "last") == nil then wg.last = function() return last end end

return create("test-crisis")
