// Periods members can ask for, and the leaderboard scores, with the words used in chat.

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

export const BOARD_METRIC_INFO: Record<BoardMetric, { title: string; unit: string; aliases: string[] }> = {
  composite: {
    title: "Body composition score",
    unit: "pts",
    aliases: ["composite", "score", "recomp", "overall"],
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
