// The words an admin types after `/challenge new`, parsed once for both platforms:
//   "Spring Cut" 2026-03-02 12w [metric] [mode leaderboard|threshold 3%] [entry 2w]
import { addDays } from "../domain/calendar.ts";
import { type BoardMetric, parseBoardMetric } from "./periods.ts";

export const DEFAULT_ENTRY_DAYS = 14;
const MAX_DAYS = 52 * 7;

export interface ChallengeSpec {
  title: string;
  startsOn: string;
  /** exclusive */
  endsOn: string;
  weeksOrDays: number;
  entryDays: number;
  metric: BoardMetric;
  mode: "leaderboard" | "threshold";
  threshold: number | null;
}

export type ChallengeWordProblem = "title" | "date" | "length" | "threshold" | "entry" | "word";

export type ParsedChallenge =
  | { kind: "ok"; spec: ChallengeSpec }
  | { kind: "bad"; problem: ChallengeWordProblem; word: string };

/** `12w` → 84, `30d` → 30; null when it is not a length. */
export function parseLength(word: string | undefined): number | null {
  const match = /^(\d{1,3})\s*(w|wk|wks|weeks?|d|days?)$/i.exec(word ?? "");
  if (!match) return null;
  const n = Number(match[1]) * (match[2]!.toLowerCase().startsWith("w") ? 7 : 1);
  return n >= 1 && n <= MAX_DAYS ? n : null;
}

function isDate(word: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(word)) return false;
  const d = new Date(`${word}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === word;
}

/** Splits on spaces, keeping "quoted words" (straight or curly quotes) together. */
export function challengeTokens(text: string): string[] {
  return [...text.matchAll(/["“”]([^"“”]*)["“”]|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? "").trim());
}

export function parseChallengeWords(text: string, defaultMetric: BoardMetric): ParsedChallenge {
  const tokens = challengeTokens(text);
  const [title, start, length, ...rest] = tokens;
  if (!title || title.length > 80) return { kind: "bad", problem: "title", word: title ?? "" };
  if (!start || !isDate(start)) return { kind: "bad", problem: "date", word: start ?? "" };
  const days = parseLength(length);
  if (days === null) return { kind: "bad", problem: "length", word: length ?? "" };
  let metric = defaultMetric;
  let mode: ChallengeSpec["mode"] = "leaderboard";
  let threshold: number | null = null;
  let entryDays = Math.min(DEFAULT_ENTRY_DAYS, days);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!.toLowerCase();
    if (word === "mode") continue;
    if (word === "leaderboard") {
      mode = "leaderboard";
      continue;
    }
    if (word === "threshold") {
      const value = /^(\d+(?:[.,]\d+)?)\s*(%|pts?)?$/.exec(rest[i + 1] ?? "");
      const n = value ? Number(value[1]!.replace(",", ".")) : Number.NaN;
      if (!(n > 0 && n <= 100)) return { kind: "bad", problem: "threshold", word: rest[i + 1] ?? "" };
      mode = "threshold";
      threshold = n;
      i++;
      continue;
    }
    if (word === "entry") {
      const n = parseLength(rest[i + 1]);
      if (n === null || n > days) return { kind: "bad", problem: "entry", word: rest[i + 1] ?? "" };
      entryDays = n;
      i++;
      continue;
    }
    const asMetric = parseBoardMetric(word);
    if (asMetric) {
      metric = asMetric;
      continue;
    }
    return { kind: "bad", problem: "word", word: rest[i]! };
  }
  return {
    kind: "ok",
    spec: {
      title,
      startsOn: start,
      endsOn: addDays(start, days),
      weeksOrDays: days,
      entryDays,
      metric,
      mode,
      threshold,
    },
  };
}
