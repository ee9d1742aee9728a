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
import { findLabels, labelPhrases, TITLES } from "./anchors.ts";
import { bracketBelow, type Cell, findCells } from "./cells.ts";
import { parsePrintedDate } from "./dates.ts";
import { snapMisreadLabels } from "./label-spellings.ts";
import { isPanelNumber, mergeRuns } from "./layout.ts";
import type { Bracket } from "./numbers.ts";
import { type Claim, DEFAULT_REACH, majorityRelation, Ownership, type Reach } from "./ownership.ts";
import { type PageContent, pageContentOf } from "./page-content.ts";
import { readBalance } from "./read-balance.ts";
import { type CellPage, GRID_KEYS, type GridKey, readTitledCells, SIDE_KEYS } from "./read-grid.ts";
import { readHeader } from "./read-header.ts";
import { isSpan, readNutrition } from "./read-nutrition.ts";
import { readSegmentBlock, type SegmentBlock, type SegmentCells } from "./read-segments.ts";
import type { Phrase, TextItem } from "./text-item.ts";
import { type LengthUnit, type MassUnit, parseHeight, parseWeight, toCm, toKg } from "./units.ts";
import { consistencyWarnings, rejectImplausible } from "./validate.ts";

/** Bumped whenever a stored file may read differently, so `pump reprocess` re-reads it. */
export const PARSER_VERSION = "1.2.0";

/** Below this much text a page is an image with at most a stray caption. */
const MIN_TEXT_CHARS = 20;
/** Panels that must be read for the sheet to count as read at all. */
const REQUIRED: GridKey[] = ["lean_body_mass_kg", "body_fat_mass_kg", "body_fat_pct"];
const MIN_GRID_PANELS = 12;
/** on a photo: as many panels as make a page an Evolt sheet (isEvoltSheet) */
const MIN_IMAGE_PANELS = 8;

const HEADER_REACH: Reach = { ...DEFAULT_REACH, below: 3.5 };
const NUTRITION_REACH: Reach = { ...DEFAULT_REACH, below: 4 };

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

/** A real sheet is a few hundred text items; far more is not a result sheet (and must not cost minutes). */
export const MAX_ITEMS = 5000;
export const MAX_LABELS = 1000;

export interface ItemRef {
  text: string;
  x: number;
  y: number;
  size: number;
}

/** What the reader used and decided, for `pump parse --explain` (explain.ts). */
export interface ReadTrace {
  fields: Record<string, { label: ItemRef | null; value: ItemRef | null; relation?: string; note?: string }>;
  steps: string[];
  failure?: { code: string; rule: string };
}

const ref = (
  box: { text: string; x: number; y: number; fontSize: number } | null | undefined,
): ItemRef | null =>
  box ? { text: box.text, x: round(box.x), y: round(box.y), size: round(box.fontSize) } : null;
const round = (value: number) => Math.round(value * 100) / 100;

function reject(
  code: "no_text_layer" | "not_evolt_report" | "unsupported_layout",
  rule: string,
  trace?: ReadTrace,
): never {
  if (trace) trace.failure = { code, rule };
  throw new ScanRejectedError(code);
}

const TITLES_ANYWHERE = Object.values(TITLES).map(
  (pattern) => new RegExp(pattern.source.replace("^", "\\b")),
);

export function isEvoltSheet(text: string): boolean {
  const upper = text.toUpperCase();
  if (!upper.includes("EVOLT")) return false;
  if (/BODY ?SCAN/.test(upper)) return true;
  return TITLES_ANYWHERE.filter((pattern) => pattern.test(upper)).length >= 8;
}

export interface ReadOptions {
  /**
   * Where the items came from. "image" (OCR) records say so, and their values are not judged here: a
   * misread figure is not a sheet that cannot exist, so the OCR path (src/extract/image/settle.ts) drops
   * what breaks the checks instead of refusing the sheet, then adds the warnings.
   */
  source?: ScanRecord["source"];
  /** the masses' unit where the page does not print it legibly (an image whose arithmetic proves it) */
  massUnit?: MassUnit;
}

/**
 * Reads page 1's text items (and drawn marks) into the canonical record. Pure: everything after pdf.js
 * happens here. Throws ScanRejectedError (no_text_layer, not_evolt_report, unsupported_layout,
 * implausible_values). With a trace, records which items every field was read from and which rule failed.
 */
export function readSheet(
  input: readonly TextItem[] | PageContent,
  trace?: ReadTrace,
  options: ReadOptions = {},
): ScanRecord {
  const source = options.source ?? "pdf";
  const page = pageContentOf(input);
  if (page.items.length > MAX_ITEMS)
    reject(
      "unsupported_layout",
      `${page.items.length} text items, more than the ${MAX_ITEMS} a sheet can hold`,
      trace,
    );
  // OCR misreads a letter of a small title now and then; a PDF's text is exact
  const phrases = source === "image" ? snapMisreadLabels(mergeRuns(page.items)) : mergeRuns(page.items);
  const allText = phrases.map((phrase) => phrase.text).join(" ");
  const chars = allText.replace(/\s/g, "").length;
  trace?.steps.push(`${page.items.length} text items → ${phrases.length} phrases, ${chars} characters`);
  if (chars < MIN_TEXT_CHARS)
    reject("no_text_layer", `only ${chars} characters of text (under ${MIN_TEXT_CHARS})`, trace);
  if (!isEvoltSheet(allText))
    reject("not_evolt_report", "no EVOLT title with BODY SCAN, nor 8 of the panel titles", trace);

  const cells = findCells(phrases, { garbledRange: source === "image" });
  const labels = labelPhrases(phrases);
  if (labels.length > MAX_LABELS)
    reject(
      "unsupported_layout",
      `${labels.length} label phrases, more than the ${MAX_LABELS} a sheet can hold`,
      trace,
    );
  const labelSet = new Set(labels);
  const cellOwners = new Ownership(labels, cells);
  const preferred = majorityRelation(
    cellOwners,
    GRID_KEYS.flatMap((key) => findLabels(labels, TITLES[key])),
  );
  trace?.steps.push(
    `${cells.length} value cells, ${labels.length} labels; values sit ${preferred ?? "under or beside"} their titles`,
  );
  const cellPage: CellPage = { labels, owners: cellOwners, preferred };
  const values = phrases.filter((phrase) => !labelSet.has(phrase) && !isPanelNumber(phrase.text));
  const header = readHeader(phrases, labels, new Ownership(labels, values, HEADER_REACH), preferred);
  for (const [field, claim] of Object.entries(header.claims))
    trace && traceClaim(trace, `header.${field}`, claim);
  // the date's text as read, with the time when that is its own run beside it (settle.ts judges it whole)
  const dateValue = trace?.fields["header.date"]?.value;
  if (dateValue && header.text.date) dateValue.text = header.text.date;
  const weight = header.text.weight ? parseWeight(header.text.weight) : null;
  // OCR may misread the weight's figures: the sheet is still read, the weight is null (the unit as below)
  if (!weight && !(source === "image" && header.text.weight))
    reject(
      "unsupported_layout",
      header.text.weight ? `weight "${header.text.weight}" is not a weight` : "no WEIGHT label with a value",
      trace,
    );
  const height = header.text.height ? parseHeight(header.text.height) : null;
  const printedUnit = /(?:lbs?|[1I]bs?)\.?$/i.test(header.text.weight ?? "")
    ? "lb"
    : /kg$/i.test(header.text.weight ?? "")
      ? "kg"
      : null;
  const massUnit: MassUnit =
    weight?.unit ?? printedUnit ?? options.massUnit ?? (height?.unit === "in" ? "lb" : "kg");

  const used = new Set<Cell>();
  const grid = readTitledCells(cellPage, GRID_KEYS, used);
  for (const key of GRID_KEYS)
    trace && traceClaim(trace, key, grid[key], null, findLabels(labels, TITLES[key])[0]);
  // A PDF whose key panels or most panels own no value is a layout not understood. OCR may lose a panel's
  // value or misread its title: on an image the layout is proven by the titles and values it did read (as
  // many as make a page an Evolt sheet), and what it could not read is null — the member sees what is
  // missing before saving. A PDF's text has no such excuse.
  const gridFound = GRID_KEYS.filter(
    (key) => grid[key] || (source === "image" && findLabels(labels, TITLES[key]).length > 0),
  );
  const missing = source === "image" ? [] : REQUIRED.filter((key) => !grid[key]);
  if (missing.length > 0) reject("unsupported_layout", missingRule(missing, labels), trace);
  const minPanels = source === "image" ? MIN_IMAGE_PANELS : MIN_GRID_PANELS;
  if (gridFound.length < minPanels)
    reject(
      "unsupported_layout",
      `only ${gridFound.length} of 15 panels read (at least ${minPanels} needed)`,
      trace,
    );
  const side = readTitledCells(cellPage, SIDE_KEYS, used);
  for (const key of SIDE_KEYS)
    trace && traceClaim(trace, key, side[key], null, findLabels(labels, TITLES[key])[0]);
  const block = readSegmentBlock(phrases, cells, cellPage, used);
  if (trace) {
    traceClaim(trace, "abdominal_circumference_cm", block.claims.abdominal, block.abdominal);
    traceClaim(trace, "waist_to_hip_ratio", block.claims.waistToHip, block.waistToHip);
    traceSegments(trace, block);
  }

  // OCR may lose the DATE label itself: the one figure shaped like a date on the sheet is the date
  if (!header.text.date && source === "image") {
    const dated = phrases.filter((phrase) =>
      /^\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}\b/.test(phrase.text),
    );
    if (dated.length === 1) {
      header.text.date = (dated[0] as Phrase).text;
      trace?.steps.push("no DATE label: the date is the one phrase shaped like a date");
      if (trace)
        trace.fields["header.date"] = { label: null, value: ref(dated[0]), note: "shaped like a date" };
    }
  }
  const printedDate = header.text.date ? parsePrintedDate(header.text.date, massUnit) : null;
  // OCR may lose the date or a digit of it: an image's record then has none, and the member types it
  // before Save (settle.ts); a PDF's text has no such excuse
  const date =
    printedDate ??
    (source === "image"
      ? {
          iso: null,
          order: massUnit === "lb" ? ("MDY" as const) : ("DMY" as const),
          confidence: "inferred" as const,
        }
      : null);
  if (!date)
    reject(
      "unsupported_layout",
      header.text.date ? `date "${header.text.date}" is not a date` : "no DATE label with a value",
      trace,
    );
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
  metrics.weight_kg = weight ? mass(weight.value) : null;
  for (const key of GRID_KEYS) put(key, grid[key]?.value, MASS_KEYS.has(key));
  put("bio_age", side.bio_age?.value, false);
  put("bwi", side.bwi?.value, false);
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

  const balance = readBalance(phrases, block.labels, page);
  const spans = phrases.filter((phrase) => /^\d/.test(phrase.text) && isSpan(phrase));
  const nutrition = readNutrition(labels, new Ownership(labels, spans, NUTRITION_REACH), preferred);
  if (trace) {
    for (const [key, claim] of Object.entries(nutrition.claims)) traceClaim(trace, `nutrition.${key}`, claim);
    for (const [pair, seen] of Object.entries(balance.evidence)) {
      trace.fields[`balance.${pair}`] = {
        label: ref(seen.option ?? seen.heading),
        value: seen.mark
          ? { text: "mark", x: round(seen.mark.x), y: round(seen.mark.y), size: round(seen.mark.height) }
          : null,
        note: balance.balance[pair as keyof typeof balance.balance] ?? "not readable",
      };
    }
  }

  const record: ScanRecord = {
    format: PARSER_FORMAT,
    parser_version: PARSER_VERSION,
    source,
    scanned_at: date.iso,
    date_order: date.order,
    date_confidence: date.confidence,
    subject: {
      name: header.text.name,
      sex: parseSex(header.text.gender),
      age:
        header.text.age && /^\d{1,3}$/.test(header.text.age.trim()) ? Number(header.text.age.trim()) : null,
      height_cm: height?.cm ?? null,
    },
    units: { mass: massUnit, length: lengthUnit },
    metrics,
    status,
    ranges,
    segments,
    balance: balance.balance,
    nutrition: nutrition.nutrition,
    warnings,
  };
  if (source === "image") return record;
  rejectImplausible(record);
  record.warnings.push(...consistencyWarnings(record, massUnit));
  return record;
}

/** Which required anchor failed: a title not printed, or printed without a value it owns. */
function missingRule(missing: readonly GridKey[], labels: readonly Phrase[]): string {
  return missing
    .map((key) => {
      const title = findLabels(labels, TITLES[key])[0];
      return title
        ? `the ${PANEL_NAMES[key]} title "${title.text}" at ${round(title.x)},${round(title.y)} owns no value`
        : `no ${PANEL_NAMES[key]} title`;
    })
    .join("; ");
}

function traceClaim(
  trace: ReadTrace,
  field: string,
  claim: Claim<Phrase, Phrase | Cell> | undefined,
  fallback?: Cell | null,
  title?: Phrase,
): void {
  if (claim) {
    trace.fields[field] = { label: ref(claim.label), value: ref(claim.value), relation: claim.relation };
  } else if (title && !fallback) {
    trace.fields[field] = { label: ref(title), value: null, note: "its title owns no value" };
  } else {
    trace.fields[field] = fallback
      ? {
          label: null,
          value: ref(fallback),
          note: "no title owns it; recognised by its form in the torso row",
        }
      : { label: null, value: null, note: "not found" };
  }
}

function traceSegments(trace: ReadTrace, block: SegmentBlock): void {
  for (const key of SEGMENT_KEYS) {
    const cells = block.segments?.[key];
    for (const side of ["lean", "fat"] as const) {
      const cell = cells?.[side];
      trace.fields[`segments.${key}.${side}`] = {
        label: ref(block.labels[key]),
        value: ref(cell),
        ...(cell
          ? { relation: "row under the label" }
          : { note: block.segments ? "not found" : "no segment block" }),
      };
    }
  }
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
