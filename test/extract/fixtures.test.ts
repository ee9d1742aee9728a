import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REJECTION_MESSAGES } from "../../bot/replies/rejections.ts";
import { type ScanRecord, ScanRejectedError } from "../../src/domain/scan-record.ts";
import { extractScan, MAX_PDF_BYTES, PARSER_VERSION, warmUp } from "../../src/extract/extract-scan.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";
import { expectSameRecord } from "./compare.ts";

const files = readdirSync(SCANS_DIR);
const sheets = files
  .filter((file) => file.endsWith(".expected.json"))
  .map((file) => file.replace(".expected.json", ""));
const refused = files
  .filter((file) => file.endsWith(".expected-error.json"))
  .map((file) => file.replace(".expected-error.json", ""));
const read = (name: string) => new Uint8Array(readFileSync(join(SCANS_DIR, name)));
const json = <T>(name: string): T => JSON.parse(readFileSync(join(SCANS_DIR, name), "utf8")) as T;

async function rejection(bytes: Uint8Array): Promise<ScanRejectedError> {
  try {
    await extractScan(bytes);
  } catch (error) {
    if (error instanceof ScanRejectedError) return error;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

beforeAll(() => warmUp());

describe("committed fixtures", () => {
  it("cover at least 40 files, sheets and refused ones", () => {
    expect(sheets.length + refused.length).toBeGreaterThanOrEqual(40);
    expect(sheets).toContain("example-alex-metric");
  });

  it.each(sheets)("%s parses to its expected record", async (name) => {
    const record = await extractScan(read(`${name}.pdf`));
    expectSameRecord(record, json<ScanRecord>(`${name}.expected.json`));
  });

  it.each(refused)("%s is refused with its code", async (name) => {
    const error = await rejection(read(`${name}.pdf`));
    expect(error.code).toBe(json<{ code: string }>(`${name}.expected-error.json`).code);
    // the member reads the replies' words for the code, never the reader's own message
    expect(REJECTION_MESSAGES[error.code]).toMatch(/^[A-Z].+\.$/);
    expect(error.message).not.toMatch(/pdf\.js|exception|stack/i);
  });
});

describe("the canonical example", () => {
  it("reads exactly the record of scan-format.md", async () => {
    const record = await extractScan(read("example-alex-metric.pdf"));
    // scan-format.md's record, with the abbreviated status/ranges checked as a subset
    expect(record).toMatchObject({
      format: "evolt360",
      parser_version: PARSER_VERSION,
      source: "pdf",
      scanned_at: "2026-03-14T07:35",
      date_order: "DMY",
      date_confidence: "certain",
      subject: { name: "ALEX SAMPLE", sex: "male", age: 34, height_cm: 180 },
      units: { mass: "kg", length: "cm" },
      metrics: {
        weight_kg: 78.4,
        lean_body_mass_kg: 64.3,
        skeletal_muscle_mass_kg: 35.7,
        protein_kg: 13.1,
        mineral_kg: 4.9,
        total_body_water_kg: 46.3,
        body_fat_mass_kg: 14.1,
        subcutaneous_fat_mass_kg: 12.2,
        subcutaneous_fat_pct: 15.6,
        visceral_fat_mass_kg: 1.9,
        visceral_fat_pct: 2.4,
        visceral_fat_area_cm2: 58,
        body_fat_pct: 18.0,
        visceral_fat_level: 6,
        intracellular_fluid_kg: 30.3,
        intracellular_fluid_pct: 65,
        extracellular_fluid_kg: 16.0,
        extracellular_fluid_pct: 35,
        bmr_kcal: 1758,
        tee_kcal: 2707,
        bio_age: 31,
        bwi: 7.6,
        abdominal_circumference_cm: 86.5,
        waist_to_hip_ratio: 0.86,
      },
      status: { lean_body_mass_kg: "Optimal", body_fat_pct: "Optimal", visceral_fat_level: "Balanced" },
      ranges: { lean_body_mass_kg: [52.9, 64.7], body_fat_mass_kg: [10.0, 15.0] },
      segments: {
        left_arm: {
          lean_kg: 3.71,
          fat_kg: 0.87,
          lean_status: "High",
          fat_status: "Optimal",
          lean_range: [2.88, 3.53],
          fat_range: [0.83, 1.24],
        },
        right_arm: {
          lean_kg: 3.6,
          fat_kg: 0.92,
          lean_status: "High",
          fat_status: "Optimal",
          lean_range: [2.88, 3.53],
          fat_range: [0.83, 1.24],
        },
        torso: {
          lean_kg: 28.49,
          fat_kg: 8.14,
          lean_status: "High",
          fat_status: "High",
          lean_range: [21.68, 26.5],
          fat_range: [4.67, 7.0],
        },
        left_leg: {
          lean_kg: 9.03,
          fat_kg: 2.07,
          lean_status: "Optimal",
          fat_status: "Optimal",
          lean_range: [7.96, 9.73],
          fat_range: [1.83, 2.74],
        },
        right_leg: {
          lean_kg: 8.92,
          fat_kg: 2.1,
          lean_status: "Optimal",
          fat_status: "Optimal",
          lean_range: [7.96, 9.73],
          fat_range: [1.83, 2.74],
        },
      },
      balance: { upper_lower: "unbalanced", left_right: "balanced" },
      nutrition: {
        calories_kcal: [2300, 2400],
        protein_g: [150, 158],
        carbohydrates_g: [265, 275],
        fat_g: [68, 72],
      },
      warnings: [],
    });
    expect(Object.keys(record)).toEqual([
      "format",
      "parser_version",
      "source",
      "scanned_at",
      "date_order",
      "date_confidence",
      "subject",
      "units",
      "metrics",
      "status",
      "ranges",
      "segments",
      "balance",
      "nutrition",
      "warnings",
    ]);
  });

  it("reads the imperial rendering in kilograms at full precision", async () => {
    const record = await extractScan(read("example-alex-imperial.pdf"));
    expect(record.units).toEqual({ mass: "lb", length: "in" });
    expect(record.metrics.weight_kg).toBe(172.8 * 0.45359237);
    expect(record.metrics.lean_body_mass_kg).toBe(141.8 * 0.45359237);
    expect(record.metrics.visceral_fat_area_cm2).toBe(58);
    expect(record.metrics.abdominal_circumference_cm).toBe(34.1 * 2.54);
    expect(record.subject.height_cm).toBe(71 * 2.54);
    expect(record.date_order).toBe("MDY");
    expect(record.warnings).toEqual([]);
  });
});

describe("refusals that are not committed as files", () => {
  it("refuses a file over the size limit before opening it", async () => {
    const big = new Uint8Array(MAX_PDF_BYTES + 1);
    big.set(new TextEncoder().encode("%PDF-1.7\n"));
    expect((await rejection(big)).code).toBe("too_large");
  });

  it("refuses an empty file as not a PDF", async () => {
    expect((await rejection(new Uint8Array())).code).toBe("not_pdf");
  });

  it("leaves the caller's bytes intact", async () => {
    const bytes = read("example-alex-metric.pdf");
    const copy = bytes.slice();
    await extractScan(bytes);
    expect(bytes).toEqual(copy);
  });
});
