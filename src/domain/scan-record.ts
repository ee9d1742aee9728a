// The canonical scan record of ../shared/scan-format.md. Field names are a contract: never rename or re-unit.

export const PARSER_FORMAT = "evolt360" as const;

export const METRIC_KEYS = [
  "weight_kg",
  "lean_body_mass_kg",
  "skeletal_muscle_mass_kg",
  "protein_kg",
  "mineral_kg",
  "total_body_water_kg",
  "body_fat_mass_kg",
  "subcutaneous_fat_mass_kg",
  "subcutaneous_fat_pct",
  "visceral_fat_mass_kg",
  "visceral_fat_pct",
  "visceral_fat_area_cm2",
  "body_fat_pct",
  "visceral_fat_level",
  "intracellular_fluid_kg",
  "intracellular_fluid_pct",
  "extracellular_fluid_kg",
  "extracellular_fluid_pct",
  "bmr_kcal",
  "tee_kcal",
  "bio_age",
  "bwi",
  "abdominal_circumference_cm",
  "waist_to_hip_ratio",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Metrics printed in the sheet's mass unit (kg or lb): by the naming contract, exactly the `_kg` ones. */
export const MASS_METRIC_KEYS: readonly MetricKey[] = METRIC_KEYS.filter((key) => key.endsWith("_kg"));

export const SEGMENT_KEYS = ["left_arm", "right_arm", "torso", "left_leg", "right_leg"] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

export const NUTRITION_KEYS = ["calories_kcal", "protein_g", "carbohydrates_g", "fat_g"] as const;
export type NutritionKey = (typeof NUTRITION_KEYS)[number];

export type Range = [number, number];

export interface Segment {
  lean_kg: number | null;
  fat_kg: number | null;
  lean_status: string | null;
  fat_status: string | null;
  lean_range: Range | null;
  fat_range: Range | null;
}

export interface ScanWarning {
  code: string;
  message: string;
}

export interface ScanRecord {
  format: typeof PARSER_FORMAT;
  parser_version: string;
  /** How the values were read: a PDF's text layer, or OCR of a photo, screenshot or image-only PDF. */
  source: "pdf" | "image";
  /**
   * Wall-clock time printed on the sheet, ISO 8601 without zone, e.g. 2026-03-14T07:35. Null only on a
   * record read from an image whose date OCR could not read for sure: the member types it before Save.
   */
  scanned_at: string | null;
  date_order: "DMY" | "MDY";
  date_confidence: "certain" | "inferred";
  subject: {
    name: string | null;
    sex: "male" | "female" | null;
    age: number | null;
    height_cm: number | null;
  };
  units: { mass: "kg" | "lb"; length: "cm" | "in" };
  metrics: Record<MetricKey, number | null>;
  status: Partial<Record<MetricKey, string>>;
  ranges: Partial<Record<MetricKey, Range>>;
  segments: Record<SegmentKey, Segment> | null;
  balance: { upper_lower: "balanced" | "unbalanced" | null; left_right: "balanced" | "unbalanced" | null };
  nutrition: Record<NutritionKey, Range | null> | null;
  warnings: ScanWarning[];
}

export const SCAN_ERROR_CODES = [
  "not_pdf",
  "corrupt_pdf",
  "encrypted_pdf",
  "too_large",
  "no_text_layer",
  "unreadable_image",
  "not_evolt_report",
  "unsupported_layout",
  "implausible_values",
] as const;
export type ScanErrorCode = (typeof SCAN_ERROR_CODES)[number];

/**
 * A file that cannot be read as a scan. The code is the verdict; the words a member reads live with the
 * replies (bot/replies/rejections.ts). `detail` is for logs only: never body values.
 */
export class ScanRejectedError extends Error {
  constructor(
    readonly code: ScanErrorCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "ScanRejectedError";
  }
}
