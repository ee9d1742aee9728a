import { METRIC_KEYS, type ScanRecord } from "../../../src/domain/scan-record.ts";

/** The fields the targets count (24 metrics, date, sex, age, height): how many were read right, and every wrong one. */
export function compareFields(record: ScanRecord, expected: ScanRecord): { right: number; wrong: string[] } {
  const pairs: [string, unknown, unknown][] = [
    ...METRIC_KEYS.map(
      (key) => [key, record.metrics[key], expected.metrics[key]] as [string, unknown, unknown],
    ),
    ["scanned_at", record.scanned_at, expected.scanned_at],
    ["sex", record.subject.sex, expected.subject.sex],
    ["age", record.subject.age, expected.subject.age],
    ["height_cm", record.subject.height_cm, expected.subject.height_cm],
  ];
  let right = 0;
  const wrong: string[] = [];
  for (const [key, read, printed] of pairs) {
    if (read === null) continue;
    const same = typeof read === "number" ? Math.abs(read - (printed as number)) < 1e-6 : read === printed;
    if (same) right++;
    else wrong.push(`${key}: read ${String(read)}, printed ${String(printed)}`);
  }
  return { right, wrong };
}
