import {
  type MetricKey,
  type Range,
  type ScanRecord,
  ScanRejectedError,
  type ScanWarning,
  SEGMENT_KEYS,
} from "../domain/scan-record.ts";
import { REJECTION_MESSAGES } from "./messages.ts";
import { KG_PER_LB, type MassUnit } from "./units.ts";

// Every value is checked against what the sheet itself prints (evolt-report.md §9 and R20): sums, shares,
// formulas, statuses against their ranges, the shape of the ranges. A miss within what printing can explain
// (each figure is rounded on its own) is nothing; a miss beyond it is a warning the member reads; a body
// that cannot exist, a gross miss, or a sheet that breaks several rules at once is not a record at all.

type Metrics = ScanRecord["metrics"];

interface Tolerance {
  /** a sum of printed masses, kg */
  sum: number;
  /** half the last printed digit of a whole-body mass, kg */
  half: number;
  /** half the last printed digit of a segment mass, kg */
  segmentHalf: number;
  /** how far a printed range end may be from the exact one (lb sheets may round in kg and again in lb) */
  rangeHalf: number;
  segmentRangeHalf: number;
  pct: number;
  bmr: number;
}

function tolerance(unit: MassUnit): Tolerance {
  // lb sheets convert and round every value separately, so sums drift more (§9 R1: ±0.2).
  return unit === "lb"
    ? {
        sum: 0.2 + 1e-6,
        half: 0.05 * KG_PER_LB,
        segmentHalf: 0.005 * KG_PER_LB,
        rangeHalf: 0.05 + 0.05 * KG_PER_LB,
        segmentRangeHalf: 0.005 + 0.005 * KG_PER_LB,
        pct: 0.15 + 1e-6,
        bmr: 2,
      }
    : {
        sum: 0.1 + 1e-6,
        half: 0.05,
        segmentHalf: 0.005,
        rangeHalf: 0.05,
        segmentRangeHalf: 0.005,
        pct: 0.1 + 1e-6,
        bmr: 1,
      };
}

/** Consistency rules a sheet may break in one place (a misread digit) and still be a record with a warning. */
const MAX_BROKEN_RULES = 2;
/** Warnings that say what is missing or unusual on a sound sheet, not that the sheet disagrees with itself. */
const NOT_DISAGREEMENT = new Set(["tee_formula_mismatch"]);

export function rejectImplausible(record: ScanRecord): void {
  const m = record.metrics;
  const reject = () => {
    throw new ScanRejectedError("implausible_values", REJECTION_MESSAGES.implausible_values);
  };
  const outside = (value: number | null, lo: number, hi: number) =>
    value !== null && (value < lo || value > hi);
  if (outside(m.weight_kg, 20, 350) || outside(m.body_fat_pct, 2, 75)) reject();
  if (outside(record.subject.height_cm, 100, 250) || outside(record.subject.age, 10, 110)) reject();
  if (outside(m.bmr_kcal, 500, 5000) || outside(m.visceral_fat_level, 0, 60)) reject();
  if (outside(m.bwi, 0, 10) || outside(m.waist_to_hip_ratio, 0.4, 2) || outside(m.bio_age, 5, 120)) reject();
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

interface Rule {
  code: string;
  message: string | ((record: ScanRecord, t: Tolerance) => string);
  /** true: broken; false: holds; null: the sheet does not print what the rule needs */
  broken: (m: Metrics, t: Tolerance, record: ScanRecord) => boolean | null;
}

const sumOf = (...values: (number | null)[]): number | null =>
  values.some((value) => value === null)
    ? null
    : values.reduce<number>((acc, value) => acc + (value ?? 0), 0);
const differs = (a: number | null, b: number | null, tol: number): boolean | null =>
  a === null || b === null ? null : Math.abs(a - b) > tol;
/** Share of a whole, allowing for each figure being rounded to the printed unit. */
const shareOutside = (part: number | null, whole: number | null, lo: number, hi: number, half: number) => {
  if (part === null || whole === null || whole <= 0) return null;
  const ratio = part / whole;
  const slack = (half * (1 + ratio)) / whole;
  return ratio < lo - slack || ratio > hi + slack;
};
const anyBroken = (...results: (boolean | null)[]): boolean | null =>
  results.every((result) => result === null) ? null : results.some((result) => result === true);

/**
 * A printed percentage of a whole: the two masses are each rounded by `half`, the percentage itself to
 * `pctHalf` and possibly derived from other rounded percentages (`pctSlack`).
 */
function percentOutside(
  pct: number | null,
  part: number | null,
  whole: number | null,
  half: number,
  pctSlack: number,
): boolean | null {
  if (pct === null || part === null || whole === null || whole <= half) return null;
  const low = (100 * Math.max(0, part - half)) / (whole + half);
  const high = (100 * (part + half)) / (whole - half);
  return pct < low - pctSlack || pct > high + pctSlack;
}

/** Whether lo/hi can be `ratio` once each end is rounded by `half` (ranges are an ideal ×0.9–1.1 or ×0.8–1.2). */
function ratioOutside(range: Range | null | undefined, ratio: number, half: number): boolean | null {
  if (!range) return null;
  const [lo, hi] = range;
  if (!(lo > half) || !(hi > lo)) return true;
  return (hi + half) / (lo - half) < ratio - 1e-9 || (hi - half) / (lo + half) > ratio + 1e-9;
}

const LEAN_RATIO = 1.1 / 0.9;
const FAT_RATIO = 1.2 / 0.8;
const LEAN_RANGE_KEYS: MetricKey[] = [
  "lean_body_mass_kg",
  "skeletal_muscle_mass_kg",
  "protein_kg",
  "mineral_kg",
  "total_body_water_kg",
];

const RULES: Rule[] = [
  {
    code: "weight_sum_mismatch",
    message: "Lean body mass and body fat mass do not add up to the weight on this sheet.",
    broken: (m, t) => differs(sumOf(m.lean_body_mass_kg, m.body_fat_mass_kg), m.weight_kg, t.sum),
  },
  {
    code: "body_fat_pct_mismatch",
    message: "The body fat percentage does not match body fat mass divided by weight.",
    broken: (m, t) =>
      m.body_fat_mass_kg === null || m.weight_kg === null
        ? null
        : differs((100 * m.body_fat_mass_kg) / m.weight_kg, m.body_fat_pct, t.pct),
  },
  {
    code: "fat_split_mismatch",
    message: "Subcutaneous and visceral fat do not add up to the body fat mass.",
    broken: (m, t) =>
      differs(sumOf(m.subcutaneous_fat_mass_kg, m.visceral_fat_mass_kg), m.body_fat_mass_kg, t.sum),
  },
  {
    code: "fat_pct_split_mismatch",
    message: "The subcutaneous and visceral fat percentages do not add up to the body fat percentage.",
    broken: (m, t) => differs(sumOf(m.subcutaneous_fat_pct, m.visceral_fat_pct), m.body_fat_pct, t.pct),
  },
  {
    code: "fat_pct_of_weight_mismatch",
    message: "A subcutaneous or visceral fat percentage is not that fat's share of the weight.",
    broken: (m, t) =>
      anyBroken(
        percentOutside(m.subcutaneous_fat_pct, m.subcutaneous_fat_mass_kg, m.weight_kg, t.half, 0.1 + 1e-6),
        percentOutside(m.visceral_fat_pct, m.visceral_fat_mass_kg, m.weight_kg, t.half, 0.1 + 1e-6),
      ),
  },
  {
    code: "fluid_sum_mismatch",
    message: "Intracellular and extracellular fluid do not add up to the total body water.",
    broken: (m, t) => {
      const kg = differs(
        sumOf(m.intracellular_fluid_kg, m.extracellular_fluid_kg),
        m.total_body_water_kg,
        t.sum,
      );
      const pct = differs(sumOf(m.intracellular_fluid_pct, m.extracellular_fluid_pct), 100, 1);
      return anyBroken(kg, pct);
    },
  },
  {
    code: "fluid_pct_mismatch",
    message:
      "An intracellular or extracellular fluid percentage is not that fluid's share of the body water.",
    broken: (m, t) =>
      anyBroken(
        percentOutside(
          m.intracellular_fluid_pct,
          m.intracellular_fluid_kg,
          m.total_body_water_kg,
          t.half,
          0.5 + 1e-6,
        ),
        percentOutside(
          m.extracellular_fluid_pct,
          m.extracellular_fluid_kg,
          m.total_body_water_kg,
          t.half,
          0.5 + 1e-6,
        ),
      ),
  },
  {
    code: "lean_sum_mismatch",
    message: "Protein, mineral and total body water do not add up to the lean body mass.",
    broken: (m, t) =>
      differs(sumOf(m.protein_kg, m.mineral_kg, m.total_body_water_kg), m.lean_body_mass_kg, t.sum),
  },
  {
    code: "bmr_formula_mismatch",
    message: "The BMR does not follow from the lean body mass the way Evolt calculates it.",
    broken: (m, t) =>
      m.lean_body_mass_kg === null
        ? null
        : differs(m.bmr_kcal, Math.floor(370 + 21.6 * m.lean_body_mass_kg), t.bmr),
  },
  {
    code: "tee_formula_mismatch",
    message:
      "The TEE is not the usual multiple of the BMR; the activity setting may differ from the default.",
    broken: (m) => (m.bmr_kcal === null ? null : differs(m.tee_kcal, Math.floor(m.bmr_kcal * 1.54), 1)),
  },
  {
    code: "segment_fat_sum_mismatch",
    message: "The fat of the five body segments does not add up to the body fat mass.",
    broken: (m, t, record) => {
      if (!record.segments) return null;
      const fats = Object.values(record.segments).map((segment) => segment.fat_kg);
      return differs(sumOf(...fats), m.body_fat_mass_kg, t.sum);
    },
  },
  {
    code: "segment_lean_sum_mismatch",
    message: "The lean mass of the five body segments is not the usual share of the lean body mass.",
    broken: (m, t, record) => {
      if (!record.segments) return null;
      const leans = Object.values(record.segments).map((segment) => segment.lean_kg);
      return shareOutside(sumOf(...leans), m.lean_body_mass_kg, 0.836 * 0.99, 0.836 * 1.01, t.half);
    },
  },
  {
    code: "water_share_unusual",
    message: "Total body water is not the usual share of the lean body mass.",
    broken: (m, t) => shareOutside(m.total_body_water_kg, m.lean_body_mass_kg, 0.715, 0.735, t.half),
  },
  {
    code: "muscle_share_unusual",
    message: "Skeletal muscle mass is not the usual share of the lean body mass.",
    broken: (m, t) => shareOutside(m.skeletal_muscle_mass_kg, m.lean_body_mass_kg, 0.545, 0.567, t.half),
  },
  {
    code: "protein_mineral_share_unusual",
    message: "Protein or mineral is not the usual share of the lean body mass.",
    broken: (m, t) =>
      anyBroken(
        shareOutside(m.protein_kg, m.lean_body_mass_kg, 0.19, 0.205, t.half),
        shareOutside(m.mineral_kg, m.lean_body_mass_kg, 0.07, 0.091, t.half),
      ),
  },
  {
    code: "visceral_share_unusual",
    message: "Visceral fat mass is not the usual share of the body fat mass.",
    broken: (m, t) => shareOutside(m.visceral_fat_mass_kg, m.body_fat_mass_kg, 0.125, 0.195, t.half),
  },
  {
    code: "visceral_area_unusual",
    message: "The visceral fat area does not fit the visceral fat mass the way it does on Evolt sheets.",
    broken: (m, t) => {
      const area = m.visceral_fat_area_cm2;
      const mass = m.visceral_fat_mass_kg;
      if (area === null || mass === null || mass <= t.half) return null;
      // R17: 26–31 cm² per kg of visceral fat on real sheets; the area is printed to 1 cm², the mass rounded
      return (area + 0.5) / (mass - t.half) < 24 || (area - 0.5) / (mass + t.half) > 33;
    },
  },
  {
    code: "status_range_mismatch",
    message: (record, t) =>
      `The status word printed for ${joinNames(statusMismatches(record, t))} does not agree with its printed range.`,
    broken: (_m, t, record) => statusMismatches(record, t).length > 0,
  },
  {
    code: "status_word_unknown",
    message: (record) =>
      `The status word printed for ${joinNames(unknownStatuses(record))} could not be read.`,
    broken: (_m, _t, record) => unknownStatuses(record).length > 0,
  },
  {
    code: "range_unusual",
    message: (record, t) =>
      `The printed range for ${joinNames(unusualRanges(record, t))} does not have the shape Evolt ranges have.`,
    broken: (_m, t, record) => unusualRanges(record, t).length > 0,
  },
  {
    code: "segment_ranges_differ",
    message: (record) =>
      `The printed ranges for the ${joinNames(unequalSides(record))} differ between left and right, which they never do.`,
    broken: (_m, _t, record) => (record.segments ? unequalSides(record).length > 0 : null),
  },
  {
    code: "values_not_read",
    message: (record) =>
      `Some values this sheet prints could not be read: ${joinNames(unreadParts(record))}.`,
    broken: (_m, _t, record) => unreadParts(record).length > 0,
  },
  {
    code: "nutrition_unusual",
    message:
      "The nutrition recommendations do not have their usual widths, so one of them was probably misread.",
    broken: (_m, _t, record) => {
      const n = record.nutrition;
      if (!n) return null;
      const width = (range: Range | null) => (range ? range[1] - range[0] : null);
      const calories = width(n.calories_kcal);
      const protein = width(n.protein_g);
      const carbs = width(n.carbohydrates_g);
      const fat = width(n.fat_g);
      return anyBroken(
        calories === null ? null : calories !== 100,
        protein === null ? null : protein < 4 || protein > 12,
        carbs === null ? null : carbs <= 0,
        fat === null ? null : fat <= 0,
      );
    },
  },
];

/** "lean body mass", "left arm fat" — names a member recognises from the sheet. */
function nameOf(key: string): string {
  const special: Record<string, string> = {
    bmr_kcal: "BMR",
    tee_kcal: "TEE",
    bwi: "BWI",
    body_fat_pct: "body fat percentage",
    waist_to_hip_ratio: "waist-to-hip ratio",
  };
  return special[key] ?? key.replace(/_(?:kg|cm2|kcal|cm|pct)$/, "").replaceAll("_", " ");
}

function joinNames(names: string[]): string {
  const unique = [...new Set(names)];
  return unique.length <= 1
    ? (unique[0] ?? "a value")
    : `${unique.slice(0, -1).join(", ")} and ${unique.at(-1)}`;
}

const INSIDE = new Set(["Optimal", "Balanced", "Normal"]);
const ABOVE = /^(?:High|Over|Above)\b/;
const BELOW = /^(?:Low|Under|Below)\b/;
const KNOWN_STATUS = /^(?:Optimal|Balanced|Normal|High|Over|Above|Low|Under|Below)(?: Range)?$/i;

function statusAgrees(
  value: number | null,
  status: string | null | undefined,
  range: [number, number] | null | undefined,
  eps: number,
) {
  if (value === null || !status || !range) return true;
  const [lo, hi] = range;
  if (INSIDE.has(status)) return value >= lo - eps && value <= hi + eps;
  if (ABOVE.test(status)) return value >= hi - eps;
  if (BELOW.test(status)) return value <= lo + eps;
  return true;
}

/** What each status word claims, checked against its range: the names whose word and range disagree. */
function statusMismatches(record: ScanRecord, t: Tolerance): string[] {
  // A value and its bounds are each rounded to the printed unit, and the status was set before rounding.
  const epsFor = (key: string) =>
    key.endsWith("_kg") ? 2 * t.half : key === "waist_to_hip_ratio" ? 0.01 : 0.1;
  const names: string[] = [];
  for (const key of Object.keys(record.status) as MetricKey[]) {
    if (!statusAgrees(record.metrics[key], record.status[key], record.ranges[key], epsFor(key) + 1e-9))
      names.push(nameOf(key));
  }
  for (const key of SEGMENT_KEYS) {
    const segment = record.segments?.[key];
    if (!segment) continue;
    const eps = 2 * t.segmentHalf + 1e-9;
    if (!statusAgrees(segment.lean_kg, segment.lean_status, segment.lean_range, eps))
      names.push(`${nameOf(key)} lean mass`);
    if (!statusAgrees(segment.fat_kg, segment.fat_status, segment.fat_range, eps))
      names.push(`${nameOf(key)} fat`);
  }
  return names;
}

function unknownStatuses(record: ScanRecord): string[] {
  const names: string[] = [];
  for (const [key, status] of Object.entries(record.status)) {
    if (status && !KNOWN_STATUS.test(status)) names.push(nameOf(key));
  }
  for (const key of SEGMENT_KEYS) {
    const segment = record.segments?.[key];
    if (segment?.lean_status && !KNOWN_STATUS.test(segment.lean_status))
      names.push(`${nameOf(key)} lean mass`);
    if (segment?.fat_status && !KNOWN_STATUS.test(segment.fat_status)) names.push(`${nameOf(key)} fat`);
  }
  return names;
}

/** Lean ranges are an ideal ×0.9–1.1, fat ranges ×0.8–1.2 (every real sheet): other shapes are misread. */
function unusualRanges(record: ScanRecord, t: Tolerance): string[] {
  const names: string[] = [];
  for (const key of LEAN_RANGE_KEYS) {
    if (ratioOutside(record.ranges[key], LEAN_RATIO, t.rangeHalf)) names.push(nameOf(key));
  }
  if (ratioOutside(record.ranges.body_fat_mass_kg, FAT_RATIO, t.rangeHalf))
    names.push(nameOf("body_fat_mass_kg"));
  for (const [key, range] of Object.entries(record.ranges) as [MetricKey, Range][]) {
    if (!(range[0] < range[1])) names.push(nameOf(key));
  }
  for (const key of SEGMENT_KEYS) {
    const segment = record.segments?.[key];
    if (!segment) continue;
    if (ratioOutside(segment.lean_range, LEAN_RATIO, t.segmentRangeHalf))
      names.push(`${nameOf(key)} lean mass`);
    if (ratioOutside(segment.fat_range, FAT_RATIO, t.segmentRangeHalf)) names.push(`${nameOf(key)} fat`);
  }
  return names;
}

/**
 * A sheet prints its parts whole: both fat shares or neither, bio age with BWI, every segment's ranges, all
 * four nutrition ranges. One of a pair missing means it was there and could not be read.
 */
function unreadParts(record: ScanRecord): string[] {
  const m = record.metrics;
  const names: string[] = [];
  // every Evolt sheet's header prints them
  if (record.subject.sex === null) names.push("gender");
  if (record.subject.age === null) names.push("age");
  if (record.subject.height_cm === null) names.push("height");
  const pair = (a: MetricKey, b: MetricKey) => {
    if ((m[a] === null) !== (m[b] === null)) names.push(nameOf(m[a] === null ? a : b));
  };
  pair("subcutaneous_fat_pct", "visceral_fat_pct");
  pair("intracellular_fluid_pct", "extracellular_fluid_pct");
  pair("bio_age", "bwi");
  // a value printed with a status word is printed with its range too, and the other way round
  for (const key of new Set([
    ...Object.keys(record.status),
    ...Object.keys(record.ranges),
  ]) as Set<MetricKey>) {
    if (m[key] !== null && (record.status[key] === undefined) !== (record.ranges[key] === undefined))
      names.push(`${nameOf(key)} ${record.status[key] === undefined ? "status" : "range"}`);
  }
  const segments = record.segments;
  if (segments) {
    for (const side of ["lean_range", "fat_range", "lean_status", "fat_status"] as const) {
      const printed = SEGMENT_KEYS.filter((key) => segments[key][side] !== null);
      if (printed.length > 0 && printed.length < SEGMENT_KEYS.length) {
        for (const key of SEGMENT_KEYS) {
          if (segments[key][side] === null)
            names.push(`${nameOf(key)} ${side.endsWith("range") ? "ranges" : "status"}`);
        }
      }
    }
  }
  const nutrition = record.nutrition ? Object.entries(record.nutrition) : [];
  if (nutrition.some(([, range]) => range !== null)) {
    for (const [key, range] of nutrition) if (range === null) names.push(`${nameOf(key)} recommendation`);
  }
  return names;
}

/** Both arms share one range, and both legs (the ideal is the same on either side). */
function unequalSides(record: ScanRecord): string[] {
  const s = record.segments;
  if (!s) return [];
  const same = (a: Range | null, b: Range | null) => !a || !b || (a[0] === b[0] && a[1] === b[1]);
  const names: string[] = [];
  if (
    !same(s.left_arm.lean_range, s.right_arm.lean_range) ||
    !same(s.left_arm.fat_range, s.right_arm.fat_range)
  )
    names.push("arms");
  if (
    !same(s.left_leg.lean_range, s.right_leg.lean_range) ||
    !same(s.left_leg.fat_range, s.right_leg.fat_range)
  )
    names.push("legs");
  return names;
}

export function consistencyWarnings(record: ScanRecord, unit: MassUnit): ScanWarning[] {
  const t = tolerance(unit);
  return RULES.filter((rule) => rule.broken(record.metrics, t, record) === true).map(({ code, message }) => ({
    code,
    message: typeof message === "string" ? message : message(record, t),
  }));
}
