// Random consistent members, rendered in a random variant of either drawing style (the pdf-lib template or
// pdfkit), read back: the record equals what was printed, and what was printed is the member's own values
// within printing tolerance.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MASS_METRIC_KEYS } from "../../src/domain/scan-record.ts";
import { extractScan, warmUp } from "../../src/extract/extract-scan.ts";
import { expectedRecord, KG_PER_LB, renderScanPdf, type SheetVariant } from "../fixtures/evolt-sheet.ts";
import { type PdfkitVariant, pdfkitExpected, renderPdfkitSheet } from "../fixtures/pdfkit-sheet.ts";
import { makeScanSheet, type PersonInput } from "../fixtures/person.ts";
import { expectSameRecord } from "./compare.ts";

const pad = (n: number) => String(n).padStart(2, "0");

const person: fc.Arbitrary<PersonInput> = fc
  .record({
    sex: fc.constantFrom("male" as const, "female" as const),
    age: fc.integer({ min: 18, max: 80 }),
    heightCm: fc.integer({ min: 150, max: 200 }),
    bmi: fc.double({ min: 18.5, max: 38, noNaN: true }),
    fat: fc.double({ min: 0, max: 1, noNaN: true }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    units: fc.constantFrom("metric" as const, "imperial" as const),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    abdominalMeasured: fc.boolean(),
    bioAgeAndBwi: fc.boolean(),
    nutrition: fc.boolean(),
    segments: fc.boolean(),
    lowWord: fc.constantFrom("Low", "Under"),
    overWord: fc.constantFrom("Over", "Over Range"),
    name: fc.constantFrom("ALEX SAMPLE", "Priya Novak", "JO LEE", "Tomás Ríos"),
  })
  .map(({ bmi, fat, month, day, hour, minute, ...rest }) => ({
    ...rest,
    weightKg: Math.round(bmi * (rest.heightCm / 100) ** 2 * 10) / 10,
    bodyFatPct: rest.sex === "male" ? 8 + 30 * fat : 15 + 32 * fat,
    scannedAt: `2026-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`,
  }));

const variant: fc.Arbitrary<SheetVariant> = fc.record({
  // the embedded TrueType font costs ~5× a standard font to render; it is still drawn one run in eight
  font: fc.oneof(
    { arbitrary: fc.constantFrom("helvetica" as const, "times" as const, "courier" as const), weight: 7 },
    { arbitrary: fc.constant("dejavu" as const), weight: 1 },
  ),
  statusRuns: fc.constantFrom("joined" as const, "split" as const),
  runSplit: fc.constantFrom("none" as const, "word" as const, "glyph" as const),
  order: fc.constantFrom("natural" as const, "shuffled" as const, "reversed" as const),
  dx: fc.integer({ min: -15, max: 15 }),
  dy: fc.integer({ min: -25, max: 0 }),
  scale: fc.double({ min: 0.94, max: 1.02, noNaN: true }),
  mixedCase: fc.boolean(),
  ocrStyle: fc.boolean(),
  omitBalanceCaptions: fc.boolean(),
  omitPanelNumbers: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1000 }),
});

const pdfkitVariant: fc.Arbitrary<PdfkitVariant> = fc.record({
  statusRuns: fc.constantFrom("joined" as const, "split" as const),
  captions: fc.constantFrom("right" as const, "centred" as const),
  marks: fc.constantFrom(
    "x-glyph" as const,
    "check-glyph" as const,
    "cross-lines" as const,
    "tick-lines" as const,
  ),
  order: fc.constantFrom("natural" as const, "shuffled" as const),
  positioning: fc.constantFrom("tm" as const, "td" as const, "mixed" as const),
  labelCase: fc.constantFrom("upper" as const, "title" as const),
  ocrStyle: fc.boolean(),
  dx: fc.integer({ min: -10, max: 10 }),
  dy: fc.integer({ min: -12, max: 8 }),
  seed: fc.integer({ min: 1, max: 1000 }),
});

type Drawing = { style: "template"; look: SheetVariant } | { style: "pdfkit"; look: PdfkitVariant };
const drawing: fc.Arbitrary<Drawing> = fc.oneof(
  variant.map((look) => ({ style: "template" as const, look })),
  pdfkitVariant.map((look) => ({ style: "pdfkit" as const, look })),
);

const MASS = MASS_METRIC_KEYS;

beforeAll(() => warmUp());

describe("render → parse round trip", () => {
  it("reads back every consistent member in every variant of both styles", async () => {
    await fc.assert(
      fc.asyncProperty(person, drawing, async (input, how) => {
        const sheet = makeScanSheet(input);
        const bytes =
          how.style === "pdfkit"
            ? await renderPdfkitSheet(sheet, how.look)
            : await renderScanPdf(sheet, how.look);
        const expected =
          how.style === "pdfkit" ? pdfkitExpected(sheet, how.look) : expectedRecord(sheet, how.look);
        const record = await extractScan(bytes);
        expectSameRecord(record, expected);
        // and the printed values are the member's, within printing tolerance
        const tolerance = input.units === "imperial" ? 0.05 * KG_PER_LB + 1e-9 : 1e-9;
        for (const key of MASS)
          expect(
            Math.abs((record.metrics[key] ?? Number.NaN) - (sheet.metrics[key] ?? 0)),
          ).toBeLessThanOrEqual(tolerance);
        expect(record.metrics.body_fat_pct).toBe(sheet.metrics.body_fat_pct);
        expect(record.metrics.bmr_kcal).toBe(sheet.metrics.bmr_kcal);
        expect(Math.abs((record.subject.height_cm ?? 0) - input.heightCm)).toBeLessThanOrEqual(
          input.units === "imperial" ? 1.27 + 1e-9 : 0,
        );
      }),
      { numRuns: 200, seed: 20260314 },
    );
  }, 300_000);
});
