-- October 1962, the Cuban missile crisis, as a classroom exercise
-- (Scripts/scenarios/october-1962.lua: COW NMC 1962, the treaties of the day). The white
-- cell runs
--   wargame-repl --exercise Scripts/exercises/october-1962.lua --journal cuba.jsonl
-- Briefings paraphrase the public record (ExComm, the Presidium); the reliability in
-- the inject is illustrative. No sanctions orders: the quarantine was a blockade of
-- offensive weapons, which the scenario plays as its sanctions rung, not a trade package,
-- and the US embargo on Cuba (February 1962) predates the crisis; the scenario has no
-- trade data for 1962 either. Each side may call on its alliance before any attack, and
-- the Presidium decides for the Warsaw Pact's allies (Soviet forces were stationed in
-- most of them): a teaching simplification.
return {
  name = "Thirteen days",
  scenario = "../scenarios/october-1962.lua",
  turns = 13,
  briefing = "Soviet medium-range missiles are being installed in Cuba. A turn is a day. "
    .. "Escalation is unilateral, de-escalation needs both sides.",
  teams = {
    { name = "ExComm", side = "United States",
      public = "The Executive Committee of the National Security Council.",
      private = "The Joint Chiefs urge air strikes; the President prefers a quarantine and "
        .. "time. A trade of the Jupiter missiles in Turkey is possible, if kept secret.",
      moves = { "escalate", "hold", "deescalate", "rung" },
      sees = { "odds", "damage", "position" },
      invoke = { "NATO Art. 5 (1949)" } },
    { name = "Presidium", side = "Soviet Union",
      public = "The Presidium of the Central Committee of the CPSU.",
      private = "The missiles redress a strategic imbalance; a pledge not to invade Cuba "
        .. "and the removal of the Jupiters would justify withdrawing them.",
      moves = { "escalate", "hold", "deescalate" },
      sees = { "odds", "position" },
      invoke = { "Warsaw Pact Art. 4 (1955)" },
      answers = { "Warsaw Pact Art. 4 (1955)" } },
  },
  injects = {
    { turn = 4, text = "Allies in Europe fear for Berlin; some question support for the quarantine.",
      alliance = "NATO Art. 5 (1949)", reliability = 0.35 },  -- illustrative
    { turn = 6, text = "A U-2 is shot down over Cuba." },
  },
}
