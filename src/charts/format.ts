// Numbers, units and dates as a member reads them.
import { format } from "date-fns";
import type { MassUnit, ProgressMetric } from "./types.ts";

export const KG_TO_LB = 2.20462262;
const MINUS = "\u2212";

export interface MetricInfo {
  label: string;
  /** In a sentence, e.g. "Goal: body fat 15%". */
  short: string;
  /** The metric is a mass (converted to lb when the member prefers lb); otherwise percent. */
  mass: boolean;
}

export const METRIC_INFO: Record<ProgressMetric, MetricInfo> = {
  weight_kg: { label: "Weight", short: "weight", mass: true },
  body_fat_mass_kg: { label: "Body fat mass", short: "body fat mass", mass: true },
  skeletal_muscle_mass_kg: { label: "Skeletal muscle mass", short: "muscle mass", mass: true },
  body_fat_pct: { label: "Body fat %", short: "body fat", mass: false },
};

/** Canonical value → display value (kg → lb for masses when asked; % unchanged). */
export function toDisplay(value: number, mass: boolean, unit: MassUnit): number {
  return mass && unit === "lb" ? value * KG_TO_LB : value;
}

export function unitSuffix(mass: boolean, unit: MassUnit): string {
  return mass ? unit : "%";
}

/** "82.4" / "−1.3"; uses a true minus sign. */
export function formatNumber(value: number, decimals = 1): string {
  const text = Math.abs(value).toFixed(decimals);
  const isZero = Number(text) === 0;
  return value < 0 && !isZero ? `${MINUS}${text}` : text;
}

/** "+1.3" / "−1.3" / "±0.0". */
export function formatSigned(value: number, decimals = 1): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return `\u00B1${text}`;
  return `${value < 0 ? MINUS : "+"}${text}`;
}

export function withUnit(text: string, suffix: string): string {
  return suffix === "%" ? `${text}%` : `${text} ${suffix}`;
}

/** ISO local date-time without zone → Date in local time (wall clock preserved). */
export function parseLocal(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
  if (!m) return new Date(Number.NaN);
  return new Date(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
}

export function formatDay(date: Date): string {
  return format(date, "d MMM yyyy");
}
