// /progress and /leaderboard in words (the charts carry the rest).
import { shortDate } from "../../src/domain/calendar.ts";
import { formatSigned, formatValue, METRIC_INFO, type TrackedMetric } from "../../src/domain/metrics.ts";
import { classify, type MetricChange } from "../../src/domain/progress.ts";
import type { LeaderboardResult } from "../../src/use-cases/get-leaderboard.ts";
import type { ProgressResult } from "../../src/use-cases/get-progress.ts";
import {
  BOARD_METRIC_INFO,
  BOARD_METRICS,
  BOARD_PERIODS,
  describePeriod,
  PROGRESS_PERIODS,
} from "../../src/use-cases/periods.ts";
import {
  type ChangeAmount,
  changeAmount,
  changeBullets,
  HEADLINE_METRICS,
  relativeAmount,
} from "./changes.ts";
import { conditionsLine } from "./conditions.ts";
import { type Markup, plural } from "./markup.ts";
import { goalLines } from "./scan.ts";

type ProgressOk = Extract<ProgressResult, { kind: "ok" }>;

export function progressText(r: ProgressOk, m: Markup): string {
  const { view } = r;
  const year = Number(view.latest.scannedAt.slice(0, 4));
  const lines = [`📈 ${m.bold(`${m.escape(view.name)} — ${describePeriod(view.period)}`)}`];
  lines.push(`${plural(view.history.length, "scan")}, latest ${shortDate(view.latest.scannedAt, year)}.`);
  if (!view.first) {
    lines.push("");
    for (const metric of HEADLINE_METRICS) {
      const value = view.latest.values[metric];
      if (value != null)
        lines.push(`• ${METRIC_INFO[metric].label}: ${m.bold(formatValue(metric, value, view.units))}`);
    }
    lines.push("", "One scan is a snapshot; the next one shows the trend.");
  } else {
    lines.push("", m.bold(`Change since ${shortDate(view.first.scannedAt, year)}:`));
    lines.push(
      ...changeBullets(
        HEADLINE_METRICS.map((metric) => periodChange(r, metric, (c) => changeAmount(c, "base", view.units))),
      ),
    );
  }
  const goals = goalLines(view.goals, view.units);
  if (goals.length > 0) lines.push("", m.bold("Goals:"), ...goals);
  const conditions = conditionsLine(r.latestFlags, m);
  if (conditions) lines.push("", conditions);
  if (r.focus && r.focus !== "segments")
    lines.push("", m.italic(`I don't know "${m.escape(r.focus.unknown)}" — showing everything.`));
  if (r.focus === "segments" && !r.segmentsChart)
    lines.push("", m.italic("Your latest sheet has no segment block."));
  return lines.join("\n");
}

/** Group chats get relative changes only. */
export function progressGroupText(r: ProgressOk, m: Markup): string {
  const { view } = r;
  const lines = [`📈 ${m.bold(m.escape(view.name))} — ${plural(view.totalScans, "scan")} so far.`];
  if (view.first) {
    lines.push(`Since ${shortDate(view.first.scannedAt, Number(view.latest.scannedAt.slice(0, 4)))}:`);
    lines.push(
      ...changeBullets(
        HEADLINE_METRICS.map((metric) => periodChange(r, metric, (c) => relativeAmount(c, "base"))),
      ),
    );
  }
  return lines.join("\n");
}

/** The change over the shown period (first to latest scan of it), classed by the noise thresholds. */
function periodChange(
  r: ProgressOk,
  metric: TrackedMetric,
  describe: (change: MetricChange) => ChangeAmount | null,
): ChangeAmount | null {
  const first = r.view.first!.values[metric];
  const latest = r.view.latest.values[metric];
  const threshold = r.view.noise.find((n) => n.metric === metric);
  const change = r.view.latest.changes.find((c) => c.metric === metric);
  if (first == null || latest == null || !threshold || !change) return null;
  return describe({ ...change, deltaBase: latest - first, classBase: classify(latest - first, threshold) });
}

export function noScansText(): string {
  return "I don't have a scan from you yet. Send me the PDF of your Evolt 360 scan (from the Evolt Active app) and I'll take it from there.";
}

type BoardOk = Extract<LeaderboardResult, { kind: "ok" }>;

export function leaderboardText(r: BoardOk, m: Markup): string {
  const { view } = r;
  const info = BOARD_METRIC_INFO[view.metric];
  const lines = [`🏆 ${m.bold(`${info.title} — ${view.periodLabel}`)}`];
  if (view.rows.length === 0) {
    lines.push("", "Nobody is ranked yet: the board needs two scans per person in this period.");
  } else {
    for (const row of view.rows) {
      const rank = row.tied ? `=${row.rank}` : `${row.rank}`;
      const score = `${formatSigned(row.score, 1)} ${info.unit}`;
      const noise = row.withinNoise ? ` ${m.italic("(within noise)")}` : "";
      lines.push(`${rank}. ${m.escape(row.name)} ${score}${noise}`);
    }
  }
  if (view.unranked.length > 0) {
    lines.push(
      "",
      m.italic(`Not ranked yet (need 2 scans): ${view.unranked.map((n) => m.escape(n)).join(", ")}`),
    );
  }
  lines.push("", m.italic("Scores are relative to each person's own start, so everyone competes fairly."));
  return lines.join("\n");
}

export function badPeriodText(word: string, m: Markup, command: "progress" | "leaderboard"): string {
  const allowed = command === "progress" ? PROGRESS_PERIODS : BOARD_PERIODS;
  return `I don't know the period "${m.escape(word)}". Try one of: ${allowed.join(", ")}.`;
}

/** Telegram members type the short words; Discord members pick from the choices (the metric names). */
export function badMetricText(word: string, m: Markup, platform: "telegram" | "discord"): string {
  const allowed =
    platform === "telegram" ? BOARD_METRICS.map((b) => BOARD_METRIC_INFO[b].aliases[0]) : BOARD_METRICS;
  return `I can't rank by "${m.escape(word)}". Try one of: ${allowed.join(", ")}.`;
}

export const LEADERBOARD_IN_GROUP =
  "The leaderboard belongs to a group: send /leaderboard in your gym group's chat. Here, /progress shows your own chart.";
