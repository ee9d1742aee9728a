// The sheet's own sums (sheet-arithmetic.ts), with the tolerances sql/tests/scans_sums_within_tolerance.sql
// holds every published scan to. A photo read the member corrected is checked against them before it can
// be saved: a scan that broke them would stop every refresh of the models.
import type { MetricKey } from "./scan-record.ts";
import { SHEET_SUMS, type SheetSum } from "./sheet-arithmetic.ts";

type Metrics = Record<MetricKey, number | null>;

interface SumRule {
  sum: SheetSum;
  /** how far the computed whole may be from the printed one */
  tolerance(printed: number): number;
}

export const SUM_RULES: SumRule[] = [
  { sum: SHEET_SUMS.weight, tolerance: (weight) => Math.max(2, 0.03 * weight) },
  { sum: SHEET_SUMS.fatSplit, tolerance: (fat) => Math.max(2, 0.1 * fat) },
  { sum: SHEET_SUMS.fluid, tolerance: (water) => Math.max(2, 0.1 * water) },
  { sum: SHEET_SUMS.lean, tolerance: (lean) => Math.max(2, 0.05 * lean) },
  { sum: SHEET_SUMS.fatPct, tolerance: () => 3 },
];

const holds = (rule: SumRule, m: Metrics) => {
  const s = rule.sum.sides(m);
  return s === null || Math.abs(s.computed - s.printed) <= rule.tolerance(s.printed) + 0.01;
};

export type Reconciled =
  | { kind: "consistent"; metrics: Metrics; dropped: MetricKey[] }
  /** values the member typed disagree among themselves */
  | { kind: "conflict"; keys: MetricKey[] };

/**
 * Makes the values agree with the sheet's sums: where a rule is broken, a value the member did not type is
 * let go of (becomes unread) — the member's word beats a read digit. A rule only binds when all its values
 * are there, so one unread value settles it.
 */
export function reconcileSums(metrics: Metrics, typed: ReadonlySet<string>): Reconciled {
  const out = { ...metrics };
  const dropped: MetricKey[] = [];
  for (const rule of SUM_RULES) {
    const { keys } = rule.sum;
    if (keys.some((k) => out[k] == null)) continue;
    if (holds(rule, out)) continue;
    const loose = keys.find((k) => !typed.has(k));
    if (!loose) return { kind: "conflict", keys: [...keys] };
    out[loose] = null;
    dropped.push(loose);
  }
  return { kind: "consistent", metrics: out, dropped };
}
