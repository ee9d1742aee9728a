// Changes in words that respect measurement noise.
import type { ChangeClass, TrackedMetric, Units } from "../../src/domain/metrics.ts";
import { formatDelta, METRIC_INFO } from "../../src/domain/metrics.ts";
import type { MetricChange } from "../../src/domain/progress.ts";

export const CLASS_WORDS: Record<ChangeClass, string> = {
  real: "a real change",
  likely: "probably real",
  within_noise: "within normal day-to-day variation",
};

/** The metrics a reply talks about, most telling first. */
export const HEADLINE_METRICS: TrackedMetric[] = [
  "body_fat_mass_kg",
  "skeletal_muscle_mass_kg",
  "body_fat_pct",
  "weight_kg",
];

export function describeChange(change: MetricChange, against: "prev" | "base", units: Units): string | null {
  const delta = against === "prev" ? change.deltaPrev : change.deltaBase;
  const cls = against === "prev" ? change.classPrev : change.classBase;
  if (delta == null || cls == null) return null;
  return `${METRIC_INFO[change.metric].label} ${formatDelta(change.metric, delta, units)} — ${CLASS_WORDS[cls]}`;
}

/** Relative change for group chats, where exact body values stay private: "fat mass −8.1%". */
export function describeRelativeChange(change: MetricChange, against: "prev" | "base"): string | null {
  const delta = against === "prev" ? change.deltaPrev : change.deltaBase;
  const cls = against === "prev" ? change.classPrev : change.classBase;
  if (delta == null || cls == null || change.value == null) return null;
  const label = METRIC_INFO[change.metric].label;
  if (METRIC_INFO[change.metric].kind === "percent") {
    return `${label} ${formatDelta(change.metric, delta, "kg")} — ${CLASS_WORDS[cls]}`;
  }
  const before = change.value - delta;
  if (before === 0) return null;
  const pct = (100 * delta) / before;
  const rounded = Math.abs(pct).toFixed(1);
  const sign = rounded === "0.0" ? "±" : pct < 0 ? "−" : "+";
  return `${label} ${sign}${rounded}% — ${CLASS_WORDS[cls]}`;
}

export function isGoodChange(change: MetricChange, against: "prev" | "base"): boolean | null {
  const delta = against === "prev" ? change.deltaPrev : change.deltaBase;
  const dir = METRIC_INFO[change.metric].betterDirection;
  if (delta == null || dir === 0) return null;
  return delta * dir > 0;
}
