// What a group's week was: who scanned, which changes are real, leaderboard movers, goals reached, personal
// bests, and who is due a rescan. Reads gold/silver for one group and one scheduled week; no clock of its
// own (the week comes in), so the same week always gives the same summary.
import type { Sql } from "postgres";
import * as gold from "../db/queries/gold.ts";
import type { GroupRow } from "../db/queries/people.ts";
import type { ShownRanks } from "../db/queries/summaries.ts";
import * as summaries from "../db/queries/summaries.ts";
import { daysBetween, weekLabel } from "../domain/calendar.ts";
import {
  type ChangeClass,
  type GoalMetric,
  METRIC_INFO,
  relativeChangeLabel,
  type TrackedMetric,
} from "../domain/metrics.ts";
import { classify, type NoiseThreshold, personalBests } from "../domain/progress.ts";
import type { WeeklySummaryChartInput } from "./chart-inputs.ts";
import { BOARD_METRIC_INFO, type BoardMetric, defaultBoardPeriod, parseBoardMetric } from "./periods.ts";
import type { BoardAsOf } from "./ports.ts";
import { type Occurrence, occurrenceOn, type SummarySchedule } from "./weekly-summary-schedule.ts";

/** Evolt recommends a scan every 4 weeks. */
export const RESCAN_AFTER_DAYS = 28;

/** The metrics a group hears about: the ones with a better direction (weight alone says little). */
export const SUMMARY_METRICS: TrackedMetric[] = [
  "body_fat_mass_kg",
  "skeletal_muscle_mass_kg",
  "body_fat_pct",
];

export interface SummaryChange {
  metric: TrackedMetric;
  /** relative for masses ("fat mass −4.1%"), points for percentages ("body fat −1.5 pts") */
  label: string;
  good: boolean;
  cls: ChangeClass;
}

export interface MemberWeek {
  memberId: number;
  name: string;
  scans: number;
  /**
   * first: the member's first scan ever (a baseline, nothing to compare); real: at least one real change;
   * likely: changes beyond noise but not yet certain; noise: everything within measurement noise
   */
  verdict: "first" | "real" | "likely" | "noise";
  /** real changes since the member's scan before this week, biggest first */
  real: SummaryChange[];
}

export interface WeeklySummary {
  groupId: number;
  groupTitle: string;
  occurrence: Occurrence;
  visibleMembers: number;
  /** members who scanned in the window, by name */
  scanned: MemberWeek[];
  board: { metric: BoardMetric; title: string; shown: ShownRanks } | null;
  movers: { memberId: number; name: string; from: number | null; to: number }[];
  goalsReached: { memberId: number; name: string; metrics: GoalMetric[] }[];
  personalBests: { memberId: number; name: string; metrics: TrackedMetric[] }[];
  dueRescan: { memberId: number; name: string; days: number }[];
  /** nobody scanned and no goal was reached: a short nudge instead of a report */
  quiet: boolean;
}

export function scheduleOf(group: GroupRow, defaultTimeZone: string): SummarySchedule {
  return {
    weekday: group.summaryWeekday,
    time: group.summaryTime,
    timeZone: group.timeZone ?? defaultTimeZone,
  };
}

function memberWeek(
  member: summaries.SummaryMember,
  history: gold.ProgressRow[],
  inWindow: gold.ProgressRow[],
  noise: NoiseThreshold[],
): MemberWeek {
  const firstIndex = history.indexOf(inWindow[0]!);
  const latest = inWindow[inWindow.length - 1]!;
  // compare with the scan before this week; a member whose first scans are all this week compares within it
  const before = firstIndex > 0 ? history[firstIndex - 1]! : inWindow.length > 1 ? inWindow[0]! : null;
  const base = { memberId: member.memberId, name: member.name, scans: inWindow.length };
  if (!before) return { ...base, verdict: "first", real: [] };
  const changes: (SummaryChange & { size: number })[] = [];
  for (const metric of SUMMARY_METRICS) {
    const a = before.values[metric];
    const b = latest.values[metric];
    const threshold = noise.find((n) => n.metric === metric);
    if (a == null || b == null || !threshold) continue;
    const label = relativeChangeLabel(metric, a, b - a);
    if (!label) continue;
    const cls = classify(b - a, threshold);
    const good = (b - a) * METRIC_INFO[metric].betterDirection > 0;
    changes.push({ metric, label, good, cls, size: Math.abs(b - a) / threshold.realAt });
  }
  const real = changes
    .filter((c) => c.cls === "real")
    .sort((x, y) => y.size - x.size)
    .map(({ size: _, ...c }) => c);
  const verdict = real.length > 0 ? "real" : changes.some((c) => c.cls === "likely") ? "likely" : "noise";
  return { ...base, verdict, real };
}

/** Builds the summary of one group for one scheduled week. */
export async function buildWeeklySummary(
  sql: Sql,
  group: GroupRow,
  occurrence: Occurrence,
  boardAsOf: BoardAsOf,
): Promise<WeeklySummary> {
  const { from, to } = occurrence.window;
  const [members, noise] = await Promise.all([
    summaries.visibleMembers(sql, group.id, to),
    gold.noiseThresholds(sql),
  ]);
  const ids = members.map((m) => m.memberId);
  const nameOf = new Map(members.map((m) => [m.memberId, m.name]));

  const scanned: MemberWeek[] = [];
  const bests: WeeklySummary["personalBests"] = [];
  for (const member of members) {
    if (!member.lastScanAt || member.lastScanAt < from) continue;
    const history = (await gold.memberProgress(sql, member.memberId)).filter((p) => p.scannedAt < to);
    const inWindow = history.filter((p) => p.scannedAt >= from);
    if (inWindow.length === 0) continue;
    scanned.push(memberWeek(member, history, inWindow, noise));
    const metrics = new Set<TrackedMetric>();
    for (const scan of inWindow) {
      const upTo = history.slice(0, history.indexOf(scan) + 1);
      for (const best of personalBests(upTo, noise)) if (best.metric) metrics.add(best.metric);
    }
    if (metrics.size > 0) {
      bests.push({
        memberId: member.memberId,
        name: member.name,
        metrics: SUMMARY_METRICS.filter((m) => metrics.has(m)).concat(
          [...metrics].filter((m) => !SUMMARY_METRICS.includes(m)),
        ),
      });
    }
  }

  const reached = await summaries.goalsReachedBetween(sql, ids, from, to);
  const goalsReached: WeeklySummary["goalsReached"] = [];
  for (const row of reached) {
    const entry = goalsReached.find((g) => g.memberId === row.memberId);
    if (entry) entry.metrics.push(row.metric);
    else
      goalsReached.push({ memberId: row.memberId, name: nameOf.get(row.memberId)!, metrics: [row.metric] });
  }
  goalsReached.sort((a, b) => a.name.localeCompare(b.name));

  const dueRescan = members
    .filter((m) => m.lastScanAt !== null)
    .map((m) => ({ memberId: m.memberId, name: m.name, days: daysBetween(m.lastScanAt!, to) }))
    .filter((m) => m.days >= RESCAN_AFTER_DAYS)
    .sort((a, b) => b.days - a.days || a.name.localeCompare(b.name));

  const { board, movers } = await boardMovers(sql, group, occurrence, nameOf, boardAsOf);

  return {
    groupId: group.id,
    groupTitle: group.title,
    occurrence,
    visibleMembers: members.length,
    scanned,
    board,
    movers,
    goalsReached,
    personalBests: bests,
    dueRescan,
    quiet: scanned.length === 0 && goalsReached.length === 0,
  };
}

/** The board at the week's slot (not when the post goes out: a late post must not count later scans). */
async function boardMovers(
  sql: Sql,
  group: GroupRow,
  occurrence: Occurrence,
  nameOf: Map<number, string>,
  boardAsOf: BoardAsOf,
): Promise<Pick<WeeklySummary, "board" | "movers">> {
  const { weekStart } = occurrence;
  const metric = parseBoardMetric(group.leaderboardMetric) ?? "composite";
  const period = defaultBoardPeriod(group);
  const rows = await boardAsOf({
    groupId: group.id,
    period,
    metric,
    at: occurrence.at,
    scansBefore: occurrence.window.to,
  }).then((board) =>
    board.sort(
      (a, b) => a.rank - b.rank || (nameOf.get(a.memberId) ?? "").localeCompare(nameOf.get(b.memberId) ?? ""),
    ),
  );
  const shown: ShownRanks = {
    metric,
    period,
    ranks: Object.fromEntries(rows.filter((r) => nameOf.has(r.memberId)).map((r) => [r.memberId, r.rank])),
  };
  const board = { metric, title: BOARD_METRIC_INFO[metric].title, shown };
  const previous = await summaries.previousRanks(sql, group.id, weekStart);
  // the first summary, or one after the board changed metric or period, has nothing to compare with
  if (!previous || previous.metric !== metric || previous.period !== period) return { board, movers: [] };
  const movers = rows
    .filter((r) => nameOf.has(r.memberId))
    .map((r) => ({
      memberId: r.memberId,
      name: nameOf.get(r.memberId)!,
      from: previous.ranks[String(r.memberId)] ?? null,
      to: r.rank,
    }))
    .filter((m) => m.from !== m.to)
    .sort((a, b) => (b.from ?? 99_999) - b.to - ((a.from ?? 99_999) - a.to) || a.to - b.to);
  return { board, movers };
}

export function weeklySummaryChartInput(summary: WeeklySummary): WeeklySummaryChartInput {
  return {
    groupName: summary.groupTitle,
    weekLabel: weekLabel(summary.occurrence.localDate),
    scanned: summary.scanned.map((s) => s.name),
    realChanges: summary.scanned.flatMap((s) =>
      s.real.map((c) => ({ name: s.name, label: c.label, good: c.good })),
    ),
    movers: summary.movers.map((m) => ({ name: m.name, from: m.from, to: m.to })),
    dueRescan: summary.dueRescan.map((d) => d.name),
    goalsReached: summary.goalsReached.map((g) => ({
      name: g.name,
      label: g.metrics.map((metric) => METRIC_INFO[metric].label).join(", "),
    })),
  };
}

/** The occurrence for `pump summary` and tests: the week ending on a given local date. */
export function occurrenceFor(group: GroupRow, defaultTimeZone: string, localDate: string): Occurrence {
  return occurrenceOn(localDate, scheduleOf(group, defaultTimeZone));
}
