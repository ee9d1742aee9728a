// `pump parse --explain` and `pump layout --anonymize` underneath: explainScan and layoutOfScan on every
// committed fixture, the anonymized layout's privacy, the reader's caps, and drawn check marks.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ScanRecord, ScanRejectedError } from "../../src/domain/scan-record.ts";
import { explainScan, layoutOfScan, readFirstPage, warmUp } from "../../src/extract/extract-scan.ts";
import { describeLayout } from "../../src/extract/layout-dump.ts";
import { marksFromOperators } from "../../src/extract/pdf-marks.ts";
import { MAX_ITEMS, readSheet } from "../../src/extract/read-sheet.ts";
import type { TextItem } from "../../src/extract/text-item.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";
import { expectSameRecord } from "./compare.ts";

const files = readdirSync(SCANS_DIR)
  .filter((file) => file.endsWith(".pdf"))
  .sort();
const read = (file: string) => new Uint8Array(readFileSync(join(SCANS_DIR, file)));
const json = <T>(file: string): T | null => {
  try {
    return JSON.parse(readFileSync(join(SCANS_DIR, file), "utf8")) as T;
  } catch {
    return null;
  }
};
const expectedOf = (file: string) => json<ScanRecord>(file.replace(/\.pdf$/, ".expected.json"));
const refusalOf = (file: string) =>
  json<{ code: string }>(file.replace(/\.pdf$/, ".expected-error.json"))?.code;

beforeAll(() => warmUp());

describe("pump parse --explain (explainScan)", () => {
  it.each(files)("%s: every field names its label and value item, or the failing rule", async (file) => {
    const explanation = await explainScan(read(file));
    const expected = expectedOf(file);
    if (expected) {
      expect(explanation.verdict).toBe("read");
      expectSameRecord(explanation.record as ScanRecord, expected);
      for (const [key, value] of Object.entries(expected.metrics)) {
        if (value === null || key === "weight_kg" || (key.endsWith("_pct") && key !== "body_fat_pct"))
          continue;
        const used = explanation.fields[key];
        expect(used?.value, `${file} ${key}`).toMatchObject({
          text: expect.any(String),
          x: expect.any(Number),
        });
      }
      for (const field of ["date", "name", "weight"]) {
        expect(explanation.fields[`header.${field}`]?.label?.text).toMatch(/[a-z]/i);
        expect(explanation.fields[`header.${field}`]?.value?.size).toBeGreaterThan(0);
      }
    } else {
      expect(explanation.verdict).toBe("refused");
      expect(explanation.code).toBe(refusalOf(file));
      expect(explanation.rule).toMatch(/\w{4}/);
    }
  });

  it("names the anchor that failed on an unreadable grid", async () => {
    const explanation = await explainScan(read("evolt-grid-unreadable.pdf"));
    expect(explanation.rule).toMatch(
      /lean body mass title "1\. LEAN BODY MASS" at [\d.]+,[\d.]+ owns no value/,
    );
  });
});

describe("pump layout --anonymize (layoutOfScan)", () => {
  it.each(files)("%s: no printed value digit and not the name", async (file) => {
    let dump: Awaited<ReturnType<typeof layoutOfScan>>;
    try {
      dump = await layoutOfScan(read(file), { anonymize: true });
    } catch (error) {
      // a file the PDF reader refuses has no layout to send; it is refused with its own code
      expect(error).toBeInstanceOf(ScanRejectedError);
      expect((error as ScanRejectedError).code).toBe(refusalOf(file));
      return;
    }
    const texts = dump.items.map((item) => item.text);
    expect(texts.join(" ")).not.toMatch(/[0-8]/);
    const name =
      expectedOf(file)?.subject.name ?? (texts.some((text) => /^NAME$/i.test(text)) ? "ALEX SAMPLE" : null);
    if (name) {
      expect(dump.name).toBe("replaced");
      for (const word of name.split(" "))
        expect(texts.join(" ").toUpperCase()).not.toContain(word.toUpperCase());
    }
    if (expectedOf(file)) expect(dump.items.length).toBeGreaterThan(50);
  });

  it("replaces a name split glyph by glyph, and the name wherever else it is printed", async () => {
    const page = await readFirstPage(read("example-alex-metric.pdf"));
    const glyphs = page.items.flatMap((item): TextItem[] => {
      if (item.str !== "ALEX SAMPLE") return [item];
      const perChar = item.width / item.str.length;
      return [...item.str]
        .map((char, index) => ({ ...item, str: char, x: item.x + index * perChar, width: perChar }))
        .filter((glyph) => glyph.str !== " ");
    });
    glyphs.push({ str: "Report for Alex Sample (member 12)", x: 21, y: 50, width: 150, fontSize: 7 });
    const dump = describeLayout({ items: glyphs }, { anonymize: true });
    const all = dump.items.map((item) => item.text).join(" ");
    expect(all).not.toMatch(/ALEX|SAMPLE/i);
    expect(all).toContain("Report for NAME (member 99)");
    expect(dump.items.filter((item) => item.text === "NAME").length).toBeGreaterThanOrEqual(11);
  });

  it("keeps the layout itself: positions, sizes, drawn marks and boxes", async () => {
    const dump = await layoutOfScan(read("pdfkit-alex-cross-lines-centred.pdf"), { anonymize: true });
    expect(dump.marks).toHaveLength(2);
    expect(dump.boxes).toHaveLength(4);
    expect(dump.items.find((item) => item.text === "99. BIO AGE")).toMatchObject({ x: 482, y: 694, size: 6 });
  });
});

describe("the reader's size cap (linear reading, a sheet has a few hundred items)", () => {
  let items: TextItem[];
  let expected: ScanRecord;
  beforeAll(async () => {
    items = [...(await readFirstPage(read("example-alex-metric.pdf"))).items];
    expected = expectedOf("example-alex-metric.pdf") as ScanRecord;
  });
  const numbers = (count: number, y0: number, y1: number) =>
    Array.from({ length: count }, (_, index) => ({
      str: String(10 + (index % 90)),
      x: 20 + ((index * 37) % 540),
      y: y0 + ((index * 13) % Math.max(1, y1 - y0)),
      width: 8,
      fontSize: 6,
    }));

  it("refuses 100 000 number items as unsupported_layout, at once", () => {
    const flood = [...items, ...numbers(100_000, 40, 800)];
    expect(() => readSheet(flood)).toThrow(expect.objectContaining({ code: "unsupported_layout" }));
  });

  it("still reads a sheet with thousands of stray numbers where no label is", () => {
    const noisy = [...items, ...numbers(MAX_ITEMS - items.length - 10, 60, 150)];
    expect(noisy.length).toBeLessThanOrEqual(MAX_ITEMS);
    expectSameRecord(readSheet(noisy), expected);
  });
});

describe("drawn check marks (pdf-marks.ts)", () => {
  const OPS = {
    save: 10,
    restore: 11,
    transform: 12,
    constructPath: 91,
    paintFormXObjectBegin: 74,
    paintFormXObjectEnd: 75,
    stroke: 20,
    closeStroke: 21,
    fillStroke: 24,
    eoFillStroke: 25,
    closeFillStroke: 26,
    closeEOFillStroke: 27,
  };
  const [MOVE, LINE, CLOSE] = [0, 1, 4];
  const path = (paint: number, ...coords: number[][]) => [paint, [Float32Array.from(coords.flat())], null];

  it("finds a cross drawn in a scaled unit square inside a box, not the box or the panel", () => {
    const fn = [
      OPS.constructPath,
      OPS.constructPath,
      OPS.save,
      OPS.transform,
      OPS.constructPath,
      OPS.restore,
    ];
    const args = [
      path(OPS.stroke, [MOVE, 100, 200], [LINE, 114, 200], [LINE, 114, 214], [LINE, 100, 214], [CLOSE]),
      path(OPS.stroke, [MOVE, 10, 10], [LINE, 500, 10], [LINE, 500, 300], [LINE, 10, 300], [CLOSE]),
      null,
      [8, 0, 0, 8, 103, 203],
      path(OPS.stroke, [MOVE, 0, 0], [LINE, 1, 1], [MOVE, 0, 1], [LINE, 1, 0]),
      null,
    ];
    const { marks, boxes } = marksFromOperators(fn, args, OPS);
    expect(boxes).toEqual([{ x: 100, y: 200, width: 14, height: 14 }]);
    expect(marks).toEqual([{ x: 103, y: 203, width: 8, height: 8 }]);
  });

  it("reads no marks from straight rules and underlines", () => {
    const args = [
      path(OPS.stroke, [MOVE, 20, 100], [LINE, 30, 100]),
      path(OPS.stroke, [MOVE, 40, 100], [LINE, 40, 110]),
    ];
    expect(marksFromOperators([OPS.constructPath, OPS.constructPath], args, OPS).marks).toEqual([]);
  });
});
