-- The article's crisis as a classroom exercise: NATO and Russia over the Baltic states
-- (Scripts/scenarios/default.lua, Istomin 2024). Two teams; the white cell runs
--   wargame-repl --exercise Scripts/exercises/baltic-crisis.lua --journal baltic.jsonl
-- Briefings are teaching text, not data; the reliability in the inject and the Russian
-- packages' coverage are illustrative. Besides the ladder, Blue may lift the Western package
-- (and impose it again), invoke Article 5 before any attack, and, as the North Atlantic
-- Council, decide whether the allies honour it; Red may cut gas to Germany or Poland and
-- call on Belarus or the CSTO (docs/exercises.md, "Policy orders").
return {
  name = "Baltic crisis",
  scenario = "../scenarios/default.lua",
  turns = 8,
  briefing = "A crisis over the Baltic states. Western sanctions on Russia are in force; "
    .. "both sides are nuclear-armed. Each turn every team orders a move on the escalation "
    .. "ladder; escalation is unilateral, de-escalation needs both sides.",
  teams = {
    { name = "Blue", side = "NATO",
      public = "The North Atlantic Council: the United States, Britain, France, Germany, "
        .. "Poland and the Baltic states.",
      private = "Washington's guidance: keep the sanctions, do not strike first, and do not "
        .. "let the Alliance split. Two allies doubt Article 5 applies in full.",
      moves = { "escalate", "hold", "deescalate", "rung" },
      sees = { "odds", "damage", "position" },
      sanctions = { { name = "Western package" } },  -- the scenario's own, in force from the start
      invoke = { "NATO Art. 5" },
      answers = { "NATO Art. 5" } },
    { name = "Red", side = "Russia",
      public = "The Security Council of the Russian Federation.",
      private = "The Kremlin's guidance: end the sanctions without losing face; Belarus is "
        .. "the one ally that counts; the CSTO will not fight for this.",
      moves = { "escalate", "hold", "deescalate", "rung" },
      sees = { "odds", "damage", "position" },
      -- Russia stops exporting to the target (the target's imports from Russia).
      sanctions = {
        { name = "Gas cut-off to Germany", by = { "RUS" }, target = "GMY", coverage = 0.5,  -- illustrative
          direction = "imports" },
        { name = "Gas cut-off to Poland", by = { "RUS" }, target = "POL", coverage = 0.5,  -- illustrative
          direction = "imports" },
      },
      invoke = { "Union State", "CSTO Art. 4" } },
  },
  injects = {
    { turn = 3, text = "Minsk hesitates: Belarus asks for guarantees before it lets forces through.",
      alliance = "Union State", reliability = 0.4 },  -- illustrative
    { turn = 5, text = "A NATO summit reaffirms Article 5 in full." },
  },
}
