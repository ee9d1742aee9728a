// What every check of a record against itself is made of: the rounding a printed sheet allows, and helpers.
import type { ScanRecord } from "../../domain/scan-record.ts";
import { KG_PER_LB, type MassUnit } from "../units.ts";

export type Metrics = ScanRecord["metrics"];

export interface Tolerance {
  /** a sum of printed masses, kg */
  sum: number;
  /** half the last printed digit of a whole-body mass, kg */
  half: number;
  /** half the last printed digit of a segment mass, kg */
  segmentHalf: number;
  /** how far a printed range end may be from the exact one (lb sheets may round in kg and again in lb) */
  rangeHalf: number;
  segmentRangeHalf: number;
  pct: number;
  bmr: number;
}

export function tolerance(unit: MassUnit): Tolerance {
  // lb sheets convert and round every value separately, so sums drift more (§9 R1: ±0.2).
  return unit === "lb"
    ? {
        sum: 0.2 + 1e-6,
        half: 0.05 * KG_PER_LB,
        segmentHalf: 0.005 * KG_PER_LB,
        rangeHalf: 0.05 + 0.05 * KG_PER_LB,
        segmentRangeHalf: 0.005 + 0.005 * KG_PER_LB,
        pct: 0.15 + 1e-6,
        bmr: 2,
      }
    : {
        sum: 0.1 + 1e-6,
        half: 0.05,
        segmentHalf: 0.005,
        rangeHalf: 0.05,
        segmentRangeHalf: 0.005,
        pct: 0.1 + 1e-6,
        bmr: 1,
      };
}

export interface Rule {
  code: string;
  message: string | ((record: ScanRecord, t: Tolerance) => string);
  /** true: broken; false: holds; null: the sheet does not print what the rule needs */
  broken: (m: Metrics, t: Tolerance, record: ScanRecord) => boolean | null;
}

export const sumOf = (...values: (number | null)[]): number | null =>
  values.some((value) => value === null)
    ? null
    : values.reduce<number>((acc, value) => acc + (value ?? 0), 0);
export const differs = (a: number | null, b: number | null, tol: number): boolean | null =>
  a === null || b === null ? null : Math.abs(a - b) > tol;
/** Share of a whole, allowing for each figure being rounded to the printed unit. */
export const shareOutside = (
  part: number | null,
  whole: number | null,
  lo: number,
  hi: number,
  half: number,
) => {
  if (part === null || whole === null || whole <= 0) return null;
  const ratio = part / whole;
  const slack = (half * (1 + ratio)) / whole;
  return ratio < lo - slack || ratio > hi + slack;
};
export const anyBroken = (...results: (boolean | null)[]): boolean | null =>
  results.every((result) => result === null) ? null : results.some((result) => result === true);

/** "lean body mass", "left arm fat" — names a member recognises from the sheet. */
export function nameOf(key: string): string {
  const special: Record<string, string> = {
    bmr_kcal: "BMR",
    tee_kcal: "TEE",
    bwi: "BWI",
    body_fat_pct: "body fat percentage",
    waist_to_hip_ratio: "waist-to-hip ratio",
  };
  return special[key] ?? key.replace(/_(?:kg|cm2|kcal|cm|pct)$/, "").replaceAll("_", " ");
}

export function joinNames(names: string[]): string {
  const unique = [...new Set(names)];
  return unique.length <= 1
    ? (unique[0] ?? "a value")
    : `${unique.slice(0, -1).join(", ")} and ${unique.at(-1)}`;
}
