-- Lanchester's square law integrated in plain Lua, exactly as the engine does it
-- (Sources/WargameKit/Engine/ForceBalance/Lanchester.swift): classical fourth-order
-- Runge-Kutta with step dt until time t, and bisection on the step length when a side
-- would pass through zero. `make bench` times it against the engine's Lanchester.run.
-- Argument checks are left out: the bench passes valid numbers.

local function lanchester(a, b, alpha, beta, dt, t)
  local function f(sa, sb) return -beta * sb, -alpha * sa end
  local function rk4(sa, sb, h)
    local k1a, k1b = f(sa, sb)
    local k2a, k2b = f(sa + k1a * (h / 2), sb + k1b * (h / 2))
    local k3a, k3b = f(sa + k2a * (h / 2), sb + k2b * (h / 2))
    local k4a, k4b = f(sa + k3a * h, sb + k3b * h)
    return sa + (k1a + k2a * 2 + k3a * 2 + k4a) * (h / 6),
           sb + (k1b + k2b * 2 + k3b * 2 + k4b) * (h / 6)
  end
  local function finish(sa, sb, time)
    sa, sb = math.max(0, sa), math.max(0, sb)
    local winner = (sa > 0 and sb == 0) and "a" or ((sb > 0 and sa == 0) and "b" or nil)
    return { a = sa, b = sb, t = time, winner = winner }
  end
  local sa, sb = a, b
  if a == 0 or b == 0 then return finish(sa, sb, 0) end
  local k, time = 0, 0.0
  while time < t do
    local nxt = math.min((k + 1) * dt, t)
    local h = nxt - time
    if h <= 0 then break end
    local na, nb = rk4(sa, sb, h)
    if na > 0 and nb > 0 then
      sa, sb, time, k = na, nb, nxt, k + 1
    else
      local lo, hi = 0.0, h
      for _ = 1, 200 do
        local mid = (lo + hi) / 2
        if mid <= lo or mid >= hi then break end
        local ma, mb = rk4(sa, sb, mid)
        if ma > 0 and mb > 0 then lo = mid else hi = mid end
      end
      local ea, eb = rk4(sa, sb, hi)
      return finish(ea, eb, time + hi)
    end
  end
  return { a = sa, b = sb, t = t }
end

return lanchester
