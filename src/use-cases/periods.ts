// Periods members can ask for and the leaderboard scores, with the words members type for them after
// /progress and /leaderboard (parsed here, once, for every platform).

export const PROGRESS_PERIODS = ["all", "30d", "90d", "1y"] as const;
export type ProgressPeriod = (typeof PROGRESS_PERIODS)[number];

export const BOARD_PERIODS = ["challenge", "all", "90d", "30d"] as const;
export type BoardPeriod = (typeof BOARD_PERIODS)[number];

export const BOARD_METRICS = [
  "composite",
  "fat_loss_pct",
  "muscle_gain_pct",
  "body_fat_pct_points",
  "weight_loss_pct",
] as const;
export type BoardMetric = (typeof BOARD_METRICS)[number];

export interface BoardMetricInfo {
  title: string;
  unit: string;
  /** the words members may type for it; the first is the one suggested */
  aliases: string[];
}

export const BOARD_METRIC_INFO: Record<BoardMetric, BoardMetricInfo> = {
  composite: {
    title: "Body composition score",
    unit: "pts",
    aliases: ["score", "composite", "recomp", "overall"],
  },
  fat_loss_pct: { title: "Fat mass lost", unit: "%", aliases: ["fat", "fatloss", "fat_loss", "fat-loss"] },
  muscle_gain_pct: {
    title: "Muscle gained",
    unit: "%",
    aliases: ["muscle", "smm", "musclegain", "muscle_gain"],
  },
  body_fat_pct_points: {
    title: "Body fat % points lost",
    unit: "pts",
    aliases: ["bf", "bf%", "bodyfat", "pbf"],
  },
  weight_loss_pct: { title: "Weight lost", unit: "%", aliases: ["weight", "weightloss", "weight_loss"] },
};

export function parseBoardMetric(word: string | undefined): BoardMetric | null {
  if (!word) return null;
  const w = word.trim().toLowerCase();
  return BOARD_METRICS.find((m) => m === w || BOARD_METRIC_INFO[m].aliases.includes(w)) ?? null;
}

const PERIOD_WORDS: Record<string, ProgressPeriod | BoardPeriod> = {
  all: "all",
  ever: "all",
  alltime: "all",
  "30d": "30d",
  month: "30d",
  "1m": "30d",
  "90d": "90d",
  "3m": "90d",
  quarter: "90d",
  "1y": "1y",
  year: "1y",
  "12m": "1y",
  challenge: "challenge",
};

export function parsePeriod(word: string | undefined): ProgressPeriod | BoardPeriod | null {
  if (!word) return null;
  return PERIOD_WORDS[word.trim().toLowerCase()] ?? null;
}

/** The period a board shows when none is asked for: the challenge when the group runs one. */
export function defaultBoardPeriod(group: { challengeStart: string | null }): BoardPeriod {
  return group.challengeStart ? "challenge" : "all";
}

/** One word typed after a command, as the command reads it. */
type CommandWord<P extends string> =
  | { kind: "period"; period: P }
  | { kind: "metric"; metric: BoardMetric }
  | { kind: "segments" }
  /** a period word, but not one this command offers */
  | { kind: "wrong_period"; word: string }
  | { kind: "other"; word: string };

function readWord<P extends string>(
  word: string,
  periods: readonly P[],
  accepts: { metrics: boolean; views: boolean },
): CommandWord<P> {
  const metric = accepts.metrics ? parseBoardMetric(word) : null;
  if (metric) return { kind: "metric", metric };
  const period = parsePeriod(word);
  if (period && (periods as readonly string[]).includes(period))
    return { kind: "period", period: period as P };
  if (accepts.views && (/^seg/i.test(word) || /^balance$/i.test(word))) return { kind: "segments" };
  return period ? { kind: "wrong_period", word } : { kind: "other", word };
}

const typed = (words: (string | undefined)[]) => words.filter((w): w is string => Boolean(w));

export type ProgressRequest =
  | { kind: "ok"; period: ProgressPeriod; focus: "segments" | { unknown: string } | null }
  | { kind: "bad_period"; word: string };

/** `/progress [period] [segments]`, in any order; a word it does not know is kept to say so. */
export function parseProgressWords(words: (string | undefined)[]): ProgressRequest {
  let period: ProgressPeriod = "all";
  let focus: "segments" | { unknown: string } | null = null;
  for (const w of typed(words).map((word) =>
    readWord(word, PROGRESS_PERIODS, { metrics: false, views: true }),
  )) {
    if (w.kind === "period") period = w.period;
    else if (w.kind === "segments") focus = "segments";
    else if (w.kind === "wrong_period") return { kind: "bad_period", word: w.word };
    else if (w.kind === "other") focus = { unknown: w.word };
  }
  return { kind: "ok", period, focus };
}

export type BoardRequest =
  | { kind: "ok"; metric: BoardMetric; period: BoardPeriod }
  | { kind: "bad_metric"; word: string }
  | { kind: "bad_period"; word: string };

/** `/leaderboard [metric] [period]`, in any order, over the group's own defaults. */
export function parseBoardWords(
  words: (string | undefined)[],
  defaults: { metric: BoardMetric; period: BoardPeriod },
): BoardRequest {
  let { metric, period } = defaults;
  for (const w of typed(words).map((word) =>
    readWord(word, BOARD_PERIODS, { metrics: true, views: false }),
  )) {
    if (w.kind === "metric") metric = w.metric;
    else if (w.kind === "period") period = w.period;
    else if (w.kind === "wrong_period") return { kind: "bad_period", word: w.word };
    else if (w.kind === "other") return { kind: "bad_metric", word: w.word };
  }
  return { kind: "ok", metric, period };
}

export function periodStart(period: ProgressPeriod, today: string): string | null {
  const days = { all: null, "30d": 30, "90d": 90, "1y": 365 }[period];
  if (days === null) return null;
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function describePeriod(period: ProgressPeriod | BoardPeriod, challengeStart?: string | null): string {
  switch (period) {
    case "all":
      return "since the first scan";
    case "30d":
      return "last 30 days";
    case "90d":
      return "last 90 days";
    case "1y":
      return "last 12 months";
    case "challenge":
      return challengeStart ? `since the challenge start (${challengeStart})` : "since the challenge start";
  }
}
