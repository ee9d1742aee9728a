// The sheet's own sums (evolt-report.md §9), defined once. Each reader applies its own tolerance: the
// extractor's checks (src/extract/checks/arithmetic.ts) allow the sheet's rounding, the photo corrections
// (sheet-sums.ts) the looser bounds sql/tests/scans_sums_within_tolerance.sql holds published scans to.
import type { MetricKey } from "./scan-record.ts";

type Metrics = Readonly<Record<MetricKey, number | null>>;

export interface SheetSum {
  /** the values it ties together; the one to let go of first comes first, the printed whole last */
  keys: readonly MetricKey[];
  /** what the other values make of the whole, and the whole as printed; null when one is not there */
  sides(m: Metrics): { computed: number; printed: number } | null;
}

const sides = (computed: number | null, printed: number | null) =>
  computed === null || printed === null ? null : { computed, printed };
const add = (...values: (number | null)[]) =>
  values.some((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + (v ?? 0), 0);

export const SHEET_SUMS = {
  /** lean body mass + body fat mass = weight */
  weight: {
    keys: ["body_fat_mass_kg", "lean_body_mass_kg", "weight_kg"],
    sides: (m) => sides(add(m.lean_body_mass_kg, m.body_fat_mass_kg), m.weight_kg),
  },
  /** subcutaneous + visceral fat = body fat mass */
  fatSplit: {
    keys: ["subcutaneous_fat_mass_kg", "visceral_fat_mass_kg", "body_fat_mass_kg"],
    sides: (m) => sides(add(m.subcutaneous_fat_mass_kg, m.visceral_fat_mass_kg), m.body_fat_mass_kg),
  },
  /** intracellular + extracellular fluid = total body water */
  fluid: {
    keys: ["intracellular_fluid_kg", "extracellular_fluid_kg", "total_body_water_kg"],
    sides: (m) => sides(add(m.intracellular_fluid_kg, m.extracellular_fluid_kg), m.total_body_water_kg),
  },
  /** protein + mineral + total body water = lean body mass */
  lean: {
    keys: ["protein_kg", "mineral_kg", "total_body_water_kg", "lean_body_mass_kg"],
    sides: (m) => sides(add(m.protein_kg, m.mineral_kg, m.total_body_water_kg), m.lean_body_mass_kg),
  },
  /** body fat mass / weight = body fat percentage */
  fatPct: {
    keys: ["body_fat_mass_kg", "body_fat_pct", "weight_kg"],
    sides: (m) =>
      m.body_fat_mass_kg === null || m.weight_kg === null
        ? null
        : sides((100 * m.body_fat_mass_kg) / m.weight_kg, m.body_fat_pct),
  },
} satisfies Record<string, SheetSum>;
