// What the cage answered for one file, and whether that answer is right for what the file is.
import type { ScanErrorCode, ScanRecord } from "../../src/domain/scan-record.ts";
import { ScanRejectedError } from "../../src/domain/scan-record.ts";
import type { Expectation } from "./corpus.ts";

export type Outcome = { code: ScanErrorCode } | { record: ScanRecord };

export async function outcomeOf(reading: Promise<ScanRecord>): Promise<Outcome> {
  try {
    return { record: await reading };
  } catch (error) {
    if (error instanceof ScanRejectedError) return { code: error.code };
    throw error;
  }
}

/** Every value the sheet prints (warnings aside), numbers to a millionth: equal or not. */
const printed = (record: ScanRecord) =>
  JSON.stringify({ ...record, warnings: undefined }, (_key, value) =>
    typeof value === "number" ? Math.round(value * 1e6) / 1e6 : value,
  );

export const label = (outcome: Outcome) => ("code" in outcome ? outcome.code : "accepted");

/**
 * "clean": a right refusal, or exactly the sheet's values. "warned": read with values that differ from the
 * sheet, but with a warning the sheet itself does not cause — the member is told to look. "wrong": the wrong
 * refusal, or values that differ silently.
 */
export function judge(outcome: Outcome, expect: Expectation): "clean" | "warned" | "wrong" {
  if ("refuse" in expect)
    return "code" in outcome && expect.refuse.includes(outcome.code) ? "clean" : "wrong";
  if ("code" in outcome) return "sheet" in expect ? "clean" : "wrong";
  const sheet = "sheet" in expect ? expect.sheet : expect.read;
  if (printed(outcome.record) === printed(sheet)) return "clean";
  const expected = new Set(sheet.warnings.map((warning) => warning.code));
  const added = outcome.record.warnings.some((warning) => !expected.has(warning.code));
  return added && "sheet" in expect ? "warned" : "wrong";
}

/** The fields whose values differ from the sheet's (for reports). */
export function differingFields(record: ScanRecord, sheet: ScanRecord): string[] {
  const fields: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (a && b && typeof a === "object" && typeof b === "object") {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (key === "warnings") continue;
        walk(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          path ? `${path}.${key}` : key,
        );
      }
    } else if (
      JSON.stringify(a) !== JSON.stringify(b) &&
      !(typeof a === "number" && typeof b === "number" && Math.abs(a - b) < 1e-6)
    ) {
      fields.push(path);
    }
  };
  walk(record, sheet, "");
  return fields;
}
