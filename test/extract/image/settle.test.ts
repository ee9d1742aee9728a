// "Null rather than wrong" at the record level: what OCR read is kept only when OCR was sure of it and the
// sheet's own arithmetic does not contradict it; a contradiction costs the figure nothing vouches for.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ScanRecord } from "../../../src/domain/scan-record.ts";
import { MIN_CONFIDENCE, settleImageRecord } from "../../../src/extract/image/settle.ts";
import type { ReadTrace } from "../../../src/extract/read-sheet.ts";
import { SCANS_DIR } from "../../fixtures/generate.ts";

const printed = (): ScanRecord => ({
  ...JSON.parse(readFileSync(join(SCANS_DIR, "example-alex-metric.expected.json"), "utf8")),
  source: "image",
});
const weightRead = { label: null, value: { text: "78.4 kg", x: 0, y: 0, size: 10 } };
const dateRead = { label: null, value: { text: "14-03-2026 07:35", x: 0, y: 0, size: 10 } };
const trace: ReadTrace = { fields: { "header.weight": weightRead, "header.date": dateRead }, steps: [] };
const sure = () => 96;

/** Every metric shown is the sheet's: a misread is null, never another value. */
function expectNothingWrong(settled: ScanRecord, sheet: ScanRecord): void {
  for (const key of Object.keys(settled.metrics) as (keyof ScanRecord["metrics"])[])
    expect([null, sheet.metrics[key]]).toContain(settled.metrics[key]);
}

describe("settling an OCR read", () => {
  it("keeps a sheet read right, whole", () => {
    const record = settleImageRecord(printed(), trace, sure);
    expect(record).toEqual(printed());
  });

  it.each([
    ["weight_kg", 87.4],
    ["body_fat_mass_kg", 11.4],
    ["total_body_water_kg", 40.3],
    ["lean_body_mass_kg", 61.3],
  ] as const)("a misread %s becomes null and the figures that vouch for each other stay", (key, misread) => {
    const record = printed();
    record.metrics[key] = misread;
    const settled = settleImageRecord(record, trace, sure);
    expect(settled.metrics[key]).toBeNull();
    const untouched = ["weight_kg", "lean_body_mass_kg", "body_fat_mass_kg", "body_fat_pct"].filter(
      (k) => k !== key,
    );
    for (const other of untouched) {
      expect(settled.metrics[other as keyof ScanRecord["metrics"]]).toBe(printed().metrics[other as never]);
    }
  });

  it("a share whose mass was not read goes with it: nothing checks its small print", () => {
    const record = printed();
    // neither its mass nor the other share was read, so no sum of the sheet reaches it
    record.metrics.visceral_fat_mass_kg = null;
    record.metrics.subcutaneous_fat_pct = null;
    record.metrics.visceral_fat_pct = (record.metrics.visceral_fat_pct ?? 0) * 10; // its point lost
    const settled = settleImageRecord(record, trace, sure);
    expect(settled.metrics.visceral_fat_pct).toBeNull();
    expect(settled.metrics.weight_kg).toBe(printed().metrics.weight_kg);
  });

  it("two misreads that happen to keep one sum are both dropped, never shown", () => {
    const record = printed();
    // 78.4 → 88.4 and 64.3 → 74.3: LBM + BFM = weight still holds, every other relation of theirs breaks
    record.metrics.weight_kg = 88.4;
    record.metrics.lean_body_mass_kg = 74.3;
    const settled = settleImageRecord(record, trace, sure);
    expect(settled.metrics.weight_kg).toBeNull();
    expect(settled.metrics.lean_body_mass_kg).toBeNull();
    expectNothingWrong(settled, printed());
  });

  it("a misread segment fat becomes null, the other segments stay", () => {
    const record = printed();
    const segments = record.segments!;
    segments.torso.fat_kg = 6.14;
    const settled = settleImageRecord(record, trace, sure);
    expect(settled.segments?.torso.fat_kg).toBeNull();
    expect(settled.segments?.left_leg.fat_kg).toBe(printed().segments?.left_leg.fat_kg);
    expect(settled.metrics.body_fat_mass_kg).toBe(printed().metrics.body_fat_mass_kg);
  });

  it("a value whose status and range disagree (a misread outside its own range) becomes null", () => {
    const record = printed();
    record.metrics.visceral_fat_level = 9.8; // printed 6 / Balanced [1 - 9]: outside
    const settled = settleImageRecord(record, trace, sure);
    expect(settled.metrics.visceral_fat_level).toBeNull();
    expect(settled.status.visceral_fat_level).toBeUndefined();
  });

  it("drops what OCR was unsure of, and only that", () => {
    const record = settleImageRecord(printed(), trace, (_trace, field) =>
      field === "bwi" || field === "header.age" ? MIN_CONFIDENCE - 1 : 96,
    );
    expect(record.metrics.bwi).toBeNull();
    expect(record.subject.age).toBeNull();
    expect(record.metrics.bio_age).toBe(printed().metrics.bio_age);
    expect(record.subject.height_cm).toBe(printed().subject.height_cm);
  });

  it.each([
    ["a bound lost its point", [29.6, 361] as [number, number], "35.7 / Optimal [29.6 - 361]"],
    ["both bounds lost their points", [296, 361] as [number, number], "35.7 / Optimal [296 - 361]"],
    [
      "the bounds are printed with other decimals",
      [29.6, 36] as [number, number],
      "35.7 / Optimal [29.6 - 36]",
    ],
  ])("a misread range (%s) goes, its value stays", (_case, range, text) => {
    const record = printed();
    record.ranges.skeletal_muscle_mass_kg = range;
    const traced: ReadTrace = {
      fields: {
        "header.weight": weightRead,
        skeletal_muscle_mass_kg: { label: null, value: { text, x: 0, y: 0, size: 10 } },
      },
      steps: [],
    };
    const settled = settleImageRecord(record, traced, sure);
    expect(settled.ranges.skeletal_muscle_mass_kg).toBeUndefined();
    expect(settled.metrics.skeletal_muscle_mass_kg).toBe(printed().metrics.skeletal_muscle_mass_kg);
  });

  it("without the mass unit read (no kg or lb with the weight, no height), masses are null unless the sheet's arithmetic proves the unit", () => {
    const unitless: ReadTrace = {
      fields: { "header.weight": { label: null, value: { text: "78.4", x: 0, y: 0, size: 10 } } },
      steps: [],
    };
    const proven = settleImageRecord(printed(), unitless, sure);
    expect(proven.metrics.lean_body_mass_kg).toBe(printed().metrics.lean_body_mass_kg);
    const record = printed();
    record.metrics.bmr_kcal = null;
    record.metrics.visceral_fat_area_cm2 = null;
    const unproven = settleImageRecord(record, unitless, sure);
    expect(unproven.metrics.weight_kg).toBeNull();
    expect(unproven.metrics.lean_body_mass_kg).toBeNull();
    expect(unproven.segments?.torso.fat_kg).toBeNull();
    expect(unproven.metrics.body_fat_pct).toBe(printed().metrics.body_fat_pct);
  });

  it.each([
    ["a digit of it lost", "14-3-2026 07:35"],
    ["its time lost (it would read as midnight)", "14-03-2026"],
  ])("a date with %s is left for the member to type, and the rest stays", (_case, text) => {
    const read: ReadTrace = {
      fields: {
        "header.weight": weightRead,
        "header.date": { label: null, value: { text, x: 0, y: 0, size: 10 } },
      },
      steps: [],
    };
    const settled = settleImageRecord(printed(), read, sure);
    expect(settled.scanned_at).toBeNull();
    expect(settled.warnings.map((w) => w.code)).toContain("date_unreadable");
    expect(settled.metrics).toEqual(printed().metrics);
  });

  it("a date only the mass unit could order is left for the member to type when the unit was neither read nor proven", () => {
    const unitless: ReadTrace = {
      fields: {
        "header.weight": { label: null, value: { text: "78.4", x: 0, y: 0, size: 10 } },
        "header.date": { label: null, value: { text: "04-03-2026 07:35", x: 0, y: 0, size: 10 } },
      },
      steps: [],
    };
    const ambiguous = (): ScanRecord => ({
      ...printed(),
      scanned_at: "2026-03-04T07:35",
      date_confidence: "inferred",
    });
    expect(settleImageRecord(ambiguous(), unitless, sure).scanned_at).toBe("2026-03-04T07:35");
    const unproven = ambiguous();
    unproven.metrics.bmr_kcal = null;
    unproven.metrics.visceral_fat_area_cm2 = null;
    const settled = settleImageRecord(unproven, unitless, sure);
    expect(settled.scanned_at).toBeNull();
    expect(settled.warnings.map((w) => w.code)).toContain("date_order_unknown");
  });

  const readAs = (field: string, text: string): ReadTrace => ({
    fields: {
      "header.weight": weightRead,
      "header.date": dateRead,
      [field]: { label: null, value: { text, x: 0, y: 0, size: 10 } },
    },
    steps: [],
  });

  it("a share read without its point (`[156%]`) gets it back where its mass and the weight say so", () => {
    const record = printed();
    record.metrics.subcutaneous_fat_pct = 156; // printed [15.6%]: 12.2 of 78.4 kg
    const settled = settleImageRecord(record, readAs("subcutaneous_fat_mass_kg", "12.2 [156%]"), sure);
    expect(settled.metrics.subcutaneous_fat_pct).toBe(15.6);
  });

  it("a share whose digits its mass and the weight do not give is not mended, it goes", () => {
    const record = printed();
    record.metrics.subcutaneous_fat_pct = 186; // 18.6 is no share 12.2 of 78.4 kg can have
    const settled = settleImageRecord(record, readAs("subcutaneous_fat_mass_kg", "12.2 [186%]"), sure);
    expect(settled.metrics.subcutaneous_fat_pct).toBeNull();
    expect(settled.metrics.subcutaneous_fat_mass_kg).toBe(12.2);
  });

  it("a share with a stroke read as a `1` (`[165%]` for 65 %) gets its figure back where its mass and base say so", () => {
    const record = printed();
    record.metrics.intracellular_fluid_pct = 165;
    const settled = settleImageRecord(record, readAs("intracellular_fluid_kg", "30.3 [165%]"), sure);
    expect(settled.metrics.intracellular_fluid_pct).toBe(65);
  });

  it("a fluid's whole share is not taken for a tenth because the body water lost its point (`463` for 46.3)", () => {
    const record = printed();
    record.metrics.total_body_water_kg = 463;
    const read: ReadTrace = {
      fields: {
        "header.weight": weightRead,
        "header.date": dateRead,
        total_body_water_kg: { label: null, value: { text: "463 / Optimal", x: 0, y: 0, size: 10 } },
        intracellular_fluid_kg: { label: null, value: { text: "30.3 [65%]", x: 0, y: 0, size: 10 } },
        extracellular_fluid_kg: { label: null, value: { text: "16.0 [35%]", x: 0, y: 0, size: 10 } },
      },
      steps: [],
    };
    const settled = settleImageRecord(record, read, sure);
    expect(settled.metrics.total_body_water_kg).toBe(46.3);
    expect(settled.metrics.intracellular_fluid_pct).toBe(65);
    expect(settled.metrics.extracellular_fluid_pct).toBe(35);
  });

  it("the fluids' shares stay without the body water where both fit the two fluids' sum", () => {
    const record = printed();
    record.metrics.total_body_water_kg = null;
    const settled = settleImageRecord(record, trace, sure);
    expect(settled.metrics.intracellular_fluid_pct).toBe(65);
    expect(settled.metrics.extracellular_fluid_pct).toBe(35);
    const misread = printed();
    misread.metrics.total_body_water_kg = null;
    misread.metrics.intracellular_fluid_pct = 56; // 30.3 of 46.3 is 65 %
    misread.metrics.extracellular_fluid_pct = 44;
    const doubted = settleImageRecord(misread, trace, sure);
    expect(doubted.metrics.intracellular_fluid_pct).toBeNull();
    expect(doubted.metrics.extracellular_fluid_pct).toBeNull();
  });

  const imperial = (): ScanRecord => ({
    ...JSON.parse(readFileSync(join(SCANS_DIR, "example-alex-imperial.expected.json"), "utf8")),
    source: "image",
  });
  const imperialRead = (text: string): ReadTrace => ({
    fields: {
      "header.weight": { label: null, value: { text: "172.8 lb", x: 0, y: 0, size: 10 } },
      intracellular_fluid_kg: { label: null, value: { text, x: 0, y: 0, size: 10 } },
    },
    steps: [],
  });

  it("a mass that lost one of its doubled digits (`6.8 lb` for 66.8) gets it back where that alone makes the sums hold", () => {
    const record = imperial();
    record.metrics.intracellular_fluid_kg = 6.8 * 0.45359237;
    const settled = settleImageRecord(record, imperialRead("6.8 [65%]"), sure);
    expect(settled.metrics.intracellular_fluid_kg).toBeCloseTo(imperial().metrics.intracellular_fluid_kg!, 9);
    expect(settled.metrics.intracellular_fluid_pct).toBe(65);
    expect(settled.metrics.total_body_water_kg).toBe(imperial().metrics.total_body_water_kg);
  });

  it("a doubled digit given back that another relation of the figure denies is not shown", () => {
    const record = imperial();
    record.metrics.intracellular_fluid_kg = 6.8 * 0.45359237;
    record.metrics.intracellular_fluid_pct = 50; // misread too: 66.8 of 102.1 lb is no 50 %
    record.metrics.extracellular_fluid_pct = 50;
    const settled = settleImageRecord(record, imperialRead("6.8 [50%]"), sure);
    expect(settled.metrics.intracellular_fluid_kg).toBeNull();
    expectNothingWrong(settled, imperial());
  });

  it("a mass read without its point (`141` for 14.1) gets it back when the sheet's sums hold with it", () => {
    const record = printed();
    record.metrics.body_fat_mass_kg = 141;
    const settled = settleImageRecord(record, readAs("body_fat_mass_kg", "141 / High"), sure);
    expect(settled.metrics.body_fat_mass_kg).toBe(14.1);
    expect(settled.metrics.lean_body_mass_kg).toBe(64.3);
  });

  it("a muscle mass no sum checks, read without its point, is shown where it read the same twice and its status and range agree", () => {
    const record = printed();
    record.metrics.skeletal_muscle_mass_kg = 357; // printed 35.7 / Optimal [29.6 - 36.1]
    const read = readAs("skeletal_muscle_mass_kg", "357 / Optimal [29.6 - 36.1]");
    expect(settleImageRecord(structuredClone(record), read, sure).metrics.skeletal_muscle_mass_kg).toBe(35.7);
    // read differently alone: not shown
    const unsure = settleImageRecord(structuredClone(record), read, (_trace, field) =>
      field === "skeletal_muscle_mass_kg" ? 0 : 96,
    );
    expect(unsure.metrics.skeletal_muscle_mass_kg).toBeNull();
    expect(unsure.metrics.lean_body_mass_kg).toBe(64.3);
    // its status says otherwise (35.7 is no High over 36.1): not shown
    const high = structuredClone(record);
    high.status.skeletal_muscle_mass_kg = "High";
    const denied = settleImageRecord(
      high,
      readAs("skeletal_muscle_mass_kg", "357 / High [29.6 - 36.1]"),
      sure,
    );
    expect(denied.metrics.skeletal_muscle_mass_kg).toBeNull();
  });

  it("a mass given back its point that breaks the sums goes, and costs no other figure", () => {
    const record = printed();
    record.metrics.body_fat_mass_kg = 171; // 17.1 breaks LBM + BFM = weight, BF %, the fat splits
    const settled = settleImageRecord(record, readAs("body_fat_mass_kg", "171 / High"), sure);
    expect(settled.metrics.body_fat_mass_kg).toBeNull();
    for (const key of ["weight_kg", "lean_body_mass_kg", "body_fat_pct", "subcutaneous_fat_mass_kg"] as const)
      expect(settled.metrics[key]).toBe(printed().metrics[key]);
  });

  it("a corrected figure stays only where an exact relation holds with it", () => {
    const vouched = settleImageRecord(printed(), trace, sure, new Set(["body_fat_mass_kg"]));
    expect(vouched.metrics.body_fat_mass_kg).toBe(14.1);
    // skeletal muscle mass is in no exact relation: a figure two reads alone gave is not shown
    const unvouched = settleImageRecord(printed(), trace, sure, new Set(["skeletal_muscle_mass_kg"]));
    expect(unvouched.metrics.skeletal_muscle_mass_kg).toBeNull();
    expect(unvouched.metrics.lean_body_mass_kg).toBe(64.3);
  });

  it("a corrected fluid mass is not vouched by the fluid shares adding up when the body water was not read", () => {
    const record = printed();
    record.metrics.total_body_water_kg = null;
    record.metrics.extracellular_fluid_kg = 4.9; // two reads alone lost a digit of 16.0; ICF % + ECF % = 100
    const settled = settleImageRecord(record, trace, sure, new Set(["extracellular_fluid_kg"]));
    expect(settled.metrics.extracellular_fluid_kg).toBeNull();
    expect(settled.metrics.intracellular_fluid_kg).toBe(30.3);
  });

  it("a second misread hidden behind the likeliest culprit is not shown: the fluids' shares of their sum catch it", () => {
    const record = printed();
    // TBW 46.3 → 41.3 breaks ICF + ECF = TBW and protein + mineral + TBW = LBM: TBW alone explains both,
    // but ECF 16.0 → 19.6 was misread too: only the fluids' shares of ICF + ECF (65 %, 35 %) still see it
    record.metrics.total_body_water_kg = 41.3;
    record.metrics.extracellular_fluid_kg = 19.6;
    const settled = settleImageRecord(record, trace, sure);
    expect(settled.metrics.total_body_water_kg).toBeNull();
    expect(settled.metrics.extracellular_fluid_kg).toBeNull();
    expectNothingWrong(settled, printed());
    expect(settled.metrics.lean_body_mass_kg).toBe(64.3);
  });
});
