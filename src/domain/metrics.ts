// The metrics members track, how they are named in chat, and how they are shown in the member's units.

export const TRACKED_METRICS = [
  "weight_kg",
  "body_fat_mass_kg",
  "body_fat_pct",
  "lean_body_mass_kg",
  "skeletal_muscle_mass_kg",
  "visceral_fat_level",
  "total_body_water_kg",
] as const;
export type TrackedMetric = (typeof TRACKED_METRICS)[number];

export const GOAL_METRICS = [
  "weight_kg",
  "body_fat_mass_kg",
  "body_fat_pct",
  "skeletal_muscle_mass_kg",
  "lean_body_mass_kg",
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export type Units = "kg" | "lb";
export type ChangeClass = "within_noise" | "likely" | "real";

export const LB_PER_KG = 1 / 0.45359237;

export interface MetricInfo {
  label: string;
  /** words members may type for it */
  aliases: string[];
  kind: "mass" | "percent" | "score";
  /** -1 lower is better, 1 higher is better, 0 neither */
  betterDirection: -1 | 0 | 1;
}

export const METRIC_INFO: Record<TrackedMetric, MetricInfo> = {
  weight_kg: {
    label: "weight",
    aliases: ["weight", "w", "kg", "lb", "mass"],
    kind: "mass",
    betterDirection: 0,
  },
  body_fat_mass_kg: {
    label: "fat mass",
    aliases: ["fat", "fatmass", "bfm", "fat_mass"],
    kind: "mass",
    betterDirection: -1,
  },
  body_fat_pct: {
    label: "body fat",
    aliases: ["bf", "bf%", "pbf", "fat%", "bodyfat", "body_fat"],
    kind: "percent",
    betterDirection: -1,
  },
  lean_body_mass_kg: {
    label: "lean mass",
    aliases: ["lean", "lbm", "lean_mass"],
    kind: "mass",
    betterDirection: 1,
  },
  skeletal_muscle_mass_kg: {
    label: "muscle",
    aliases: ["muscle", "smm", "muscles"],
    kind: "mass",
    betterDirection: 1,
  },
  visceral_fat_level: {
    label: "visceral fat level",
    aliases: ["visceral", "vfl"],
    kind: "score",
    betterDirection: -1,
  },
  total_body_water_kg: { label: "body water", aliases: ["water", "tbw"], kind: "mass", betterDirection: 0 },
};

export function parseMetric(word: string | undefined): TrackedMetric | null {
  if (!word) return null;
  const w = word.trim().toLowerCase().replace(/\s+/g, "");
  for (const metric of TRACKED_METRICS) {
    if (metric === w || METRIC_INFO[metric].aliases.includes(w)) return metric;
  }
  return null;
}

/** Value in the member's units (masses only convert). */
export function toDisplay(metric: TrackedMetric, kgValue: number, units: Units): number {
  return METRIC_INFO[metric].kind === "mass" && units === "lb" ? kgValue * LB_PER_KG : kgValue;
}

export function fromDisplay(metric: TrackedMetric, value: number, units: Units): number {
  return METRIC_INFO[metric].kind === "mass" && units === "lb" ? value / LB_PER_KG : value;
}

/** "82.4 kg", "18.0%", "8" */
export function formatValue(metric: TrackedMetric, kgValue: number, units: Units): string {
  const v = toDisplay(metric, kgValue, units);
  const kind = METRIC_INFO[metric].kind;
  if (kind === "score") return String(Math.round(v));
  return kind === "percent" ? `${v.toFixed(1)}%` : `${v.toFixed(1)} ${units}`;
}

/** "+1.3", "−1.3", "±0.0": a real minus sign reads better on phones, and what rounds to zero has no sign */
export function formatSigned(value: number, digits: number): string {
  const rounded = Math.abs(value).toFixed(digits);
  const sign = Number(rounded) === 0 ? "±" : value < 0 ? "−" : "+";
  return `${sign}${rounded}`;
}

/** "−1.8 kg", "+0.3 kg", "−0.6 pts", "±0.0 kg" */
export function formatDelta(metric: TrackedMetric, kgDelta: number, units: Units): string {
  const kind = METRIC_INFO[metric].kind;
  const unit = kind === "mass" ? ` ${units}` : kind === "percent" ? " pts" : "";
  return `${formatSigned(toDisplay(metric, kgDelta, units), kind === "score" ? 0 : 1)}${unit}`;
}

/**
 * A change without body values, as a group may read it: relative for masses and scores ("fat mass −4.1%"),
 * points for percentages ("body fat −1.5 pts"). Null when there is nothing to be relative to.
 */
export function relativeChangeLabel(metric: TrackedMetric, before: number, delta: number): string | null {
  const { label, kind } = METRIC_INFO[metric];
  if (kind === "percent") return `${label} ${formatDelta(metric, delta, "kg")}`;
  if (before === 0) return null;
  return `${label} ${formatSigned((100 * delta) / before, 1)}%`;
}
