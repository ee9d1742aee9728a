import { expect } from "vitest";
import type { ScanRecord } from "../../src/domain/scan-record.ts";

/** Numbers equal within `tolerance`, everything else exact; warnings compared by code. */
export function expectSameRecord(actual: ScanRecord, expected: ScanRecord, tolerance = 1e-9): void {
  const codes = (record: ScanRecord) => record.warnings.map((warning) => warning.code).sort();
  expect(codes(actual)).toEqual(codes(expected));
  const strip = (record: ScanRecord) => ({ ...record, warnings: [] });
  const mismatches: string[] = [];
  compare(strip(actual), strip(expected), "", tolerance, mismatches);
  expect(mismatches).toEqual([]);
}

function compare(actual: unknown, expected: unknown, path: string, tolerance: number, out: string[]): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(actual - expected) > tolerance) out.push(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected && actual && typeof expected === "object" && typeof actual === "object") {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      compare(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
        tolerance,
        out,
      );
    }
    return;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}
