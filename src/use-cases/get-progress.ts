// A member's history over a period, with the progress chart (and the segment chart of the latest scan).
import type { Sql } from "postgres";
import type { ProgressChartInput, SegmentChartInput } from "../charts/types.ts";
import type { ProgressRow } from "../db/queries/gold.ts";
import * as gold from "../db/queries/gold.ts";
import type { Units } from "../domain/metrics.ts";
import type { GoalView, NoiseThreshold } from "../domain/progress.ts";
import { SEGMENT_KEYS } from "../domain/scan-record.ts";
import { type ProgressPeriod, periodStart } from "./periods.ts";
import type { ChartRenderer } from "./ports.ts";

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

export function progressChartInput(view: ProgressView, title?: string): ProgressChartInput {
  const realAt = (metric: string) => view.noise.find((n) => n.metric === metric)?.realAt ?? 0;
  const goal = view.goals.find((g) =>
    ["weight_kg", "body_fat_mass_kg", "skeletal_muscle_mass_kg", "body_fat_pct"].includes(g.metric),
  );
  return {
    title: title ?? `${view.name} — progress`,
    unit: view.units,
    points: view.history.map((row) => ({
      at: row.scannedAt,
      weight_kg: row.values.weight_kg,
      body_fat_mass_kg: row.values.body_fat_mass_kg,
      skeletal_muscle_mass_kg: row.values.skeletal_muscle_mass_kg,
      body_fat_pct: row.values.body_fat_pct,
    })),
    noise: {
      weight_kg: realAt("weight_kg"),
      body_fat_mass_kg: realAt("body_fat_mass_kg"),
      skeletal_muscle_mass_kg: realAt("skeletal_muscle_mass_kg"),
      body_fat_pct: realAt("body_fat_pct"),
    },
    goal: goal
      ? { metric: goal.metric as NonNullable<ProgressChartInput["goal"]>["metric"], target: goal.target }
      : null,
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

export async function renderProgress(charts: ChartRenderer, view: ProgressView): Promise<Buffer> {
  return charts.progress(progressChartInput(view));
}
