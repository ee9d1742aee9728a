// Plain inputs for the chart renderers. No database types: callers map their rows into these shapes.
// All body values are in canonical units (kg, %); the renderer converts to the member's unit for display.

export type MassUnit = "kg" | "lb";

export const PROGRESS_METRICS = [
  "weight_kg",
  "body_fat_mass_kg",
  "skeletal_muscle_mass_kg",
  "body_fat_pct",
] as const;
export type ProgressMetric = (typeof PROGRESS_METRICS)[number];

export interface ProgressPoint {
  /** ISO local date-time as printed on the sheet, e.g. "2026-03-14T07:35" (no zone). */
  at: string;
  weight_kg: number | null;
  body_fat_mass_kg: number | null;
  skeletal_muscle_mass_kg: number | null;
  body_fat_pct: number | null;
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

export const SEGMENTS = ["left_arm", "right_arm", "torso", "left_leg", "right_leg"] as const;
export type SegmentName = (typeof SEGMENTS)[number];

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

export interface ChartSize {
  /** CSS pixels; the PNG is `width × pixelRatio` wide. */
  width: number;
  height: number;
}
