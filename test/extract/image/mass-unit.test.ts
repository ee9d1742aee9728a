// A photo whose weight lost its unit and whose height OCR could not read: kg or lb, from the sheet itself.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MASS_METRIC_KEYS, type ScanRecord } from "../../../src/domain/scan-record.ts";
import { massUnitByArithmetic, printedMassUnit } from "../../../src/extract/image/mass-unit.ts";
import type { ReadTrace } from "../../../src/extract/read-sheet.ts";
import { KG_PER_LB } from "../../../src/extract/units.ts";
import { SCANS_DIR } from "../../fixtures/generate.ts";

const load = (name: string): ScanRecord =>
  JSON.parse(readFileSync(join(SCANS_DIR, `${name}.expected.json`), "utf8"));

/** The lb sheet as a reader that assumed kg holds it: every mass is the printed lb figure. */
function takenForKg(record: ScanRecord): ScanRecord {
  const copy = structuredClone(record);
  for (const key of MASS_METRIC_KEYS) {
    const value = copy.metrics[key];
    if (value !== null) copy.metrics[key] = value / KG_PER_LB;
  }
  copy.units.mass = "kg";
  return copy;
}

const traceOf = (weight: string, height?: string): ReadTrace => ({
  fields: {
    "header.weight": { label: null, value: { text: weight, x: 0, y: 0, size: 10 } },
    ...(height ? { "header.height": { label: null, value: { text: height, x: 0, y: 0, size: 10 } } } : {}),
  },
  steps: [],
});

describe("the masses' unit of a sheet that OCR lost it on", () => {
  it("is the one printed with the weight, or the one its height implies", () => {
    expect(printedMassUnit(traceOf("172.8 lb"))).toBe("lb");
    expect(printedMassUnit(traceOf("172.8", `5' 9"`))).toBe("lb");
    expect(printedMassUnit(traceOf("78.4", "175 cm"))).toBe("kg");
    expect(printedMassUnit(traceOf("78.4", "gn"))).toBeNull();
  });

  it("is told by the BMR formula and the visceral fat area, each alone", () => {
    const metric = load("example-alex-metric");
    expect(massUnitByArithmetic(metric)).toBe("kg");
    const imperial = takenForKg(load("example-alex-imperial"));
    expect(massUnitByArithmetic(imperial)).toBe("lb");
    const noBmr = structuredClone(imperial);
    noBmr.metrics.bmr_kcal = null;
    expect(massUnitByArithmetic(noBmr)).toBe("lb");
    const noArea = structuredClone(imperial);
    noArea.metrics.visceral_fat_area_cm2 = null;
    expect(massUnitByArithmetic(noArea)).toBe("lb");
  });

  it("is not told by a visceral mass the fat split does not vouch for, nor by two rules that disagree", () => {
    const metric = load("example-alex-metric");
    metric.metrics.bmr_kcal = null;
    metric.metrics.visceral_fat_mass_kg = 4.9; // misread 1.9: 58 cm² over 4.9 "kg" fits the lb band
    expect(massUnitByArithmetic(metric)).toBeNull();
    const torn = load("example-alex-metric");
    torn.metrics.bmr_kcal = Math.round(370 + 21.6 * 64.3 * KG_PER_LB); // a BMR that fits lb
    expect(massUnitByArithmetic(torn)).toBeNull();
  });
});
