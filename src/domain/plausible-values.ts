// Values no body reaches, in canonical units (scan-format.md): beyond them a figure is a misprint, a misread
// or a typo. One table for the PDF reader (refuses the sheet), the OCR path (drops the one figure) and a
// member's typed correction of a photo read (refused as a typo). Generous on purpose: the sheet's sums and
// ranges judge everything inside.
import type { MetricKey } from "./scan-record.ts";

export const PLAUSIBLE_METRICS: Partial<Record<MetricKey, readonly [number, number]>> = {
  weight_kg: [20, 350],
  lean_body_mass_kg: [10, 250],
  skeletal_muscle_mass_kg: [5, 150],
  total_body_water_kg: [5, 200],
  body_fat_mass_kg: [0.5, 250],
  body_fat_pct: [2, 75],
  subcutaneous_fat_pct: [0, 75],
  visceral_fat_pct: [0, 30],
  intracellular_fluid_pct: [40, 85],
  extracellular_fluid_pct: [15, 60],
  bmr_kcal: [500, 5000],
  visceral_fat_level: [0, 60],
  bio_age: [5, 120],
  bwi: [0, 10],
  waist_to_hip_ratio: [0.4, 2],
  abdominal_circumference_cm: [40, 250],
};

export const PLAUSIBLE_SUBJECT = {
  height_cm: [100, 250],
  age: [10, 110],
} as const satisfies Record<string, readonly [number, number]>;

/** Inside the bounds (or a metric without bounds, or no value at all). */
export function isPlausible(key: MetricKey, value: number | null): boolean {
  const bounds = PLAUSIBLE_METRICS[key];
  return value === null || !bounds || (value >= bounds[0] && value <= bounds[1]);
}
