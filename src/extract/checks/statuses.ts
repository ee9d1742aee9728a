// Status words (rule R20): each a word Evolt prints, and each agreeing with the range printed beside it.
import { type MetricKey, type ScanRecord, SEGMENT_KEYS } from "../../domain/scan-record.ts";
import { joinNames, nameOf, type Rule, type Tolerance } from "./rule.ts";

export const STATUS_RULES: Rule[] = [
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
];

const INSIDE = new Set(["Optimal", "Balanced", "Normal"]);
const ABOVE = /^(?:High|Over|Above)\b/;
const BELOW = /^(?:Low|Under|Below)\b/;
const KNOWN_STATUS = /^(?:Optimal|Balanced|Normal|High|Over|Above|Low|Under|Below)(?: Range)?$/i;

export function statusAgrees(
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
