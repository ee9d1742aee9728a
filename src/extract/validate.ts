import {
  type MetricKey,
  type ScanRecord,
  ScanRejectedError,
  type ScanWarning,
} from "../domain/scan-record.ts";
import { KG_PER_LB, type MassUnit } from "./units.ts";

// evolt-report.md §9. Small misses are rounding or a misread digit → warnings a person can look at.
// Misses far beyond rounding, or bodies that cannot exist, mean the sheet was not read right → rejected.

type Metrics = ScanRecord["metrics"];

interface Tolerance {
  /** a sum of printed masses, kg */
  sum: number;
  /** half a printed mass unit, kg */
  half: number;
  pct: number;
  bmr: number;
}

function tolerance(unit: MassUnit): Tolerance {
  // lb sheets convert and round every value separately, so sums drift more (§9 R1: ±0.2).
  return unit === "lb"
    ? { sum: 0.2 + 1e-6, half: 0.05 * KG_PER_LB, pct: 0.15 + 1e-6, bmr: 2 }
    : { sum: 0.1 + 1e-6, half: 0.05, pct: 0.1 + 1e-6, bmr: 1 };
}

export function rejectImplausible(record: ScanRecord): void {
  const m = record.metrics;
  const reject = () => {
    throw new ScanRejectedError("implausible_values");
  };
  const outside = (value: number | null, lo: number, hi: number) =>
    value !== null && (value < lo || value > hi);
  if (outside(m.weight_kg, 20, 350) || outside(m.body_fat_pct, 2, 75)) reject();
  if (outside(record.subject.height_cm, 100, 250) || outside(record.subject.age, 10, 110)) reject();
  if (outside(m.bmr_kcal, 500, 5000) || outside(m.visceral_fat_level, 0, 60)) reject();
  for (const key of Object.keys(m) as MetricKey[]) {
    const value = m[key];
    if (value !== null && (value < 0 || !Number.isFinite(value))) reject();
  }
  const w = m.weight_kg;
  const lbm = m.lean_body_mass_kg;
  const bfm = m.body_fat_mass_kg;
  if (w !== null && ((lbm !== null && lbm >= w) || (bfm !== null && bfm >= w))) reject();
  const grossMiss = (total: number | null, parts: (number | null)[], abs: number, rel: number) => {
    if (total === null || parts.some((part) => part === null)) return false;
    const sum = parts.reduce<number>((acc, part) => acc + (part ?? 0), 0);
    return Math.abs(sum - total) > Math.max(abs, rel * total);
  };
  if (grossMiss(w, [lbm, bfm], 2, 0.03)) reject();
  if (grossMiss(bfm, [m.subcutaneous_fat_mass_kg, m.visceral_fat_mass_kg], 2, 0.1)) reject();
  if (grossMiss(m.total_body_water_kg, [m.intracellular_fluid_kg, m.extracellular_fluid_kg], 2, 0.1))
    reject();
  if (grossMiss(lbm, [m.protein_kg, m.mineral_kg, m.total_body_water_kg], 2, 0.05)) reject();
  if (w !== null && bfm !== null && m.body_fat_pct !== null && Math.abs((100 * bfm) / w - m.body_fat_pct) > 3)
    reject();
}

interface Rule {
  code: string;
  message: string;
  broken: (m: Metrics, t: Tolerance, record: ScanRecord) => boolean | null;
}

const sumOf = (...values: (number | null)[]): number | null =>
  values.some((value) => value === null)
    ? null
    : values.reduce<number>((acc, value) => acc + (value ?? 0), 0);
const differs = (a: number | null, b: number | null, tol: number): boolean | null =>
  a === null || b === null ? null : Math.abs(a - b) > tol;
/** Share of a whole, allowing for each figure being rounded to the printed unit. */
const shareOutside = (part: number | null, whole: number | null, lo: number, hi: number, half: number) => {
  if (part === null || whole === null || whole <= 0) return null;
  const ratio = part / whole;
  const slack = (half * (1 + ratio)) / whole;
  return ratio < lo - slack || ratio > hi + slack;
};

const RULES: Rule[] = [
  {
    code: "weight_sum_mismatch",
    message: "Lean body mass and body fat mass do not add up to the weight on this sheet.",
    broken: (m, t) => differs(sumOf(m.lean_body_mass_kg, m.body_fat_mass_kg), m.weight_kg, t.sum),
  },
  {
    code: "body_fat_pct_mismatch",
    message: "The body fat percentage does not match body fat mass divided by weight.",
    broken: (m, t) =>
      m.body_fat_mass_kg === null || m.weight_kg === null
        ? null
        : differs((100 * m.body_fat_mass_kg) / m.weight_kg, m.body_fat_pct, t.pct),
  },
  {
    code: "fat_split_mismatch",
    message: "Subcutaneous and visceral fat do not add up to the body fat mass.",
    broken: (m, t) =>
      differs(sumOf(m.subcutaneous_fat_mass_kg, m.visceral_fat_mass_kg), m.body_fat_mass_kg, t.sum),
  },
  {
    code: "fat_pct_split_mismatch",
    message: "The subcutaneous and visceral fat percentages do not add up to the body fat percentage.",
    broken: (m, t) => differs(sumOf(m.subcutaneous_fat_pct, m.visceral_fat_pct), m.body_fat_pct, t.pct),
  },
  {
    code: "fluid_sum_mismatch",
    message: "Intracellular and extracellular fluid do not add up to the total body water.",
    broken: (m, t) => {
      const kg = differs(
        sumOf(m.intracellular_fluid_kg, m.extracellular_fluid_kg),
        m.total_body_water_kg,
        t.sum,
      );
      const pct = differs(sumOf(m.intracellular_fluid_pct, m.extracellular_fluid_pct), 100, 1);
      return kg === null && pct === null ? null : Boolean(kg || pct);
    },
  },
  {
    code: "lean_sum_mismatch",
    message: "Protein, mineral and total body water do not add up to the lean body mass.",
    broken: (m, t) =>
      differs(sumOf(m.protein_kg, m.mineral_kg, m.total_body_water_kg), m.lean_body_mass_kg, t.sum),
  },
  {
    code: "bmr_formula_mismatch",
    message: "The BMR does not follow from the lean body mass the way Evolt calculates it.",
    broken: (m, t) =>
      m.lean_body_mass_kg === null
        ? null
        : differs(m.bmr_kcal, Math.floor(370 + 21.6 * m.lean_body_mass_kg), t.bmr),
  },
  {
    code: "tee_formula_mismatch",
    message:
      "The TEE is not the usual multiple of the BMR; the activity setting may differ from the default.",
    broken: (m) => (m.bmr_kcal === null ? null : differs(m.tee_kcal, Math.floor(m.bmr_kcal * 1.54), 1)),
  },
  {
    code: "segment_fat_sum_mismatch",
    message: "The fat of the five body segments does not add up to the body fat mass.",
    broken: (m, t, record) => {
      if (!record.segments) return null;
      const fats = Object.values(record.segments).map((segment) => segment.fat_kg);
      return differs(sumOf(...fats), m.body_fat_mass_kg, t.sum);
    },
  },
  {
    code: "segment_lean_sum_mismatch",
    message: "The lean mass of the five body segments is not the usual share of the lean body mass.",
    broken: (m, t, record) => {
      if (!record.segments) return null;
      const leans = Object.values(record.segments).map((segment) => segment.lean_kg);
      return shareOutside(sumOf(...leans), m.lean_body_mass_kg, 0.836 * 0.99, 0.836 * 1.01, t.half);
    },
  },
  {
    code: "water_share_unusual",
    message: "Total body water is not the usual share of the lean body mass.",
    broken: (m, t) => shareOutside(m.total_body_water_kg, m.lean_body_mass_kg, 0.715, 0.735, t.half),
  },
  {
    code: "muscle_share_unusual",
    message: "Skeletal muscle mass is not the usual share of the lean body mass.",
    broken: (m, t) => shareOutside(m.skeletal_muscle_mass_kg, m.lean_body_mass_kg, 0.545, 0.567, t.half),
  },
  {
    code: "protein_mineral_share_unusual",
    message: "Protein or mineral is not the usual share of the lean body mass.",
    broken: (m, t) => {
      const protein = shareOutside(m.protein_kg, m.lean_body_mass_kg, 0.19, 0.205, t.half);
      const mineral = shareOutside(m.mineral_kg, m.lean_body_mass_kg, 0.07, 0.091, t.half);
      return protein === null && mineral === null ? null : Boolean(protein || mineral);
    },
  },
  {
    code: "visceral_share_unusual",
    message: "Visceral fat mass is not the usual share of the body fat mass.",
    broken: (m, t) => shareOutside(m.visceral_fat_mass_kg, m.body_fat_mass_kg, 0.125, 0.195, t.half),
  },
  {
    code: "status_range_mismatch",
    message: "A status word (Optimal, High, …) does not agree with its printed range.",
    broken: (_m, t, record) => statusesDisagree(record, t),
  },
];

const INSIDE = new Set(["Optimal", "Balanced", "Normal"]);
const ABOVE = /^(?:High|Over|Above)\b/;
const BELOW = /^(?:Low|Under|Below)\b/;

function statusAgrees(
  value: number | null,
  status: string | null | undefined,
  range: [number, number] | null | undefined,
  eps: number,
) {
  if (value === null || !status || !range) return true;
  const [lo, hi] = range;
  if (INSIDE.has(status)) return value >= lo - eps && value <= hi + eps;
  if (ABOVE.test(status)) return value >= hi - eps;
  if (BELOW.test(status)) return value <= lo + eps;
  return true;
}

function statusesDisagree(record: ScanRecord, t: Tolerance): boolean {
  // A value and its bounds are each rounded to the printed unit, and the status was set before rounding.
  const epsFor = (key: string) =>
    key.endsWith("_kg") ? 2 * t.half : key === "waist_to_hip_ratio" ? 0.01 : 0.1;
  for (const key of Object.keys(record.status) as MetricKey[]) {
    if (!statusAgrees(record.metrics[key], record.status[key], record.ranges[key], epsFor(key) + 1e-9))
      return true;
  }
  for (const segment of Object.values(record.segments ?? {})) {
    const eps = 2 * t.half * 0.1 + 1e-9;
    if (!statusAgrees(segment.lean_kg, segment.lean_status, segment.lean_range, eps)) return true;
    if (!statusAgrees(segment.fat_kg, segment.fat_status, segment.fat_range, eps)) return true;
  }
  return false;
}

export function consistencyWarnings(record: ScanRecord, unit: MassUnit): ScanWarning[] {
  const t = tolerance(unit);
  return RULES.filter((rule) => rule.broken(record.metrics, t, record) === true).map(({ code, message }) => ({
    code,
    message,
  }));
}
