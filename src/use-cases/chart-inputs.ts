// What the use-cases ask a chart to show: plain inputs, no database types. src/charts/ implements the
// renderer (ports.ts → ChartRenderer) over these. Body values are canonical (kg, %); the renderer converts
// masses to the member's unit for display.
import type { Units } from "../domain/metrics.ts";
import type { SegmentKey } from "../domain/scan-record.ts";

export type MassUnit = Units;

/** The metrics a progress chart draws, one panel each. */
export const PROGRESS_METRICS = [
  "weight_kg",
  "body_fat_mass_kg",
  "skeletal_muscle_mass_kg",
  "body_fat_pct",
] as const;
export type ProgressMetric = (typeof PROGRESS_METRICS)[number];

export interface ProgressPoint extends Record<ProgressMetric, number | null> {
  /** ISO local date-time as printed on the sheet, e.g. "2026-03-14T07:35" (no zone). */
  at: string;
}

export interface ProgressChartInput {
  /** Headline, e.g. "Alex — progress". Defaults to "Your progress". */
  title?: string;
  unit: MassUnit;
  /** Scans in any order; sorted by `at` before drawing. */
  points: ProgressPoint[];
  /** Minimal detectable change per metric, canonical units (kg, percentage points). */
  noise: Record<ProgressMetric, number>;
  goal?: { metric: ProgressMetric; target: number } | null;
}

export interface LeaderboardRow {
  name: string;
  /** 1-based; tied rows share a rank. */
  rank: number;
  tied: boolean;
  score: number;
  /** The member's change is within measurement noise. */
  withinNoise: boolean;
}

export interface LeaderboardChartInput {
  /** The metric, e.g. "Body fat % change". */
  title: string;
  /** e.g. "1 Jan – 31 Mar 2026". */
  periodLabel: string;
  /** Unit of `score`, e.g. "%" or "pts". */
  unitLabel: string;
  higherIsBetter: boolean;
  rows: LeaderboardRow[];
}

export interface WeeklySummaryChartInput {
  groupName: string;
  /** e.g. "Week 11 · 9–15 Mar 2026". */
  weekLabel: string;
  /** Names of members who scanned this week. */
  scanned: string[];
  /** Changes beyond measurement noise, biggest first; `label` is ready to print, e.g. "fat −1.8 kg". */
  realChanges: { name: string; label: string; good: boolean }[];
  /** Leaderboard rank moves; `from` null = new on the board. */
  movers: { name: string; from: number | null; to: number }[];
  dueRescan: string[];
  goalsReached: { name: string; label: string }[];
}

export interface ChallengePodiumRow {
  name: string;
  /** 1-based; tied rows share a rank */
  rank: number;
  tied: boolean;
  score: number;
  noiseClass: "within_noise" | "likely" | "real";
  /** threshold mode: reached the target with a real change */
  reached: boolean;
  /** the result scan was after training or at an unusual hour (water may explain part of the change) */
  flagged: boolean;
}

export interface ChallengePodiumInput {
  title: string;
  /** e.g. "Iron Crew · Body composition score" */
  subtitle: string;
  unitLabel: string;
  /** ranked entrants, by rank */
  rows: ChallengePodiumRow[];
  /** entrants without a baseline or a result */
  notRanked: string[];
}

export type SegmentName = SegmentKey;

export interface SegmentValues {
  lean_kg: number | null;
  fat_kg: number | null;
  lean_range: [number, number] | null;
  fat_range: [number, number] | null;
}

export interface SegmentChartInput {
  unit: MassUnit;
  /** Optional headline; defaults to "Segment balance". */
  title?: string;
  /** Optional date line, e.g. "Scan of 14 Mar 2026". */
  subtitle?: string;
  segments: Record<SegmentName, SegmentValues>;
}
