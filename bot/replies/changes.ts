// Changes in words that respect measurement noise.
import type { ChangeClass, TrackedMetric, Units } from "../../src/domain/metrics.ts";
import { formatDelta, METRIC_INFO, relativeChangeLabel } from "../../src/domain/metrics.ts";
import type { MetricChange } from "../../src/domain/progress.ts";

const CLASS_WORDS: Record<ChangeClass, string> = {
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

/** A change without its verdict: "fat mass −1.8 kg", with the noise class alongside. */
export interface ChangeAmount {
  amount: string;
  cls: ChangeClass;
}

export function changeAmount(
  change: MetricChange,
  against: "prev" | "base",
  units: Units,
): ChangeAmount | null {
  const delta = against === "prev" ? change.deltaPrev : change.deltaBase;
  const cls = against === "prev" ? change.classPrev : change.classBase;
  if (delta == null || cls == null) return null;
  return { amount: `${METRIC_INFO[change.metric].label} ${formatDelta(change.metric, delta, units)}`, cls };
}

/** Relative change for group chats, where exact body values stay private: "fat mass −8.1%". */
export function relativeAmount(change: MetricChange, against: "prev" | "base"): ChangeAmount | null {
  const delta = against === "prev" ? change.deltaPrev : change.deltaBase;
  const cls = against === "prev" ? change.classPrev : change.classBase;
  if (delta == null || cls == null || change.value == null) return null;
  const amount = relativeChangeLabel(change.metric, change.value - delta, delta);
  return amount === null ? null : { amount, cls };
}

/**
 * Bullet lines, one per change that is (probably) real, and the changes within noise gathered on one
 * last line — so a quiet scan reads as one calm sentence, not the same caveat four times.
 */
export function changeBullets(items: (ChangeAmount | null)[]): string[] {
  const present = items.filter((i): i is ChangeAmount => i !== null);
  const lines = present
    .filter((i) => i.cls !== "within_noise")
    .map((i) => `• ${i.amount} — ${CLASS_WORDS[i.cls]}`);
  const quiet = present.filter((i) => i.cls === "within_noise").map((i) => i.amount);
  if (quiet.length > 0) lines.push(`• ${quiet.join(", ")} — ${CLASS_WORDS.within_noise}`);
  return lines;
}
