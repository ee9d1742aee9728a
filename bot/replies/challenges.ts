// Group challenges in words: the announcement with its Join button, the live board, joining, ending,
// the history, the finish and the private notices. Group text shows relative scores only, never body values.
import { shortDate } from "../../src/domain/calendar.ts";
import { formatSigned } from "../../src/domain/metrics.ts";
import type { ChallengeHistoryResult } from "../../src/use-cases/challenge-history.ts";
import type { ChallengeStatusResult } from "../../src/use-cases/challenge-status.ts";
import type { BoardRow, ChallengeView } from "../../src/use-cases/challenge-view.ts";
import type { ChallengeWordProblem } from "../../src/use-cases/challenge-words.ts";
import type { JoinChallengeResult } from "../../src/use-cases/join-challenge.ts";
import type { StartChallengeResult } from "../../src/use-cases/start-challenge.ts";
import type { StopChallengeResult } from "../../src/use-cases/stop-challenge.ts";
import { type Markup, plural } from "./markup.ts";

export const JOIN_BUTTON = "Join the challenge";
export const CHALLENGE_USAGE =
  '/challenge new "Spring Cut" 2026-03-02 12w [metric] [mode leaderboard|threshold 3%] [entry 2w]';
export const CHALLENGE_ADMINS_ONLY = "Only admins can start, end or cancel a challenge.";

const NOISE_WORDS = { within_noise: "within noise", likely: "likely", real: "real" } as const;

function days(n: number): string {
  return n === 0 ? "today is the last day" : `${plural(n, "day")} left`;
}

function target(view: ChallengeView): string {
  return `${view.threshold}${view.unit === "%" ? "%" : ` ${view.unit}`}`;
}

function rules(view: ChallengeView, m: Markup): string[] {
  const how =
    view.mode === "threshold"
      ? `Goal: ${m.escape(view.metricTitle)} of at least ${target(view)}, with a change beyond measurement noise.`
      : `Ranked by ${m.escape(view.metricTitle)}, relative to each entrant's own start.`;
  return [
    `${shortDate(view.startsOn)} – ${shortDate(view.lastDay)} · ${how}`,
    `Baseline: your first scan by ${shortDate(view.entryLastDay)}. Result: your latest scan before the end.`,
  ];
}

function flags(row: BoardRow): string {
  const marks = [row.afterTraining ? "after training" : null, row.unusualHour ? "unusual hour" : null].filter(
    Boolean,
  );
  return marks.length > 0 ? ` ⚠️ ${marks.join(", ")}` : "";
}

function boardLines(view: ChallengeView, m: Markup): string[] {
  const ranked = view.rows.filter((r) => r.standing === "ranked");
  const lines: string[] = [];
  for (const row of ranked) {
    const rank = row.tied ? `=${row.rank}` : `${row.rank}`;
    const reached = view.mode === "threshold" ? (row.reached ? " ✅" : "") : "";
    lines.push(
      `${rank}. ${m.escape(row.name)} ${formatSigned(row.score!, 1)} ${view.unit} ${m.italic(`(${NOISE_WORDS[row.noiseClass!]})`)}${reached}${flags(row)}`,
    );
  }
  const waiting = view.rows.filter((r) => r.standing === "no_result").map((r) => m.escape(r.name));
  const noBaseline = view.rows.filter((r) => r.standing === "no_baseline").map((r) => m.escape(r.name));
  if (waiting.length > 0) lines.push(m.italic(`Baseline in, result still to come: ${waiting.join(", ")}`));
  if (noBaseline.length > 0) lines.push(m.italic(`No baseline scan yet: ${noBaseline.join(", ")}`));
  if (ranked.some((r) => r.afterTraining || r.unusualHour))
    lines.push(
      m.italic(
        "⚠️ A scan after training or at an unusual hour shifts body water: part of that change may be water.",
      ),
    );
  if (ranked.some((r) => r.tied))
    lines.push(m.italic("Changes within measurement noise count as no change, so those entrants tie."));
  return lines;
}

export function challengeStartedText(r: StartChallengeResult, m: Markup): string {
  switch (r.kind) {
    case "not_a_group":
      return "A challenge belongs to your gym's chat: start it there.";
    case "bad_words":
      return `${badWordsLine(r.problem, r.word, m)}\nLike this: ${m.escape(CHALLENGE_USAGE)}`;
    case "over_already":
      return `That challenge would already be over (it ends ${shortDate(r.endsOn)}). Pick a later start or a longer length.`;
    case "already_running":
      return `${m.bold(m.escape(r.view.title))} is still running. End it first with /challenge end (or /challenge cancel).`;
    case "started":
      return [
        `🏁 ${m.bold(`New challenge: ${m.escape(r.view.title)}`)}`,
        ...rules(r.view, m),
        "",
        "Tap Join (or send /join) to enter. Only entrants appear on the challenge board.",
      ].join("\n");
  }
}

function badWordsLine(problem: ChallengeWordProblem, word: string, m: Markup): string {
  const w = m.escape(word);
  switch (problem) {
    case "title":
      return 'The challenge needs a name first, in quotes: "Spring Cut" (80 characters at most).';
    case "date":
      return word
        ? `"${w}" is not a start date: write it as 2026-03-02.`
        : "Add a start date like 2026-03-02.";
    case "length":
      return word ? `"${w}" is not a length: write 12w or 60d (up to a year).` : "Add a length like 12w.";
    case "threshold":
      return "Threshold mode needs a target, like threshold 3%.";
    case "entry":
      return `"${w}" is not an entry window: write entry 2w or entry 10d (not longer than the challenge).`;
    case "word":
      return `I don't understand "${w}".`;
  }
}

export function challengeStatusText(r: ChallengeStatusResult, m: Markup): string {
  if (r.kind === "not_a_group") return "Challenges live in your gym's chat: ask there.";
  if (r.kind === "none") return `No challenge yet. An admin can start one: ${m.escape(CHALLENGE_USAGE)}`;
  const { view } = r;
  const state =
    view.status === "cancelled"
      ? "cancelled"
      : view.status === "ended"
        ? "finished"
        : !view.started
          ? `starts ${shortDate(view.startsOn)}`
          : view.daysLeft !== null
            ? days(view.daysLeft)
            : "finishing";
  const lines = [`🏁 ${m.bold(m.escape(view.title))} — ${state}`, ...rules(view, m)];
  if (view.status === "running" && view.entryDaysLeft !== null)
    lines.push(
      `Entry open: ${view.entryDaysLeft === 0 ? "last day" : `${plural(view.entryDaysLeft, "more day", "more days")}`}. /join to enter.`,
    );
  lines.push("", plural(view.rows.length, "entrant"));
  lines.push(...boardLines(view, m));
  return lines.join("\n");
}

export function joinText(r: JoinChallengeResult, m: Markup): string {
  switch (r.kind) {
    case "not_a_group":
      return "Join from your gym's chat.";
    case "no_challenge":
      return "There is no challenge to join right now.";
    case "closed":
      return `${m.escape(r.title)} is over; watch for the next one.`;
    case "entry_closed":
      return `Entries for ${m.escape(r.view.title)} closed on ${shortDate(r.view.entryLastDay)}: a baseline scan had to be in by then. See you at the next one!`;
    case "already_in":
      return `${m.escape(r.name)}, you are already in ${m.escape(r.view.title)}.`;
    case "joined": {
      const next = r.hasBaseline
        ? "Your baseline scan is in."
        : `Send your baseline scan by ${shortDate(r.view.entryLastDay)} to be ranked.`;
      return `💪 ${m.escape(r.name)} joined ${m.bold(m.escape(r.view.title))}. ${next}`;
    }
  }
}

export function stopText(r: StopChallengeResult, m: Markup): string {
  switch (r.kind) {
    case "not_a_group":
      return "Challenges live in your gym's chat.";
    case "no_challenge":
      return "No challenge is running.";
    case "ended":
      return `🏁 ${m.bold(m.escape(r.title))} has ended. The final board follows in a moment.`;
    case "cancelled":
      return `${m.bold(m.escape(r.title))} was cancelled. No results will be posted.`;
  }
}

export function historyText(r: ChallengeHistoryResult, m: Markup): string {
  if (r.kind === "not_a_group") return "Challenges live in your gym's chat.";
  if (r.challenges.length === 0) return "No challenges yet.";
  const lines = [m.bold("Challenges")];
  for (const c of r.challenges) {
    const state =
      c.status === "running"
        ? "running"
        : c.status === "cancelled"
          ? "cancelled"
          : c.winners.length > 0
            ? `won by ${c.winners.map((w) => m.escape(w)).join(" and ")}`
            : "nobody ranked";
    lines.push(
      `• ${m.escape(c.title)} (${shortDate(c.startsOn)} – ${shortDate(c.lastDay)}), ${plural(c.entrants, "entrant")}: ${state}`,
    );
  }
  return lines.join("\n");
}

export function challengeFinalText(view: ChallengeView, m: Markup): string {
  const ranked = view.rows.filter((r) => r.standing === "ranked");
  const lines = [`🏆 ${m.bold(`${m.escape(view.title)}: final results`)}`];
  if (ranked.length === 0)
    lines.push("", "Nobody had both a baseline and a result scan, so nobody is ranked.");
  else {
    const podium = ranked.filter((r) => r.rank! <= 3);
    const medal = (rank: number) => ["🥇", "🥈", "🥉"][rank - 1] ?? "";
    lines.push("", ...podium.map((r) => `${medal(r.rank!)} ${m.escape(r.name)}`));
    if (view.mode === "threshold") {
      const reached = ranked.filter((r) => r.reached).length;
      lines.push("", `${reached} of ${view.rows.length} reached the target of ${target(view)}.`);
    }
  }
  lines.push("", ...boardLines(view, m));
  lines.push("", m.italic("Everyone gets their own result privately. Thank you for taking part!"));
  return lines.join("\n");
}

export function challengeResultText(view: ChallengeView, row: BoardRow | null, m: Markup): string {
  const title = m.bold(m.escape(view.title));
  if (!row) return `${title} is over. You were not on its board at the end.`;
  if (row.standing === "no_baseline")
    return `${title} is over. You were not ranked: no baseline scan arrived in the entry window. Next time!`;
  if (row.standing === "no_result")
    return `${title} is over. You were not ranked: no scan after your baseline arrived before the end.`;
  const lines = [
    `${title} is over. Your result: ${formatSigned(row.score!, 1)} ${view.unit} (${NOISE_WORDS[row.noiseClass!]}), place ${row.tied ? `=${row.rank}` : row.rank} of ${view.rows.filter((r) => r.standing === "ranked").length}.`,
  ];
  if (view.mode === "threshold")
    lines.push(
      row.reached ? `✅ You reached the target of ${target(view)}.` : `The target was ${target(view)}.`,
    );
  if (row.noiseClass === "within_noise")
    lines.push("Your change is within measurement noise: the scanner cannot tell it from no change.");
  if (row.afterTraining || row.unusualHour)
    lines.push(
      "Your last scan was after training or at an unusual hour: water shifts with both, so part of the change may be water rather than fat or muscle.",
    );
  return lines.join("\n");
}

export function noBaselineText(view: ChallengeView, name: string, m: Markup): string {
  return `Hi ${m.escape(name)} — you joined ${m.bold(m.escape(view.title))}, but I have no baseline scan from you yet. A scan by ${shortDate(view.entryLastDay)} gets you ranked; after that you can still train along, just off the board. 💪`;
}

export function finalNudgeText(view: ChallengeView, name: string, m: Markup): string {
  return `Hi ${m.escape(name)} — ${m.bold(m.escape(view.title))} ends on ${shortDate(view.lastDay)}. Book your final scan this week (same time of day and routine as your baseline) and send me the PDF.`;
}
