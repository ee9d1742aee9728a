// How an image's record is scored against the sheet it shows (the OCR benchmarks): each of the 24 metrics,
// the date, sex, age and height is right, wrong (a value shown that differs from the sheet) or missing.
import { METRIC_KEYS, type ScanRecord } from "../src/domain/scan-record.ts";

export interface FieldTally {
  right: number;
  wrong: number;
  missing: number;
  /** one line per wrong value (and whatever the caller adds) */
  notes: string[];
  /** how often each field went missing */
  missingBy?: Map<string, number>;
}

/** The fields the targets count: 24 metrics, the date, sex, age and height. */
export function scoredFields(record: ScanRecord): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const key of METRIC_KEYS) out.set(key, record.metrics[key]);
  out.set("scanned_at", record.scanned_at);
  out.set("sex", record.subject.sex);
  out.set("age", record.subject.age);
  out.set("height_cm", record.subject.height_cm);
  return out;
}

const same = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? Math.abs(a - b) <= 1e-6 : a === b;

/** Adds one image's fields to the tally; `read` null when the image was not read at all. */
export function scoreFields(
  read: ScanRecord | null,
  printed: ScanRecord,
  label: string,
  tally: FieldTally,
): void {
  const expected = scoredFields(printed);
  const miss = (key: string) => {
    tally.missing++;
    tally.missingBy?.set(key, (tally.missingBy.get(key) ?? 0) + 1);
  };
  if (!read) {
    for (const [key, value] of expected) if (value !== null) miss(key);
    return;
  }
  for (const [key, have] of scoredFields(read)) {
    const want = expected.get(key);
    if (have === null && want === null) continue;
    if (have === null) miss(key);
    else if (same(have, want)) tally.right++;
    else {
      tally.wrong++;
      tally.notes.push(`  ${label}: ${key} read ${String(have)}, printed ${String(want)}`);
    }
  }
}
