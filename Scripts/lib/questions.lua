-- Helpers for the article's questions (Scripts/questions/): Monte Carlo shares with 95%
-- Wilson intervals, computed here from counts, and a plain-text table.
--
-- The counts come from the summary fields sm.runs, sm.endings, sm.reached, sm.started,
-- sm.max_rung and sm.gdp_loss_pct: a share times runs, rounded, is the count of runs.
-- Under --sandbox wg.montecarlo is refused (it reads a file), so the same runs are made
-- here, one after another in this state: fewer of them, and the script says so.
local Q = {}

Q.Z95 = 1.959963984540054  -- two-sided 95% normal quantile

-- Wilson score interval for k successes in n runs (Wilson 1927): better than the normal
-- approximation near 0 and 1, where most of these shares lie.
function Q.wilson(k, n, z)
  z = z or Q.Z95
  if n <= 0 then return 0, 1 end
  local p, z2 = k / n, z * z
  local centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  local half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
  return math.max(0, centre - half), math.min(1, centre + half)
end

-- Runs out of a share of `runs` (shares are counts over runs, so rounding recovers them).
function Q.count(share, runs) return math.floor((share or 0) * runs + 0.5) end

-- "12.5% [9.1, 16.8]": a share of runs with its 95% interval, in percent.
function Q.share(k, n)
  local lo, hi = Q.wilson(k, n)
  return string.format("%5.1f%% [%4.1f,%5.1f]", 100 * k / n, 100 * lo, 100 * hi)
end

Q.sandboxed = (dofile == nil)  -- --sandbox: no files, so no wg.montecarlo either

-- One variant's runs, in the shape of a wg.montecarlo summary (the fields above). `script`
-- is the path wg.montecarlo loads with `args`; under --sandbox the runs are forks of
-- `base` (a scenario at turn 0) or of `build(args)`, made here.
function Q.montecarlo(spec)
  if not Q.sandboxed then
    return wg.montecarlo{ script = spec.script, args = spec.args, runs = spec.runs,
                          turns = spec.turns, seed = spec.seed, threads = spec.threads }
  end
  -- `started` stays empty here: who started a war is not visible from Lua.
  local endings, reached, started, losses, tops = {}, {}, {}, {}, {}
  local base = spec.base or spec.build(spec.args)  -- building can cost more than the runs
  for i = 1, spec.runs do
    local s = base:fork()
    s:seed(spec.seed * 1000003 + i)
    local top = s.rung
    for _ = 1, spec.turns do
      s:step()
      if s.rung > top then top = s.rung end
      if s.ended then break end
    end
    local e = s.ended or "running"
    endings[e] = (endings[e] or 0) + 1
    for r = 0, top do reached[r] = (reached[r] or 0) + 1 end
    tops[#tops + 1] = top
    if spec.target then losses[#losses + 1] = s:damage(spec.target).gdp_loss_pct end
  end
  local function quantiles(xs)
    if #xs == 0 then return nil end
    table.sort(xs)
    local function q(p) return xs[math.max(1, math.min(#xs, math.floor(p * #xs + 0.5)))] end
    local sum = 0
    for _, x in ipairs(xs) do sum = sum + x end
    return { p5 = q(0.05), p50 = q(0.5), p95 = q(0.95), mean = sum / #xs }
  end
  local n = spec.runs
  for k, v in pairs(endings) do endings[k] = v / n end
  for k, v in pairs(reached) do reached[k] = v / n end
  return { runs = n, endings = endings, reached = reached, started = started,
           max_rung = quantiles(tops), gdp_loss_pct = quantiles(losses), in_process = true }
end

-- Runs of a variant that reached rung `r` or higher: k, n.
function Q.reached(sm, r) return Q.count(sm.reached[r], sm.runs), sm.runs end

-- Prints a table: `columns` = { {title, width}, ... }, rows of already formatted cells.
function Q.print_table(title, columns, rows, notes)
  print(title)
  local fmt, heads, rule = {}, {}, {}
  for i, c in ipairs(columns) do
    fmt[i] = (i == 1 and "%-" or "%") .. c[2] .. "s"
    heads[i] = string.format(fmt[i], c[1])
    rule[i] = string.rep("-", c[2])
  end
  print(table.concat(heads, "  "))
  print(table.concat(rule, "  "))
  for _, r in ipairs(rows) do
    local cells = {}
    for i = 1, #columns do cells[i] = string.format(fmt[i], tostring(r[i] or "")) end
    print(table.concat(cells, "  "))
  end
  for _, line in ipairs(notes or {}) do print(line) end
end

-- Run count for a question: `runs=` on the command line, else the default; under --sandbox
-- only 5, since the runs share one chunk's time limit (1 s unless --time-limit gives more).
function Q.runs(opts, default)
  return tonumber(opts.runs) or (Q.sandboxed and 5 or default)
end

return Q
