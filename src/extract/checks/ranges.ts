// The shape of printed ranges: lean ranges are an ideal ×0.9–1.1, fat ranges ×0.8–1.2, left and right
// share theirs, nutrition recommendations have their usual widths.
import { type MetricKey, type Range, type ScanRecord, SEGMENT_KEYS } from "../../domain/scan-record.ts";
import { anyBroken, joinNames, nameOf, type Rule, type Tolerance } from "./rule.ts";

export const RANGE_RULES: Rule[] = [
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
