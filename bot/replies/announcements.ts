// What scheduled jobs post, in words for any platform (the Markup decides HTML, Markdown or plain text):
// the weekly summary and the rescan reminder. Group text holds relative changes only, never body values;
// names are escaped.
import { dayLabel } from "../../src/domain/calendar.ts";
import { METRIC_INFO, type TrackedMetric } from "../../src/domain/metrics.ts";
import type { Announcement } from "../../src/use-cases/notifier.ts";
import {
  type MemberWeek,
  RESCAN_AFTER_DAYS,
  type WeeklySummary,
} from "../../src/use-cases/weekly-summary.ts";
import { challengeFinalText, challengeResultText, finalNudgeText, noBaselineText } from "./challenges.ts";
import type { Markup } from "./markup.ts";

export interface SummaryTextOptions {
  /** set when the summary goes out after its scheduled time (the bot was offline) */
  late?: boolean;
}

export function announcementText(announcement: Announcement, m: Markup): string {
  switch (announcement.kind) {
    case "weekly_summary":
      return weeklySummaryText(announcement.summary, m, { late: announcement.late });
    case "rescan_reminder":
      return rescanReminderText(m, announcement);
    case "challenge_final":
      return challengeFinalText(announcement.view, m);
    case "challenge_result":
      return challengeResultText(announcement.view, announcement.row, m);
    case "challenge_no_baseline":
      return noBaselineText(announcement.view, announcement.name, m);
    case "challenge_final_nudge":
      return finalNudgeText(announcement.view, announcement.name, m);
  }
}

/** The picture that goes with an announcement, named for the chat. */
export function announcementImage(announcement: Announcement): { bytes: Buffer; fileName: string } | null {
  if (announcement.kind === "challenge_final")
    return announcement.chart ? { bytes: announcement.chart, fileName: "challenge-podium.png" } : null;
  if (announcement.kind !== "weekly_summary" || !announcement.chart) return null;
  return { bytes: announcement.chart, fileName: `summary-${announcement.summary.occurrence.weekStart}.png` };
}

const list = (items: string[]) => items.join(", ");

function labels(metrics: TrackedMetric[]): string {
  return metrics.map((m) => METRIC_INFO[m].label).join(", ");
}

function changeLine(m: Markup, week: MemberWeek): string {
  const name = m.escape(week.name);
  switch (week.verdict) {
    case "first":
      return `${name}: first scan, baseline set`;
    case "real":
      return `${name}: ${m.escape(week.real.map((c) => c.label).join(", "))} (real)`;
    case "likely":
      return `${name}: small changes, not certain yet`;
    case "noise":
      return `${name}: within noise, steady`;
  }
}

function moverLine(m: Markup, mover: WeeklySummary["movers"][number]): string {
  const name = m.escape(mover.name);
  if (mover.from === null) return `${name}: new on the board at #${mover.to}`;
  const arrow = mover.to < mover.from ? "▲" : "▼";
  return `${name} ${arrow} #${mover.from} → #${mover.to}`;
}

export function weeklySummaryText(
  summary: WeeklySummary,
  m: Markup,
  options: SummaryTextOptions = {},
): string {
  const lines: string[] = [];
  lines.push(
    `📊 ${m.bold(`${m.escape(summary.groupTitle)}: week to ${dayLabel(summary.occurrence.localDate)}`)}`,
  );
  if (options.late) {
    lines.push(m.italic(`Sent late: it was due at ${summary.occurrence.window.to.slice(11)}.`));
  }
  const due = summary.dueRescan.map((d) => m.escape(d.name));

  if (summary.quiet) {
    lines.push("");
    lines.push("Quiet week: no new scans.");
    if (due.length > 0) {
      lines.push(`Due a rescan (${RESCAN_AFTER_DAYS / 7}+ weeks): ${list(due)}.`);
      lines.push("Book one and send me the PDF 💪");
    } else {
      lines.push("Keep training: the next scan will show the work 💪");
    }
    return lines.join("\n");
  }

  if (summary.scanned.length > 0) {
    lines.push("");
    lines.push(m.bold(`Scanned this week (${summary.scanned.length})`));
    for (const week of summary.scanned) lines.push(changeLine(m, week));
  }

  if (summary.movers.length > 0 && summary.board) {
    lines.push("");
    lines.push(`${m.bold("Leaderboard")} ${m.italic(`(${summary.board.title.toLowerCase()})`)}`);
    for (const mover of summary.movers) lines.push(moverLine(m, mover));
  }

  if (summary.goalsReached.length > 0) {
    lines.push("");
    lines.push(`🎯 ${m.bold("Goals reached")}`);
    for (const g of summary.goalsReached) lines.push(`${m.escape(g.name)}: ${labels(g.metrics)}`);
  }

  if (summary.personalBests.length > 0) {
    lines.push("");
    lines.push(`🏅 ${m.bold("Personal bests")}`);
    for (const b of summary.personalBests) lines.push(`${m.escape(b.name)}: ${labels(b.metrics)}`);
  }

  if (due.length > 0) {
    lines.push("");
    lines.push(`${m.bold(`Due a rescan (${RESCAN_AFTER_DAYS / 7}+ weeks)`)}: ${list(due)}`);
  }
  return lines.join("\n");
}

/** The private rescan nudge. */
export function rescanReminderText(m: Markup, input: { name: string; daysSinceLastScan: number }): string {
  const weeks = Math.floor(input.daysSinceLastScan / 7);
  return [
    `Hi ${m.escape(input.name)} 👋`,
    `Your last Evolt scan was ${weeks} weeks ago. Evolt recommends one every 4 weeks, so you're due.`,
    "Book a scan and send me the PDF: I'll show what changed.",
    m.italic("Don't want these? Send /reminders off."),
  ].join("\n");
}
