// The sheet's own sums (evolt-report.md §9), with the tolerances sql/tests/scans_sums_within_tolerance.sql
// holds every published scan to. A photo read the member corrected is checked against them before it can
// be saved: a scan that broke them would stop every refresh of the models.
import type { MetricKey } from "./scan-record.ts";

type Metrics = Record<MetricKey, number | null>;

interface SumRule {
  /** the values the rule ties together; the one to let go of first comes first, weight always last */
  keys: MetricKey[];
  holds(m: Record<MetricKey, number>): boolean;
}

const within = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance + 0.01;

export const SUM_RULES: SumRule[] = [
  {
    keys: ["body_fat_mass_kg", "lean_body_mass_kg", "weight_kg"],
    holds: (m) =>
      within(m.lean_body_mass_kg + m.body_fat_mass_kg, m.weight_kg, Math.max(2, 0.03 * m.weight_kg)),
  },
  {
    keys: ["subcutaneous_fat_mass_kg", "visceral_fat_mass_kg", "body_fat_mass_kg"],
    holds: (m) =>
      within(
        m.subcutaneous_fat_mass_kg + m.visceral_fat_mass_kg,
        m.body_fat_mass_kg,
        Math.max(2, 0.1 * m.body_fat_mass_kg),
      ),
  },
  {
    keys: ["intracellular_fluid_kg", "extracellular_fluid_kg", "total_body_water_kg"],
    holds: (m) =>
      within(
        m.intracellular_fluid_kg + m.extracellular_fluid_kg,
        m.total_body_water_kg,
        Math.max(2, 0.1 * m.total_body_water_kg),
      ),
  },
  {
    keys: ["protein_kg", "mineral_kg", "total_body_water_kg", "lean_body_mass_kg"],
    holds: (m) =>
      within(
        m.protein_kg + m.mineral_kg + m.total_body_water_kg,
        m.lean_body_mass_kg,
        Math.max(2, 0.05 * m.lean_body_mass_kg),
      ),
  },
  {
    keys: ["body_fat_mass_kg", "body_fat_pct", "weight_kg"],
    holds: (m) => within((100 * m.body_fat_mass_kg) / m.weight_kg, m.body_fat_pct, 3),
  },
];

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
    if (rule.keys.some((k) => out[k] == null)) continue;
    if (rule.holds(out as Record<MetricKey, number>)) continue;
    const loose = rule.keys.find((k) => !typed.has(k));
    if (!loose) return { kind: "conflict", keys: rule.keys };
    out[loose] = null;
    dropped.push(loose);
  }
  return { kind: "consistent", metrics: out, dropped };
}
