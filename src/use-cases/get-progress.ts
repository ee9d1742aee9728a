// /progress: a member's history over a period, with the progress chart (and the segment chart of the
// latest scan when asked for).

import type { Sql } from "postgres";
import { type ScanFlags, scanFlags } from "../db/queries/conditions.ts";
import type { ProgressRow } from "../db/queries/gold.ts";
import * as gold from "../db/queries/gold.ts";
import type { Units } from "../domain/metrics.ts";
import type { GoalView, NoiseThreshold, ScanPoint } from "../domain/progress.ts";
import { SEGMENT_KEYS } from "../domain/scan-record.ts";
import {
  PROGRESS_METRICS,
  type ProgressChartInput,
  type ProgressMetric,
  type SegmentChartInput,
} from "./chart-inputs.ts";
import { type ActionDeps, memberOf, today } from "./deps.ts";
import { type ProgressPeriod, type ProgressRequest, parseProgressWords, periodStart } from "./periods.ts";
import type { Actor } from "./ports.ts";

export interface ProgressView {
  memberId: number;
  name: string;
  units: Units;
  period: ProgressPeriod;
  /** scans in the period, oldest first */
  history: ProgressRow[];
  latest: ProgressRow;
  /** first scan of the period (null with one scan) */
  first: ProgressRow | null;
  previous: ProgressRow | null;
  goals: GoalView[];
  noise: NoiseThreshold[];
  totalScans: number;
}

export type ProgressResult =
  | { kind: "no_scans" }
  | { kind: "bad_period"; word: string }
  | {
      kind: "ok";
      view: ProgressView;
      chart: Buffer;
      segmentsChart: Buffer | null;
      /** how the latest scan was taken, when it may hold a water swing */
      latestFlags?: ScanFlags;
      focus: Extract<ProgressRequest, { kind: "ok" }>["focus"];
    };

export function getProgress(deps: ActionDeps) {
  return async (input: {
    actor: Actor;
    periodWord?: string;
    metricWord?: string;
  }): Promise<ProgressResult> => {
    const member = await memberOf(deps.sql, input.actor);
    const request = parseProgressWords([input.metricWord, input.periodWord]);
    if (request.kind !== "ok") return request;
    const view = await loadProgress(deps.sql, member, request.period, today(deps.now));
    if (!view) return { kind: "no_scans" };
    const chart = await deps.charts.progress(progressChartInput(view));
    const segmentInput = request.focus === "segments" ? await segmentChartInput(deps.sql, view) : null;
    const segmentsChart = segmentInput ? await deps.charts.segments(segmentInput) : null;
    const latestFlags = await scanFlags(deps.sql, member.id, view.latest.scanId);
    return { kind: "ok", view, chart, segmentsChart, latestFlags, focus: request.focus };
  };
}

export async function loadProgress(
  sql: Sql,
  member: { id: number; displayName: string; units: Units },
  period: ProgressPeriod,
  today: string,
): Promise<ProgressView | null> {
  const [all, goals, noise] = await Promise.all([
    gold.memberProgress(sql, member.id),
    gold.goalStatus(sql, member.id),
    gold.noiseThresholds(sql),
  ]);
  if (all.length === 0) return null;
  const start = periodStart(period, today);
  let history = start ? all.filter((row) => row.scannedAt.slice(0, 10) >= start) : all;
  // a period with fewer than two scans still shows a change: the latest scan against the one before it
  if (history.length < 2) history = all.slice(-2);
  const latest = history[history.length - 1]!;
  const latestIndex = all.indexOf(latest);
  return {
    memberId: member.id,
    name: member.displayName,
    units: member.units,
    period,
    history,
    latest,
    first: history.length > 1 ? history[0]! : null,
    previous: latestIndex > 0 ? all[latestIndex - 1]! : null,
    goals,
    noise,
    totalScans: all.length,
  };
}

/** The chart of a member's scans; a scan reply draws it from what the ingest returned (nothing re-read). */
export function progressChartInput(
  view: { name: string; units: Units; history: ScanPoint[]; goals: GoalView[]; noise: NoiseThreshold[] },
  title?: string,
): ProgressChartInput {
  const realAt = (metric: ProgressMetric) => view.noise.find((n) => n.metric === metric)?.realAt ?? 0;
  const goal = view.goals.find((g) => (PROGRESS_METRICS as readonly string[]).includes(g.metric));
  const byMetric = <T>(value: (metric: ProgressMetric) => T) =>
    Object.fromEntries(PROGRESS_METRICS.map((metric) => [metric, value(metric)])) as Record<
      ProgressMetric,
      T
    >;
  return {
    title: title ?? `${view.name} — progress`,
    unit: view.units,
    points: view.history.map((row) => ({ at: row.scannedAt, ...byMetric((metric) => row.values[metric]) })),
    noise: byMetric(realAt),
    goal: goal ? { metric: goal.metric as ProgressMetric, target: goal.target } : null,
  };
}

export async function segmentChartInput(sql: Sql, view: ProgressView): Promise<SegmentChartInput | null> {
  const record = await gold.scanRecord(sql, view.latest.scanId);
  if (!record?.segments) return null;
  const segments = Object.fromEntries(
    SEGMENT_KEYS.map((key) => {
      const s = record.segments![key];
      return [
        key,
        { lean_kg: s.lean_kg, fat_kg: s.fat_kg, lean_range: s.lean_range, fat_range: s.fat_range },
      ];
    }),
  ) as SegmentChartInput["segments"];
  return { unit: view.units, subtitle: `Scan of ${view.latest.scannedAt.slice(0, 10)}`, segments };
}
