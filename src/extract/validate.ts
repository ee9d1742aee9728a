import { isPlausible, PLAUSIBLE_SUBJECT } from "../domain/plausible-values.ts";
import {
  type MetricKey,
  type ScanRecord,
  ScanRejectedError,
  type ScanWarning,
} from "../domain/scan-record.ts";
import { ARITHMETIC_RULES } from "./checks/arithmetic.ts";
import { PART_RULES } from "./checks/parts.ts";
import { RANGE_RULES } from "./checks/ranges.ts";
import { tolerance } from "./checks/rule.ts";
import { STATUS_RULES } from "./checks/statuses.ts";
import type { MassUnit } from "./units.ts";

// Every value is checked against what the sheet itself prints (evolt-report.md §9 and R20): sums, shares,
// formulas, statuses against their ranges, the shape of the ranges, parts printed whole (src/extract/checks/).
// A miss within what printing can explain (each figure is rounded on its own) is nothing; a miss beyond it
// is a warning the member reads; a body that cannot exist, a gross miss, or a sheet that breaks several
// rules at once is not a record at all.

const RULES = [...ARITHMETIC_RULES, ...STATUS_RULES, ...RANGE_RULES, ...PART_RULES];

/** Consistency rules a sheet may break in one place (a misread digit) and still be a record with a warning. */
const MAX_BROKEN_RULES = 2;
/** Warnings that say what is missing or unusual on a sound sheet, not that the sheet disagrees with itself. */
const NOT_DISAGREEMENT = new Set(["tee_formula_mismatch"]);

export function rejectImplausible(record: ScanRecord): void {
  const m = record.metrics;
  const reject = () => {
    throw new ScanRejectedError("implausible_values");
  };
  const outside = (value: number | null, lo: number, hi: number) =>
    value !== null && (value < lo || value > hi);
  if (!(Object.keys(m) as MetricKey[]).every((key) => isPlausible(key, m[key]))) reject();
  if (
    outside(record.subject.height_cm, ...PLAUSIBLE_SUBJECT.height_cm) ||
    outside(record.subject.age, ...PLAUSIBLE_SUBJECT.age)
  )
    reject();
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
  const disagreements = consistencyWarnings(record, record.units.mass).filter(
    (warning) => !NOT_DISAGREEMENT.has(warning.code),
  );
  if (disagreements.length > MAX_BROKEN_RULES) reject();
}

export function consistencyWarnings(record: ScanRecord, unit: MassUnit): ScanWarning[] {
  const t = tolerance(unit);
  return RULES.filter((rule) => rule.broken(record.metrics, t, record) === true).map(({ code, message }) => ({
    code,
    message: typeof message === "string" ? message : message(record, t),
  }));
}
