// What a scan means for a member: changes with their noise class, personal bests and goal progress.
// Pure: the numbers come from gold.
import type { ChangeClass, GoalMetric, TrackedMetric } from "./metrics.ts";
import { METRIC_INFO, TRACKED_METRICS } from "./metrics.ts";

export interface ScanPoint {
  scanId: string;
  /** printed wall-clock time, ISO without zone */
  scannedAt: string;
  values: Record<TrackedMetric, number | null>;
}

export interface MetricChange {
  metric: TrackedMetric;
  value: number | null;
  deltaPrev: number | null;
  deltaBase: number | null;
  classPrev: ChangeClass | null;
  classBase: ChangeClass | null;
}

export interface NoiseThreshold {
  metric: TrackedMetric;
  likelyAt: number;
  realAt: number;
}

export interface GoalView {
  metric: GoalMetric;
  target: number;
  startValue: number | null;
  latestValue: number | null;
  progressPct: number | null;
  reachedScanId: string | null;
  reachedAt: string | null;
}

export interface Milestone {
  kind: "goal_reached" | "personal_best" | "first_scan" | "scan_count";
  metric?: TrackedMetric;
  value?: number;
  count?: number;
}

/**
 * A personal best is the best value a member has ever had for a metric with a direction, reached by a
 * margin that is a real change over the previous best — so noise never earns a celebration.
 */
export function personalBests(history: ScanPoint[], noise: NoiseThreshold[]): Milestone[] {
  if (history.length < 3) return [];
  const latest = history[history.length - 1]!;
  const earlier = history.slice(0, -1);
  const bests: Milestone[] = [];
  for (const metric of TRACKED_METRICS) {
    const direction = METRIC_INFO[metric].betterDirection;
    const threshold = noise.find((n) => n.metric === metric);
    const value = latest.values[metric];
    if (direction === 0 || !threshold || value == null) continue;
    const previous = earlier.map((p) => p.values[metric]).filter((v): v is number => v != null);
    if (previous.length === 0) continue;
    const best = direction < 0 ? Math.min(...previous) : Math.max(...previous);
    const gain = (value - best) * direction;
    if (gain >= threshold.realAt - 1e-9) bests.push({ kind: "personal_best", metric, value });
  }
  return bests;
}

export function milestonesFor(input: {
  history: ScanPoint[];
  noise: NoiseThreshold[];
  goals: GoalView[];
  latestScanId: string;
}): Milestone[] {
  const milestones: Milestone[] = [];
  const count = input.history.length;
  if (count === 1) milestones.push({ kind: "first_scan" });
  if ([5, 10, 25, 50, 100].includes(count)) milestones.push({ kind: "scan_count", count });
  for (const goal of input.goals) {
    if (goal.reachedScanId === input.latestScanId) {
      milestones.push({ kind: "goal_reached", metric: goal.metric, value: goal.target });
    }
  }
  milestones.push(...personalBests(input.history, input.noise));
  return milestones;
}

export function classify(delta: number, threshold: NoiseThreshold): ChangeClass {
  const size = Math.abs(delta);
  return size >= threshold.realAt ? "real" : size >= threshold.likelyAt ? "likely" : "within_noise";
}
