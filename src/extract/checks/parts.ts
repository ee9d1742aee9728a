// A sheet prints its parts whole: one of a pair missing means it was printed and could not be read.
import { type MetricKey, type ScanRecord, SEGMENT_KEYS } from "../../domain/scan-record.ts";
import { joinNames, nameOf, type Rule } from "./rule.ts";

export const PART_RULES: Rule[] = [
  {
    code: "values_not_read",
    message: (record) =>
      `Some values this sheet prints could not be read: ${joinNames(unreadParts(record))}.`,
    broken: (_m, _t, record) => unreadParts(record).length > 0,
  },
];

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
