// "Null rather than wrong" for values read by OCR. A value is dropped when OCR was unsure of its figures
// (and a second read alone did not give the same), when it is printed with other decimals than the sheet
// prints or lies beyond what a body can be, when its status word and range disagree with it, or when it is
// among the fewest figures that explain every break of the sheet's own arithmetic (evolt-report.md §9).
import { isPlausible } from "../../domain/plausible-values.ts";
import {
  MASS_METRIC_KEYS,
  METRIC_KEYS,
  type MetricKey,
  type ScanRecord,
  SEGMENT_KEYS,
  type SegmentKey,
} from "../../domain/scan-record.ts";
import { ARITHMETIC_RULES } from "../checks/arithmetic.ts";
import { tolerance } from "../checks/rule.ts";
import { statusAgrees } from "../checks/statuses.ts";
import type { ReadTrace } from "../read-sheet.ts";
import { leadingFigure } from "./crop-word.ts";
import { oneGlyphEdits } from "./figure-edits.ts";
import { massUnitByArithmetic, printedMassUnit } from "./mass-unit.ts";

/**
 * tesseract's word confidence (0–100) below which a figure is not shown at all. Its LSTM confidences are
 * loosely calibrated (a right "4.9" may score 43, a "19" read for "1.9" 90): the sheet's arithmetic is the
 * main guard, this one catches what no rule covers and OCR plainly struggled with.
 */
export const MIN_CONFIDENCE = 60;

type Field = MetricKey | `${SegmentKey}.${"lean" | "fat"}`;

interface Relation {
  code: string;
  fields: readonly Field[];
  /** holds only when every figure is right (a sum, a formula); a share within a band proves nothing */
  exact: boolean;
  /** for a relation only images are judged by (not in checks/arithmetic.ts): whether it is broken */
  broken?: (m: ScanRecord["metrics"], half: number) => boolean | null;
}

/**
 * ICF % and ECF % are each fluid's share of ICF + ECF (their sum is the body water): checked without the
 * body water's own figure, so a misread fluid mass is caught when the body water was misread too.
 */
function fluidSharesBroken(m: ScanRecord["metrics"], half: number): boolean | null {
  const { intracellular_fluid_kg: icf, extracellular_fluid_kg: ecf } = m;
  if (icf === null || ecf === null || icf + ecf <= 0) return null;
  const slack = 0.5 + (100 * 2 * half) / (icf + ecf) + 1e-6;
  const off = (share: number | null, part: number) =>
    share === null ? null : Math.abs(share - (100 * part) / (icf + ecf)) > slack;
  const checks = [off(m.intracellular_fluid_pct, icf), off(m.extracellular_fluid_pct, ecf)];
  return checks.every((check) => check === null) ? null : checks.some((check) => check === true);
}

const segmentFields = (side: "lean" | "fat") => SEGMENT_KEYS.map((key) => `${key}.${side}` as Field);

/** Each fluid's share and mass: checked against the body water, and (images only) against their sum. */
const FLUID_SHARES: readonly Field[] = [
  "intracellular_fluid_pct",
  "intracellular_fluid_kg",
  "extracellular_fluid_pct",
  "extracellular_fluid_kg",
];

const RELATIONS: Relation[] = [
  {
    code: "weight_sum_mismatch",
    fields: ["weight_kg", "lean_body_mass_kg", "body_fat_mass_kg"],
    exact: true,
  },
  { code: "body_fat_pct_mismatch", fields: ["body_fat_mass_kg", "weight_kg", "body_fat_pct"], exact: true },
  {
    code: "fat_split_mismatch",
    fields: ["subcutaneous_fat_mass_kg", "visceral_fat_mass_kg", "body_fat_mass_kg"],
    exact: true,
  },
  {
    code: "fat_pct_split_mismatch",
    fields: ["subcutaneous_fat_pct", "visceral_fat_pct", "body_fat_pct"],
    exact: true,
  },
  {
    code: "fat_pct_of_weight_mismatch",
    fields: ["subcutaneous_fat_pct", "subcutaneous_fat_mass_kg", "visceral_fat_pct", "visceral_fat_mass_kg"],
    exact: false,
  },
  {
    code: "fluid_sum_mismatch",
    fields: ["intracellular_fluid_kg", "extracellular_fluid_kg", "total_body_water_kg"],
    exact: true,
  },
  {
    code: "fluid_pct_mismatch",
    fields: FLUID_SHARES,
    exact: false,
  },
  {
    code: "fluid_shares_of_sum",
    fields: FLUID_SHARES,
    exact: false,
    broken: fluidSharesBroken,
  },
  {
    code: "lean_sum_mismatch",
    fields: ["protein_kg", "mineral_kg", "total_body_water_kg", "lean_body_mass_kg"],
    exact: true,
  },
  { code: "bmr_formula_mismatch", fields: ["lean_body_mass_kg", "bmr_kcal"], exact: true },
  // the factor follows the member's activity setting: a TEE that breaks it is dropped, it vouches for nothing
  { code: "tee_formula_mismatch", fields: ["tee_kcal"], exact: false },
  { code: "segment_fat_sum_mismatch", fields: [...segmentFields("fat"), "body_fat_mass_kg"], exact: true },
  {
    code: "segment_lean_sum_mismatch",
    fields: [...segmentFields("lean"), "lean_body_mass_kg"],
    exact: false,
  },
  { code: "water_share_unusual", fields: ["total_body_water_kg", "lean_body_mass_kg"], exact: false },
  { code: "muscle_share_unusual", fields: ["skeletal_muscle_mass_kg", "lean_body_mass_kg"], exact: false },
  {
    code: "protein_mineral_share_unusual",
    fields: ["protein_kg", "mineral_kg", "lean_body_mass_kg"],
    exact: false,
  },
  { code: "visceral_share_unusual", fields: ["visceral_fat_mass_kg", "body_fat_mass_kg"], exact: false },
  { code: "visceral_area_unusual", fields: ["visceral_fat_area_cm2", "visceral_fat_mass_kg"], exact: false },
];

/** Where the reader's trace names each field (read-sheet.ts) */
const TRACE_NAMES: Partial<Record<MetricKey, string>> = {
  weight_kg: "header.weight",
  subcutaneous_fat_pct: "subcutaneous_fat_mass_kg",
  visceral_fat_pct: "visceral_fat_mass_kg",
  intracellular_fluid_pct: "intracellular_fluid_kg",
  extracellular_fluid_pct: "extracellular_fluid_kg",
};

/**
 * Decimals the sheet prints each figure with (evolt-report.md §3.1): a lost or doubled decimal point
 * ("19" for 1.9, "474" for 47.4) is a misread, whatever the arithmetic says.
 */
const DECIMALS: Record<string, number> = {
  ...Object.fromEntries(
    [
      "lean_body_mass_kg",
      "skeletal_muscle_mass_kg",
      "protein_kg",
      "mineral_kg",
      "total_body_water_kg",
      "body_fat_mass_kg",
      "subcutaneous_fat_mass_kg",
      "visceral_fat_mass_kg",
      "intracellular_fluid_kg",
      "extracellular_fluid_kg",
      "body_fat_pct",
      "bwi",
    ].map((key) => [key, 1]),
  ),
  ...Object.fromEntries(
    ["visceral_fat_area_cm2", "visceral_fat_level", "bmr_kcal", "tee_kcal", "bio_age"].map((key) => [key, 0]),
  ),
  waist_to_hip_ratio: 2,
  abdominal_circumference_cm: 1,
  ...Object.fromEntries(
    SEGMENT_KEYS.flatMap((key) => [`segments.${key}.lean`, `segments.${key}.fat`]).map((key) => [key, 2]),
  ),
};

const decimalsOf = (text: string) => /^-?[\d,]*(?:\.(\d+))?/.exec(text.trim())?.[1]?.length ?? 0;

/** How sure OCR was of the figures of the item a field was read from (null: the reader read nothing). */
export type ConfidenceOf = (trace: ReadTrace, field: string) => number | null;

/**
 * `tentative`: trace names of figures OCR's first read did not give (corrected by two reads alone): like
 * a figure given back its decimal point, each is kept only where an exact relation holds with it.
 */
export function settleImageRecord(
  record: ScanRecord,
  trace: ReadTrace,
  confidenceOf: ConfidenceOf,
  tentative: ReadonlySet<string> = new Set(),
): ScanRecord {
  const unitShown = massUnitShown(record, trace);
  if (!unitShown) dropMasses(record);
  dropUnsureDate(record, trace, unitShown);
  // points first: a range is judged against the figure with its point (`378 / High [28.0 - 34.2]`)
  const mended = mendLostDecimals(record, trace);
  dropMisreadRanges(record, trace);
  mendMisreadShares(record, trace);
  // a figure printed with other decimals than the sheet prints, or beyond what a body can be, is misread
  // even when a relation agrees (a decimal point lost in every figure of a sum keeps the sum)
  const misprinted = (traceName: string) => {
    const printed = trace.fields[traceName]?.value?.text;
    const decimals = DECIMALS[traceName];
    return (
      printed !== undefined &&
      decimals !== undefined &&
      decimalsOf(printed) !== decimals &&
      !mended.has(traceName)
    );
  };
  const m = record.metrics;
  for (const key of Object.keys(m) as MetricKey[]) {
    const value = m[key];
    if (value !== null && (!isPlausible(key, value) || misprinted(key))) dropMetric(record, key);
  }
  // every figure must be one OCR was sure of (or read the same twice): a relation's tolerance lets a last
  // digit off by one through (64.3 for 64.4 keeps LBM + BFM = weight within the printed rounding)
  const doubtful = (traceName: string) => {
    const confidence = confidenceOf(trace, traceName);
    return (confidence !== null && confidence < MIN_CONFIDENCE) || misprinted(traceName);
  };
  for (const key of Object.keys(m) as MetricKey[]) {
    if (m[key] !== null && doubtful(TRACE_NAMES[key] ?? key)) dropMetric(record, key);
  }
  const subject = record.subject;
  if (subject.age !== null && doubtful("header.age")) subject.age = null;
  // `61"` is how OCR reads `6'1"` when the feet mark fades: inches alone with a double quote are doubtful
  const heightText = trace.fields["header.height"]?.value?.text ?? "";
  if (
    subject.height_cm !== null &&
    (doubtful("header.height") || /^\d{2}(?:\.\d+)?\s*["”]$/.test(heightText))
  )
    subject.height_cm = null;
  for (const key of SEGMENT_KEYS) {
    const segment = record.segments?.[key];
    if (!segment) continue;
    for (const side of ["lean", "fat"] as const) {
      const field: Field = `${key}.${side}`;
      const value = side === "lean" ? segment.lean_kg : segment.fat_kg;
      if (value !== null && doubtful(`segments.${field}`)) dropField(record, field);
    }
  }
  if (record.nutrition) {
    for (const key of Object.keys(record.nutrition) as (keyof typeof record.nutrition)[]) {
      if (record.nutrition[key] !== null && doubtful(`nutrition.${key}`)) record.nutrition[key] = null;
    }
  }
  const edited = mendOneGlyph(record, trace);
  if (edited.size > 0) mendMisreadShares(record, trace);
  // a figure given back its decimal point, or corrected, stays only where an exact relation holds with it:
  // judged before the arithmetic looks for culprits, so a wrong one costs no other figure, and again after
  const pointed = pointedByStatus(record, trace, mended, confidenceOf);
  const unproven = [...mended, ...edited, ...tentative].filter((traceName) => !pointed.has(traceName));
  dropUnprovenFigures(record, unproven);
  dropStatusMismatches(record, vouchedFields(record));
  dropUnvouched(record);
  dropUncheckedShares(record);
  dropUnprovenFigures(record, unproven);
  return record;
}

/**
 * Figures given back their point that no exact relation could vouch for (skeletal muscle mass), kept on
 * what such a figure is always kept on, and more: its digits read the same twice, its status word and
 * printed range agree with it (a point elsewhere would not), and the sheet prints it with that point.
 */
function pointedByStatus(
  record: ScanRecord,
  trace: ReadTrace,
  mended: ReadonlySet<string>,
  confidenceOf: ConfidenceOf,
): Set<string> {
  const t = tolerance(record.units.mass);
  const pointed = new Set<string>();
  for (const traceName of mended) {
    const field = fieldOfTraceName(traceName);
    if (!field || field.includes(".") || RELATIONS.some((r) => r.exact && r.fields.includes(field))) continue;
    const key = field as MetricKey;
    const confidence = confidenceOf(trace, traceName);
    const status = record.status[key];
    const range = record.ranges[key];
    const eps = (key.endsWith("_kg") ? 2 * t.half : 0.1) + 1e-9;
    if (confidence === null || confidence < MIN_CONFIDENCE || !status || !range) continue;
    if (statusAgrees(record.metrics[key], status, range, eps)) pointed.add(traceName);
  }
  return pointed;
}

function dropUnprovenFigures(record: ScanRecord, traceNames: readonly string[]): void {
  const vouched = vouchedFields(record);
  for (const traceName of traceNames) {
    const field = fieldOfTraceName(traceName);
    if (field && !vouched.has(field)) dropField(record, field);
  }
}

/**
 * The field whose figure leads the traced item: a segment's side, a metric (a bracketed share after its
 * mass is not it), the weight for the header's. Null for the header's other items.
 */
function fieldOfTraceName(traceName: string): Field | null {
  if (traceName.startsWith("segments.")) return traceName.slice("segments.".length) as Field;
  if (traceName === "header.weight") return "weight_kg";
  return (METRIC_KEYS as readonly string[]).includes(traceName) ? (traceName as MetricKey) : null;
}

const traceNameOf = (field: Field): string =>
  field.includes(".") ? `segments.${field}` : (TRACE_NAMES[field as MetricKey] ?? field);

/** The trace names of the figures in each relation the page's read breaks (they are read a second time). */
export function figuresInBrokenRelations(record: ScanRecord): Set<string> {
  const suspects = new Set<string>();
  for (const { relation, broken } of relationStates(record)) {
    if (broken === true) for (const field of relation.fields) suspects.add(traceNameOf(field));
  }
  return suspects;
}

/**
 * Figures OCR read with their digits but without the decimal point the sheet prints them with (`474` for
 * 47.4, `1082` for 10.82): the point goes back where the sheet's format puts it. Such a figure is
 * tentative: settleImageRecord keeps it only where an exact relation holds with it (returned: the trace
 * names of the figures mended).
 */
function mendLostDecimals(record: ScanRecord, trace: ReadTrace): Set<string> {
  const mended = new Set<string>();
  for (const [traceName, decimals] of Object.entries(DECIMALS)) {
    const printed = trace.fields[traceName]?.value?.text;
    if (decimals === 0 || printed === undefined) continue;
    const digits = /^\d+(?=\s|$|[^\d.,])/.exec(printed.trim())?.[0];
    if (!digits || digits.length <= decimals) continue;
    const field = fieldOfTraceName(traceName);
    const value = field ? readValue(record, field) : null;
    if (!field || value === null) continue;
    setValue(record, field, value / 10 ** decimals);
    mended.add(traceName);
  }
  return mended;
}

/**
 * A figure of a broken exact relation that one misread glyph explains (`1.5` for 11.5: figure-edits.ts)
 * gets its figure back when that edit is the only one, of any member's figure, that makes the relation hold
 * with every member read and breaks no other relation of the field. Tentative like a lost decimal point
 * (returned: the trace names of the figures mended).
 */
function mendOneGlyph(record: ScanRecord, trace: ReadTrace): Set<string> {
  const mended = new Set<string>();
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (const state of relationStates(record)) {
      if (!state.relation.exact || state.broken !== true) continue;
      const fixes: { field: Field; value: number }[] = [];
      for (const field of state.relation.fields) {
        const value = readValue(record, field);
        const figure = leadingFigure(trace.fields[traceNameOf(field)]?.value?.text ?? "");
        const read = figure === null ? 0 : Number(figure.replaceAll(",", ""));
        if (value === null || figure === null || read === 0) continue;
        for (const edit of oneGlyphEdits(figure)) {
          const candidate = (value * edit) / read;
          setValue(record, field, candidate);
          if (mendsRelation(record, state.relation, field)) fixes.push({ field, value: candidate });
          setValue(record, field, value);
        }
      }
      const [fix] = fixes;
      if (fixes.length !== 1 || !fix) continue;
      setValue(record, fix.field, fix.value);
      mended.add(traceNameOf(fix.field));
      changed = true;
    }
    if (!changed) break;
  }
  return mended;
}

/** The relation holds with every member read, and no relation of `field` is broken. */
function mendsRelation(record: ScanRecord, relation: Relation, field: Field): boolean {
  const states = relationStates(record);
  const own = states.find((state) => state.relation === relation);
  return (
    own !== undefined &&
    holdsWhole(record, own) &&
    states.every((state) => state.broken !== true || !state.relation.fields.includes(field))
  );
}

/**
 * A bracketed share read without its decimal point (`[132%]` for 13.2 %) or with one glyph misread: the
 * share its mass and base give says which; a share that fits only one way gets that figure back.
 */
function mendMisreadShares(record: ScanRecord, trace: ReadTrace): void {
  const t = tolerance(record.units.mass);
  const m = record.metrics;
  for (const [share, [part, whole]] of Object.entries(SHARES_OF) as [MetricKey, [MetricKey, MetricKey]][]) {
    const value = m[share];
    const mass = m[part];
    const base = m[whole];
    const bracket = /\[([^\]]*)\]/.exec(trace.fields[TRACE_NAMES[share] ?? share]?.value?.text ?? "")?.[1];
    if (value === null || mass === null || base === null || !bracket) continue;
    const figure = leadingFigure(bracket) ?? "";
    const decimals = decimalsOf(figure);
    const fits = (pct: number, printed: number) =>
      Math.abs(pct - (100 * mass) / base) <= shareSlack(mass, base, t.half, printed);
    if (fits(value, decimals)) continue;
    // the point lost (`[361%]` is 36.1 %, not a stray 1 in 36 %), else one glyph misread (`[163%]` for 63 %):
    // the one share that fits is the printed one
    if (decimals === 0 && SHARES_WITH_TENTHS.has(share) && fits(value / 10, 1)) {
      m[share] = value / 10;
      continue;
    }
    const options = oneGlyphEdits(figure).filter((edit) => fits(edit, decimals));
    if (options.length === 1) m[share] = options[0] as number;
  }
}

/** How far a printed share may lie from mass / base: both rounded to half a unit, the share to its decimals. */
function shareSlack(mass: number, base: number, half: number, decimals: number): number {
  return (100 * (mass + half)) / (base - half) - (100 * mass) / base + 0.5 * 10 ** -decimals + 0.05 + 1e-6;
}

/** Shares some sheets print to a tenth (the fluids' are whole: `[62%]` is never 6.2 %). */
const SHARES_WITH_TENTHS = new Set<MetricKey>(["subcutaneous_fat_pct", "visceral_fat_pct"]);

/** Each share the sheet prints in brackets, and the figures it is a share of. */
const SHARES_OF: Partial<Record<MetricKey, [MetricKey, MetricKey]>> = {
  subcutaneous_fat_pct: ["subcutaneous_fat_mass_kg", "weight_kg"],
  visceral_fat_pct: ["visceral_fat_mass_kg", "weight_kg"],
  intracellular_fluid_pct: ["intracellular_fluid_kg", "total_body_water_kg"],
  extracellular_fluid_pct: ["extracellular_fluid_kg", "total_body_water_kg"],
};

/**
 * A bracketed share whose mass or base was not read has nothing to be checked against, and its small
 * print loses decimal points (`[1.6%]` read as `[16%]`): it goes. The fluids' shares without the body water
 * are checked against the two fluids' sum instead, and stay when both fit it.
 */
function dropUncheckedShares(record: ScanRecord): void {
  const m = record.metrics;
  const fluidsFit = fluidSharesBroken(m, tolerance(record.units.mass).half) === false;
  for (const [share, [part, whole]] of Object.entries(SHARES_OF) as [MetricKey, [MetricKey, MetricKey]][]) {
    if (m[share] === null || m[part] === null) {
      if (m[share] !== null) dropMetric(record, share);
      continue;
    }
    const fluid = share === "intracellular_fluid_pct" || share === "extracellular_fluid_pct";
    if (m[whole] === null && !(fluid && fluidsFit)) dropMetric(record, share);
  }
}

/**
 * Whether the sheet's mass unit was read rather than assumed: printed with the weight, implied by a height
 * in cm or in feet and inches, or proven by the sheet's arithmetic (mass-unit.ts). A lb sheet whose units
 * OCR lost would otherwise show every mass 2.2 times too high.
 */
function massUnitShown(record: ScanRecord, trace: ReadTrace): boolean {
  return printedMassUnit(trace) !== null || massUnitByArithmetic(record) === record.units.mass;
}

/** The sheet prints `DD-MM-YYYY HH:MM` (or month first): two digits each, and always the time. */
const PRINTED_DATE = /^\d{2}\s*[-/.]\s*\d{2}\s*[-/.]\s*\d{4}[\sT,]+\d{2}\s*[:.]\s*\d{2}$/;

/**
 * A date is not guessed (the member types it before Save, scan-format.md): unread when OCR lost a digit of
 * it (`25-1-2026` for 25-11) or its time (it would read as midnight), or when only the mass unit could
 * order its day and month and the unit was neither read nor proven.
 */
function dropUnsureDate(record: ScanRecord, trace: ReadTrace, unitShown: boolean): void {
  const text = trace.fields["header.date"]?.value?.text.trim() ?? "";
  const orderUnknown = record.date_confidence === "inferred" && !unitShown;
  if (PRINTED_DATE.test(text) && !orderUnknown) return;
  record.scanned_at = null;
  record.warnings.push(
    orderUnknown
      ? {
          code: "date_order_unknown",
          message: "The date's day and month could be either way round: type the date before saving.",
        }
      : {
          code: "date_unreadable",
          message: "Part of the date could not be read: type the date before saving.",
        },
  );
}

/** Every figure printed in the sheet's mass unit, with its status and range. */
function dropMasses(record: ScanRecord): void {
  for (const key of MASS_METRIC_KEYS) dropMetric(record, key);
  for (const key of SEGMENT_KEYS) {
    dropField(record, `${key}.lean`);
    dropField(record, `${key}.fat`);
  }
}

/** A range's bound is this many times off its value at most (a very obese fat mass is ~4× its range's top). */
const RANGE_REACH = 6;

/**
 * A printed range OCR misread (`[22.6 - 276]`, `[81 - 99]` for `[8.1 - 9.9]`) would make its value's
 * status look wrong and cost the value: the range goes instead, the value is judged without it. Misread
 * means bounds printed with different decimals, a low bound not below the high one, or bounds far off
 * the value.
 */
function dropMisreadRanges(record: ScanRecord, trace: ReadTrace): void {
  const misread = (range: readonly [number, number] | null | undefined, value: number | null) => {
    if (!range) return false;
    const [lo, hi] = range;
    if (!(lo < hi) || lo <= 0) return true;
    return value !== null && value > 0 && (value > hi * RANGE_REACH || value < lo / RANGE_REACH);
  };
  for (const key of Object.keys(record.ranges) as MetricKey[]) {
    const bracket = /\[([^\]]*)\]/.exec(trace.fields[key]?.value?.text ?? "")?.[1] ?? "";
    const bounds = bracket.match(/\d+(?:\.\d+)?/g) ?? [];
    const mixed = bounds.length === 2 && decimalsOf(bounds[0] as string) !== decimalsOf(bounds[1] as string);
    if (mixed || misread(record.ranges[key], record.metrics[key])) delete record.ranges[key];
  }
  for (const key of SEGMENT_KEYS) {
    const segment = record.segments?.[key];
    if (!segment) continue;
    if (misread(segment.lean_range, segment.lean_kg)) segment.lean_range = null;
    if (misread(segment.fat_range, segment.fat_kg)) segment.fat_range = null;
  }
}

function relationStates(record: ScanRecord): RelationState[] {
  const t = tolerance(record.units.mass);
  return RELATIONS.map((relation) => {
    if (relation.broken) return { relation, broken: relation.broken(record.metrics, t.half) };
    const rule = ARITHMETIC_RULES.find((candidate) => candidate.code === relation.code);
    return { relation, broken: rule ? rule.broken(record.metrics, t, record) : null };
  });
}

/**
 * The members of every exact relation that holds with all its members read: a rule that checks two things
 * (ICF + ECF = TBW in kg and in %) holds on the one it could check, which vouches for nothing in the other.
 */
function vouchedFields(record: ScanRecord): Set<Field> {
  const vouched = new Set<Field>();
  for (const state of relationStates(record)) {
    if (holdsWhole(record, state)) for (const field of state.relation.fields) vouched.add(field);
  }
  return vouched;
}

const holdsWhole = (record: ScanRecord, { relation, broken }: RelationState) =>
  relation.exact && broken === false && relation.fields.every((field) => readValue(record, field) !== null);

type RelationState = { relation: Relation; broken: boolean | null };

function readValue(record: ScanRecord, field: Field): number | null {
  const [segment, side] = field.split(".") as [SegmentKey, "lean" | "fat" | undefined];
  if (side) return record.segments?.[segment]?.[side === "lean" ? "lean_kg" : "fat_kg"] ?? null;
  return record.metrics[field as MetricKey];
}

function setValue(record: ScanRecord, field: Field, value: number): void {
  const [segment, side] = field.split(".") as [SegmentKey, "lean" | "fat" | undefined];
  if (!side) record.metrics[field as MetricKey] = value;
  else {
    const read = record.segments?.[segment];
    if (read) read[side === "lean" ? "lean_kg" : "fat_kg"] = value;
  }
}

function dropMetric(record: ScanRecord, key: MetricKey): void {
  record.metrics[key] = null;
  delete record.status[key];
  delete record.ranges[key];
}

function dropField(record: ScanRecord, field: Field): void {
  const [key, side] = field.split(".") as [SegmentKey, "lean" | "fat" | undefined];
  if (!side) {
    dropMetric(record, field as MetricKey);
    return;
  }
  const segment = record.segments?.[key];
  if (!segment) return;
  if (side === "lean") Object.assign(segment, { lean_kg: null, lean_status: null, lean_range: null });
  else Object.assign(segment, { fat_kg: null, fat_status: null, fat_range: null });
}

/**
 * A value, its status word and its range that disagree: one of them was misread. The status and range
 * go; the value goes too unless an exact relation confirms it.
 */
function dropStatusMismatches(record: ScanRecord, vouched: Set<Field>): void {
  const t = tolerance(record.units.mass);
  for (const key of Object.keys(record.status) as MetricKey[]) {
    const eps = (key.endsWith("_kg") ? 2 * t.half : key === "waist_to_hip_ratio" ? 0.01 : 0.1) + 1e-9;
    if (statusAgrees(record.metrics[key], record.status[key], record.ranges[key], eps)) continue;
    if (vouched.has(key)) {
      delete record.status[key];
      delete record.ranges[key];
    } else dropMetric(record, key);
  }
  for (const key of SEGMENT_KEYS) {
    const segment = record.segments?.[key];
    if (!segment) continue;
    const eps = 2 * t.segmentHalf + 1e-9;
    if (!statusAgrees(segment.lean_kg, segment.lean_status, segment.lean_range, eps)) {
      if (vouched.has(`${key}.lean`)) Object.assign(segment, { lean_status: null, lean_range: null });
      else dropField(record, `${key}.lean`);
    }
    if (!statusAgrees(segment.fat_kg, segment.fat_status, segment.fat_range, eps)) {
      if (vouched.has(`${key}.fat`)) Object.assign(segment, { fat_status: null, fat_range: null });
      else dropField(record, `${key}.fat`);
    }
  }
}

/** The most figures a sheet may have misread for the arithmetic still to say which ones. */
const MAX_CULPRITS = 4;

/**
 * The figures to drop so that no relation stays broken: the fewest that together take part in every
 * broken one, a figure that also takes part in relations that hold counting a little more (it is less
 * likely misread). When several such sets are equally good, every figure in any of them goes: the
 * arithmetic cannot tell which one was misread, and a missing value is better than a wrong one.
 */
function dropUnvouched(record: ScanRecord): void {
  const states = relationStates(record);
  const present = (fields: readonly Field[]) => fields.filter((field) => readValue(record, field) !== null);
  const broken = states
    .filter((state) => state.broken === true)
    .map((state) => present(state.relation.fields));
  if (broken.length === 0) return;
  const holding = new Map<Field, number>();
  for (const state of states) {
    if (!holdsWhole(record, state)) continue;
    for (const field of state.relation.fields) holding.set(field, (holding.get(field) ?? 0) + 1);
  }
  const candidates = [...new Set(broken.flat())];
  const cost = (set: readonly Field[]) =>
    set.reduce((sum, field) => sum + 1 + 0.1 * (holding.get(field) ?? 0), 0);
  let best: { cost: number; sets: Field[][] } | null = null;
  for (let size = 1; size <= MAX_CULPRITS && !best; size++) {
    for (const set of combinations(candidates, size)) {
      if (!broken.every((relation) => relation.some((field) => set.includes(field)))) continue;
      const total = cost(set);
      if (!best || total < best.cost - 1e-9) best = { cost: total, sets: [set] };
      else if (Math.abs(total - best.cost) <= 1e-9) best.sets.push(set);
    }
  }
  const drop = best ? new Set(best.sets.flat()) : new Set(candidates);
  for (const field of drop) dropField(record, field);
}

function* combinations<T>(items: readonly T[], size: number, from = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - size; i++) {
    for (const rest of combinations(items, size - 1, i + 1)) yield [items[i] as T, ...rest];
  }
}
