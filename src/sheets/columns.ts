// The Sheet's columns, chosen here and not by `select *`: the header is a contract with the people who
// read the Sheet (and with formulas they may have written next to it). Add a new column at the END of
// its group or anywhere after scan_id: a header holding only our names is rewritten to this list on the
// next sync, and a header with a person's own column keeps every existing column where it is and gets
// the new one added after the last used cell (see README.md, "Header evolution"). Never rename one:
// the old name would stay as a column nobody fills.
import type { MirrorOptions } from "./mirror.ts";

/** Row ids of the mirror ("scan_" + 16 hex digits of the file's sha256, see sql/silver/scans.sql). */
export const SHEET_ID_PREFIX = "scan_";

/** gold.sheet_rows columns the Sheet does not show: routing keys, not data. */
export const SHEET_HIDDEN_COLUMNS = ["tab", "member_id", "group_id"] as const;

export const SHEET_COLUMNS = [
  "scan_id",
  "scanned_at",
  "member",
  "printed_units",
  // metrics, canonical units
  "weight_kg",
  "lean_body_mass_kg",
  "skeletal_muscle_mass_kg",
  "protein_kg",
  "mineral_kg",
  "total_body_water_kg",
  "body_fat_mass_kg",
  "body_fat_pct",
  "subcutaneous_fat_mass_kg",
  "subcutaneous_fat_pct",
  "visceral_fat_mass_kg",
  "visceral_fat_pct",
  "visceral_fat_area_cm2",
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
  // segments
  "left_arm_lean_kg",
  "left_arm_fat_kg",
  "right_arm_lean_kg",
  "right_arm_fat_kg",
  "torso_lean_kg",
  "torso_fat_kg",
  "left_leg_lean_kg",
  "left_leg_fat_kg",
  "right_leg_lean_kg",
  "right_leg_fat_kg",
  // balance
  "balance_upper_lower",
  "balance_left_right",
  "parser_version",
  // "pdf", or "image" for a scan read from a photo and confirmed by its member
  "source",
] as const;

export type SheetColumn = (typeof SHEET_COLUMNS)[number];

/** How the jobs side calls syncAll / driftReport: oldest scan first, ids by prefix. */
export const SHEET_MIRROR_OPTIONS: MirrorOptions = {
  columns: SHEET_COLUMNS,
  isOurId: SHEET_ID_PREFIX,
  sortBy: ["scanned_at"],
  // A tab is ours when the bot wrote its header (A1 = "scan_id"); a tab a person made is never touched.
  isOurTab: (_tab, header) => header[0]?.trim() === SHEET_COLUMNS[0],
};
