import {
  MASS_METRIC_KEYS,
  METRIC_KEYS,
  type MetricKey,
  PARSER_FORMAT,
  type Range,
  type ScanRecord,
  ScanRejectedError,
  type ScanWarning,
  SEGMENT_KEYS,
  type Segment,
  type SegmentKey,
} from "../domain/scan-record.ts";
import { TITLES } from "./anchors.ts";
import { bracketBelow, type Cell, findCells } from "./cells.ts";
import { parsePrintedDate } from "./dates.ts";
import { mergeRuns } from "./layout.ts";
import type { Bracket } from "./numbers.ts";
import { readBalance } from "./read-balance.ts";
import { GRID_KEYS, type GridKey, readTitledCells, SIDE_KEYS } from "./read-grid.ts";
import { readHeader } from "./read-header.ts";
import { readNutrition } from "./read-nutrition.ts";
import { readSegmentBlock, type SegmentCells } from "./read-segments.ts";
import type { TextItem } from "./text-item.ts";
import { type LengthUnit, type MassUnit, parseHeight, parseWeight, toCm, toKg } from "./units.ts";
import { consistencyWarnings, rejectImplausible } from "./validate.ts";

export const PARSER_VERSION = "1.0.0";

/** Below this much text a page is an image with at most a stray caption. */
const MIN_TEXT_CHARS = 20;
/** Panels that must be read for the sheet to count as read at all. */
const REQUIRED: GridKey[] = ["lean_body_mass_kg", "body_fat_mass_kg", "body_fat_pct"];
const MIN_GRID_PANELS = 12;

const MASS_KEYS = new Set<MetricKey>(MASS_METRIC_KEYS);
const SHARE_KEYS: Partial<Record<MetricKey, MetricKey>> = {
  subcutaneous_fat_mass_kg: "subcutaneous_fat_pct",
  visceral_fat_mass_kg: "visceral_fat_pct",
  intracellular_fluid_kg: "intracellular_fluid_pct",
  extracellular_fluid_kg: "extracellular_fluid_pct",
};
const PANEL_NAMES: Record<GridKey, string> = {
  lean_body_mass_kg: "lean body mass",
  skeletal_muscle_mass_kg: "skeletal muscle mass",
  protein_kg: "protein",
  mineral_kg: "mineral",
  total_body_water_kg: "total body water",
  body_fat_mass_kg: "body fat mass",
  subcutaneous_fat_mass_kg: "subcutaneous fat",
  visceral_fat_mass_kg: "visceral fat mass",
  visceral_fat_area_cm2: "visceral fat area",
  body_fat_pct: "body fat percentage",
  visceral_fat_level: "visceral fat level",
  intracellular_fluid_kg: "intracellular fluid",
  extracellular_fluid_kg: "extracellular fluid",
  bmr_kcal: "BMR",
  tee_kcal: "TEE",
};

function reject(code: "no_text_layer" | "not_evolt_report" | "unsupported_layout"): never {
  throw new ScanRejectedError(code);
}

export function isEvoltSheet(text: string): boolean {
  const upper = text.toUpperCase();
  if (!upper.includes("EVOLT")) return false;
  if (/BODY ?SCAN/.test(upper)) return true;
  const titles = Object.values(TITLES).filter((pattern) =>
    new RegExp(pattern.source.replace("^", "\\b")).test(upper),
  );
  return titles.length >= 8;
}

/**
 * Reads page 1's text items into the canonical record. Pure: everything after pdf.js happens here.
 * Throws ScanRejectedError (no_text_layer, not_evolt_report, unsupported_layout, implausible_values).
 */
export function readSheet(items: readonly TextItem[]): ScanRecord {
  const phrases = mergeRuns(items);
  const allText = phrases.map((phrase) => phrase.text).join(" ");
  if (allText.replace(/\s/g, "").length < MIN_TEXT_CHARS) reject("no_text_layer");
  if (!isEvoltSheet(allText)) reject("not_evolt_report");

  const cells = findCells(phrases);
  const header = readHeader(phrases);
  const weight = header.weight ? parseWeight(header.weight) : null;
  if (!weight) reject("unsupported_layout");
  const height = header.height ? parseHeight(header.height) : null;
  const massUnit: MassUnit = weight.unit ?? (height?.unit === "in" ? "lb" : "kg");

  const used = new Set<Cell>();
  const grid = readTitledCells(phrases, cells, GRID_KEYS, used);
  const gridFound = GRID_KEYS.filter((key) => grid[key]);
  if (REQUIRED.some((key) => !grid[key]) || gridFound.length < MIN_GRID_PANELS) reject("unsupported_layout");
  const side = readTitledCells(phrases, cells, SIDE_KEYS, used);
  const block = readSegmentBlock(phrases, cells, used);

  const date = header.date ? parsePrintedDate(header.date, massUnit) : null;
  if (!date) reject("unsupported_layout");

  const lengthUnit: LengthUnit =
    height?.unit ?? (block.abdominal?.unit as LengthUnit | undefined) ?? (massUnit === "lb" ? "in" : "cm");
  const mass = (value: number) => toKg(value, massUnit);
  const massRange = (bracket: Bracket | null): Range | null =>
    bracket && bracket.hi !== null ? [mass(bracket.lo), mass(bracket.hi)] : null;

  const metrics = Object.fromEntries(METRIC_KEYS.map((key) => [key, null])) as Record<
    MetricKey,
    number | null
  >;
  const status: ScanRecord["status"] = {};
  const ranges: ScanRecord["ranges"] = {};
  const put = (key: MetricKey, cell: Cell | null | undefined, isMass: boolean) => {
    if (!cell) return;
    metrics[key] = isMass ? mass(cell.value) : cell.value;
    if (cell.status) status[key] = cell.status;
    const bracket = cell.bracket;
    const share = SHARE_KEYS[key];
    if (share && bracket) metrics[share] = bracket.lo;
    else if (bracket && bracket.hi !== null && !bracket.percent) {
      ranges[key] = isMass ? [mass(bracket.lo), mass(bracket.hi)] : [bracket.lo, bracket.hi];
    } else if (bracket && bracket.hi !== null) ranges[key] = [bracket.lo, bracket.hi];
  };
  metrics.weight_kg = mass(weight.value);
  for (const key of GRID_KEYS) put(key, grid[key], MASS_KEYS.has(key));
  put("bio_age", side.bio_age, false);
  put("bwi", side.bwi, false);
  const waistToHip = block.waistToHip;
  put("waist_to_hip_ratio", waistToHip, false);
  const waistToHipRange = waistToHip && !waistToHip.bracket ? bracketBelow(phrases, waistToHip) : null;
  if (waistToHipRange && waistToHipRange.hi !== null)
    ranges.waist_to_hip_ratio = [waistToHipRange.lo, waistToHipRange.hi];
  const abdominal = block.abdominal;
  if (abdominal && abdominal.value > 0) {
    metrics.abdominal_circumference_cm = toCm(
      abdominal.value,
      (abdominal.unit as LengthUnit | null) ?? lengthUnit,
    );
  }

  const segments = block.segments ? toSegments(block.segments, mass, massRange) : null;
  const warnings: ScanWarning[] = GRID_KEYS.filter((key) => !grid[key]).map((key) => ({
    code: "value_not_found",
    message: `The ${PANEL_NAMES[key]} value could not be read on this sheet.`,
  }));
  if (
    segments &&
    Object.values(segments).some((segment) => segment.lean_kg === null || segment.fat_kg === null)
  ) {
    warnings.push({
      code: "segment_not_found",
      message: "Some body-segment values could not be read on this sheet.",
    });
  }

  const record: ScanRecord = {
    format: PARSER_FORMAT,
    parser_version: PARSER_VERSION,
    scanned_at: date.iso,
    date_order: date.order,
    date_confidence: date.confidence,
    subject: {
      name: header.name,
      sex: parseSex(header.gender),
      age: header.age && /^\d{1,3}$/.test(header.age.trim()) ? Number(header.age.trim()) : null,
      height_cm: height?.cm ?? null,
    },
    units: { mass: massUnit, length: lengthUnit },
    metrics,
    status,
    ranges,
    segments,
    balance: readBalance(phrases, block.labels),
    nutrition: readNutrition(phrases),
    warnings,
  };
  rejectImplausible(record);
  record.warnings.push(...consistencyWarnings(record, massUnit));
  return record;
}

function toSegments(
  cells: Record<SegmentKey, SegmentCells>,
  mass: (value: number) => number,
  massRange: (bracket: Bracket | null) => Range | null,
): Record<SegmentKey, Segment> {
  const segments = {} as Record<SegmentKey, Segment>;
  for (const key of SEGMENT_KEYS) {
    const { lean, fat, leanRange, fatRange } = cells[key];
    segments[key] = {
      lean_kg: lean ? mass(lean.value) : null,
      fat_kg: fat ? mass(fat.value) : null,
      lean_status: lean?.status ?? null,
      fat_status: fat?.status ?? null,
      lean_range: massRange(leanRange),
      fat_range: massRange(fatRange),
    };
  }
  return segments;
}

function parseSex(text: string | null): "male" | "female" | null {
  const value = text?.trim().toLowerCase();
  if (value === "male" || value === "m") return "male";
  if (value === "female" || value === "f") return "female";
  return null;
}
