// Robustness of the layout reader on item arrays (no pdf.js after the first read): order, shifts, scale,
// split runs, decoys, missing optional parts, OCR-ish printing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ScanRecord, ScanRejectedError } from "../../src/domain/scan-record.ts";
import { readFirstPageText } from "../../src/extract/pdf-text.ts";
import { type ReadTrace, readSheet } from "../../src/extract/read-sheet.ts";
import type { TextItem } from "../../src/extract/text-item.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";
import { seededRandom, shuffled } from "../fixtures/random.ts";
import { expectSameRecord } from "./compare.ts";

let items: TextItem[];
let expected: ScanRecord;

beforeAll(async () => {
  items = await readFirstPageText(new Uint8Array(readFileSync(join(SCANS_DIR, "example-alex-metric.pdf"))));
  expected = JSON.parse(readFileSync(join(SCANS_DIR, "example-alex-metric.expected.json"), "utf8"));
});

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ScanRejectedError) return error.code;
    throw error;
  }
  return "accepted";
}

/** Cuts a run into pieces, each placed where the whole run would have drawn it (proportional widths). */
function splitItem(item: TextItem, pieces: string[]): TextItem[] {
  const perChar = item.width / item.str.length;
  let offset = 0;
  return pieces.flatMap((piece) => {
    const part = { ...item, str: piece, x: item.x + offset * perChar, width: piece.length * perChar };
    offset += piece.length;
    return piece.trim() === "" ? [] : [part];
  });
}

describe("reading order and position", () => {
  it("reads the example as drawn", () => {
    expectSameRecord(readSheet(items), expected);
  });

  it.each([1, 2, 3, 4, 5])("reads items in any order (seed %i)", (seed) => {
    expectSameRecord(readSheet(shuffled(items, seededRandom(seed))), expected);
  });

  it.each([
    [12, -20, 1],
    [-9, 15, 1],
    [5, 30, 0.94],
    [-14, -30, 1.05],
    [40, -60, 0.9],
  ])("reads a sheet shifted by (%d, %d) and scaled by %d", (dx, dy, scale) => {
    const moved = items.map((item) => ({
      ...item,
      x: dx + scale * item.x,
      y: dy + scale * item.y,
      width: scale * item.width,
      fontSize: scale * item.fontSize,
    }));
    expectSameRecord(readSheet(moved), expected);
  });

  it("reads text drawn glyph by glyph", () => {
    const glyphs = items.flatMap((item) => splitItem(item, [...item.str]));
    expectSameRecord(readSheet(shuffled(glyphs, seededRandom(9))), expected);
  });

  it("reads text drawn word by word", () => {
    const words = items.flatMap((item) => splitItem(item, item.str.split(/(?<= )/)));
    expectSameRecord(readSheet(words), expected);
  });

  it("reads a status drawn as its own run, well apart from the value", () => {
    const apart = items.flatMap((item) => {
      const match = /^(\S+) (\/ .+)$/.exec(item.str);
      if (!match) return [item];
      const [, value = "", status = ""] = match;
      const perChar = item.width / item.str.length;
      return [
        { ...item, str: value, width: value.length * perChar },
        { ...item, str: status, x: item.x + (value.length + 3) * perChar, width: status.length * perChar },
      ];
    });
    expect(apart.length).toBeGreaterThan(items.length + 10);
    expectSameRecord(readSheet(apart), expected);
  });

  it("ignores decoy numbers away from any title", () => {
    const decoy = (str: string, x: number, y: number, fontSize = 7): TextItem => ({
      str,
      x,
      y,
      width: str.length * fontSize * 0.5,
      fontSize,
    });
    const noisy = [
      ...items,
      decoy("3.", 470, 700),
      decoy("2026", 520, 790),
      decoy("[1 - 9]", 540, 450),
      decoy("99.9 / High", 500, 100, 9),
      decoy("Page 1 of 1", 300, 10),
      decoy("KG/LBS", 250, 720),
      decoy("KCAL", 560, 560),
    ];
    expectSameRecord(readSheet(noisy), expected);
  });

  it("reads labels in mixed or lower case", () => {
    const lower = items.map((item) =>
      /^[A-Z][A-Z /.]+$/.test(item.str) && item.str !== "X" ? { ...item, str: item.str.toLowerCase() } : item,
    );
    const record = readSheet(lower);
    expectSameRecord({ ...record, subject: expected.subject }, expected);
  });

  it("reads OCR-ish printing: thousands separators and tight brackets", () => {
    const ocr = items.map((item) => {
      if (item.str === "1758 kCal") return { ...item, str: "1,758 kCal" };
      if (item.str.startsWith("[") && item.str.includes(" - "))
        return { ...item, str: item.str.replaceAll(" ", "") };
      if (item.str === "[ 15.6% ]") return { ...item, str: "[15.6%]" };
      return item;
    });
    expectSameRecord(readSheet(ocr), expected);
  });
});

describe("optional parts", () => {
  const without = (...texts: RegExp[]) =>
    items.filter((item) => !texts.some((pattern) => pattern.test(item.str)));

  it("gives null bio age and BWI when the side panel is absent", () => {
    const record = readSheet(without(/BIO AGE|BWI/));
    expect(record.metrics.bio_age).toBeNull();
    expect(record.metrics.bwi).toBeNull();
    expect(record.warnings).toEqual([]);
  });

  it("gives null nutrition when the strip is absent", () => {
    const strip = items.filter((item) => item.y > 170 && item.y < 250);
    const record = readSheet(items.filter((item) => !strip.includes(item)));
    expect(record.nutrition).toBeNull();
  });

  it("gives null segments and balance when the segment block is absent", () => {
    const block = (item: TextItem) =>
      item.y > 260 && item.y < 480 && !/ABDOMINAL|WAIST|cm$|0\.86|0\.75/.test(item.str);
    const record = readSheet(items.filter((item) => !block(item)));
    expect(record.segments).toBeNull();
    expect(record.balance).toEqual({ upper_lower: null, left_right: null });
    expect(record.metrics.abdominal_circumference_cm).toBe(86.5);
  });

  it("reads abdominal circumference 0 as not measured", () => {
    const record = readSheet(items.map((item) => (item.str === "86.5 cm" ? { ...item, str: "0 cm" } : item)));
    expect(record.metrics.abdominal_circumference_cm).toBeNull();
  });
});

describe("balance marks", () => {
  const marks = (balancedAt: number[], captions: boolean) =>
    items
      .filter((item) => item.str !== "X" && (captions || !/UPPER|LEFT \/|BALANCE/.test(item.str)))
      .concat(balancedAt.map((x) => ({ str: "X", x, y: 437.5, width: 6.7, fontSize: 10 })));

  it.each([
    [[223, 365], true, "balanced", "balanced"],
    [[365], true, "unbalanced", "balanced"],
    [[223], true, "balanced", "unbalanced"],
    [[], true, "unbalanced", "unbalanced"],
    [[223, 365], false, "balanced", "balanced"],
    [[365], false, "unbalanced", "balanced"],
    [[223], false, "balanced", "unbalanced"],
    [[], false, null, null],
  ] as const)("marks at %j with captions %s → %s / %s", (xs, captions, upperLower, leftRight) => {
    expect(readSheet(marks([...xs], captions)).balance).toEqual({
      upper_lower: upperLower,
      left_right: leftRight,
    });
  });
});

describe("refusals from the text alone", () => {
  it("no text at all is no_text_layer", () => {
    expect(refusal(() => readSheet([]))).toBe("no_text_layer");
    expect(refusal(() => readSheet([{ str: "Scan 1", x: 10, y: 10, width: 20, fontSize: 8 }]))).toBe(
      "no_text_layer",
    );
  });

  it("text without the Evolt title is not_evolt_report", () => {
    expect(refusal(() => readSheet(items.filter((item) => !/EVOLT/i.test(item.str))))).toBe(
      "not_evolt_report",
    );
  });

  it("an Evolt title with the grid values gone is unsupported_layout", () => {
    const gridValues = (item: TextItem) =>
      item.y > 490 && item.y < 670 && /^\d/.test(item.str) && item.x < 480 && !/\.$/.test(item.str);
    expect(refusal(() => readSheet(items.filter((item) => !gridValues(item))))).toBe("unsupported_layout");
  });

  it("a sheet without a readable weight or date is unsupported_layout", () => {
    expect(refusal(() => readSheet(items.filter((item) => item.str !== "78.4 kg")))).toBe(
      "unsupported_layout",
    );
    expect(
      refusal(() =>
        readSheet(
          items.map((item) => (item.str.startsWith("14-03") ? { ...item, str: "31-31-2026" } : item)),
        ),
      ),
    ).toBe("unsupported_layout");
  });

  it("read by OCR, a lost required value is null and a lost DATE label costs nothing; a PDF is refused", () => {
    const withoutBodyFat = items.filter((item) => !item.str.startsWith("64.3"));
    expect(refusal(() => readSheet(withoutBodyFat))).toBe("unsupported_layout");
    const read = readSheet(withoutBodyFat, undefined, { source: "image" });
    expect(read.metrics.lean_body_mass_kg).toBeNull();
    expect(read.metrics.body_fat_mass_kg).toBe(expected.metrics.body_fat_mass_kg);
    const withoutDateLabel = items.filter((item) => !/^DATE$/i.test(item.str.trim()));
    expect(refusal(() => readSheet(withoutDateLabel))).toBe("unsupported_layout");
    expect(readSheet(withoutDateLabel, undefined, { source: "image" }).scanned_at).toBe(expected.scanned_at);
    // the date itself lost: the image's record has none (the member types it), the PDF is refused
    const withoutDate = items.filter((item) => !item.str.startsWith("14-03-2026"));
    expect(refusal(() => readSheet(withoutDate))).toBe("unsupported_layout");
    const undated = readSheet(withoutDate, undefined, { source: "image" });
    expect(undated.scanned_at).toBeNull();
    expect(undated.metrics.weight_kg).toBe(expected.metrics.weight_kg);
  });

  it("read by OCR with the weight's unit and the height lost, a unit the caller proved reads masses and date in it", async () => {
    const inferred = await readFirstPageText(
      new Uint8Array(readFileSync(join(SCANS_DIR, "imperial-date-inferred.pdf"))),
    );
    const truth: ScanRecord = JSON.parse(
      readFileSync(join(SCANS_DIR, "imperial-date-inferred.expected.json"), "utf8"),
    );
    const unitless = inferred.map((item) => ({
      ...item,
      str: item.str.replace(/^(\d+\.\d) lb$/, "$1").replace(/^\d ft \d+ in$/, "gn"),
    }));
    const assumed = readSheet(unitless, undefined, { source: "image" });
    expect(assumed.units.mass).toBe("kg");
    expect(assumed.scanned_at).not.toBe(truth.scanned_at);
    const proven = readSheet(unitless, undefined, { source: "image", massUnit: "lb" });
    expect(proven.units.mass).toBe("lb");
    expect(proven.scanned_at).toBe(truth.scanned_at);
    expect(proven.metrics.lean_body_mass_kg).toBeCloseTo(truth.metrics.lean_body_mass_kg as number, 9);
  });

  it("the date's time drawn as its own run is read with it, and traced with it", () => {
    const split = items.flatMap((item) =>
      item.str.startsWith("14-03-2026") ? splitItem(item, ["14-03-2026", " ", "07:35"]) : [item],
    );
    const trace: ReadTrace = { fields: {}, steps: [] };
    expect(readSheet(split, trace, { source: "image" }).scanned_at).toBe(expected.scanned_at);
    expect(trace.fields["header.date"]?.value?.text).toBe("14-03-2026 07:35");
  });

  it("sums broken far beyond rounding are implausible_values", () => {
    const broken = items.map((item) =>
      item.str === "64.3 / Optimal" ? { ...item, str: "74.3 / Optimal" } : item,
    );
    expect(refusal(() => readSheet(broken))).toBe("implausible_values");
  });

  it("a small miss is a warning, not a refusal", () => {
    const off = items.map((item) => (item.str === "13.1 / High" ? { ...item, str: "13.6 / High" } : item));
    const record = readSheet(off);
    expect(record.warnings.map((warning) => warning.code)).toContain("lean_sum_mismatch");
    expect(record.warnings.every((warning) => warning.message.length > 20)).toBe(true);
  });
});
