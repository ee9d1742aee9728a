import { describe, expect, it } from "vitest";
import { parseCellText } from "../../src/extract/cells.ts";
import { parsePrintedDate } from "../../src/extract/dates.ts";
import { mergeRuns } from "../../src/extract/layout.ts";
import { parseBracket, parseNumber, parseSpan } from "../../src/extract/numbers.ts";
import { massUnitOf, parseHeight, parseWeight } from "../../src/extract/units.ts";

describe("printed dates (evolt-report.md §2)", () => {
  it.each([
    ["14-03-2026 07:35", "kg", "2026-03-14T07:35", "DMY", "certain"],
    ["03-14-2026 07:35", "lb", "2026-03-14T07:35", "MDY", "certain"],
    ["03-14-2026 07:35", "kg", "2026-03-14T07:35", "MDY", "certain"],
    ["23-05-2026 18:42", "lb", "2026-05-23T18:42", "DMY", "certain"],
    ["09-04-2026 06:15", "kg", "2026-04-09T06:15", "DMY", "inferred"],
    ["04-09-2026 06:15", "lb", "2026-04-09T06:15", "MDY", "inferred"],
    ["16/08/2026 18:42", "kg", "2026-08-16T18:42", "DMY", "certain"],
  ] as const)("%s on a %s sheet", (text, unit, iso, order, confidence) => {
    expect(parsePrintedDate(text, unit)).toEqual({ iso, order, confidence });
  });

  it.each(["31-31-2026 07:35", "30-02-2026 07:35", "14-03-26", "yesterday"])("refuses %s", (text) => {
    expect(parsePrintedDate(text, "kg")).toBeNull();
  });
});

describe("units", () => {
  it("reads heights", () => {
    expect(parseHeight("180 cm")).toEqual({ cm: 180, unit: "cm" });
    expect(parseHeight("5 ft 11 in")).toEqual({ cm: 71 * 2.54, unit: "in" });
    expect(parseHeight(`5' 11"`)).toEqual({ cm: 71 * 2.54, unit: "in" });
    expect(parseHeight("6 ft 0 in")).toEqual({ cm: 72 * 2.54, unit: "in" });
    // the feet mark faded: a gap still parts feet from inches; inches alone stay inches
    expect(parseHeight(`5 8"`)).toEqual({ cm: 68 * 2.54, unit: "in" });
    expect(parseHeight(`5 11"`)).toEqual({ cm: 71 * 2.54, unit: "in" });
    expect(parseHeight(`61"`)).toEqual({ cm: 61 * 2.54, unit: "in" });
    expect(parseHeight(`5 12"`)).toBeNull();
  });

  it("reads weights, including OCR's Ib", () => {
    expect(parseWeight("78.4 kg")).toEqual({ value: 78.4, unit: "kg" });
    expect(parseWeight("172.8 lb")).toEqual({ value: 172.8, unit: "lb" });
    expect(parseWeight("172.8 Ib")).toEqual({ value: 172.8, unit: "lb" });
    expect(parseWeight("172.8 1b")).toEqual({ value: 172.8, unit: "lb" });
    expect(parseWeight("172.8 lbs")).toEqual({ value: 172.8, unit: "lb" });
    expect(parseWeight("78.4 stone")).toBeNull();
    expect(massUnitOf("KG/LBS")).toBe("kg");
  });
});

describe("numbers", () => {
  it("reads thousands separators", () => {
    expect(parseNumber("1,850")).toBe(1850);
    expect(parseNumber("1,85")).toBeNull();
  });

  it("reads brackets with or without spaces", () => {
    expect(parseBracket("[52.9 - 64.7]")).toEqual({ lo: 52.9, hi: 64.7, percent: false });
    expect(parseBracket("[8.6-10.6]")).toEqual({ lo: 8.6, hi: 10.6, percent: false });
    expect(parseBracket("[ 21% ]")).toEqual({ lo: 21, hi: null, percent: true });
    expect(parseBracket("[15.6%]")).toEqual({ lo: 15.6, hi: null, percent: true });
  });

  it("reads nutrition spans but not single numbers", () => {
    expect(parseSpan("2300 - 2400")).toEqual([2300, 2400]);
    expect(parseSpan("139g - 147g")).toEqual([139, 147]);
    expect(parseSpan("KCAL")).toBeNull();
    expect(parseSpan("2,300 2,400")).toEqual([2300, 2400]);
    expect(parseSpan("13.1")).toBeNull();
  });

  it("reads value cells with multi-word statuses", () => {
    expect(parseCellText("64.3 / Optimal")).toMatchObject({ value: 64.3, status: "Optimal", unit: null });
    expect(parseCellText("14 / OVER RANGE")).toMatchObject({ value: 14, status: "Over Range" });
    expect(parseCellText("18.0% / High [15 - 20]")).toMatchObject({
      value: 18,
      unit: "%",
      status: "High",
      bracket: { lo: 15, hi: 20 },
    });
    expect(parseCellText("1,758 kCal")).toMatchObject({ value: 1758, unit: "kcal" });
    expect(parseCellText("3.PROTEIN")).toBeNull();
  });
});

describe("merging runs", () => {
  const run = (str: string, x: number, y = 100, fontSize = 10) => ({
    str,
    x,
    y,
    width: str.length * fontSize * 0.5,
    fontSize,
  });

  it("joins glyphs and words on one baseline, whatever the order", () => {
    const phrases = mergeRuns([
      run("O", 41),
      run("6", 10),
      run("4", 15),
      run(".3", 20),
      run("/", 33),
      run("ptimal", 46),
    ]);
    expect(phrases.map((phrase) => phrase.text)).toEqual(["64.3 / Optimal"]);
  });

  it("keeps cells of one row apart", () => {
    const phrases = mergeRuns([
      run("64.3 / Optimal", 21),
      run("14.1 / Optimal", 164),
      run("6 / Balanced", 307),
    ]);
    expect(phrases).toHaveLength(3);
  });

  it("keeps a small-font bracket apart from the next value", () => {
    const phrases = mergeRuns([run("[116.6 - 142.6]", 100, 100.7, 6.5), run("31.1", 151, 100, 9.5)]);
    expect(phrases.map((phrase) => phrase.text)).toEqual(["[116.6 - 142.6]", "31.1"]);
  });
});

describe("a value whose range OCR garbled", () => {
  it.each([
    ["88.0 / High (53.665.5)", 88, "High"],
    ["30.9 / High 119.2234", 30.9, "High"],
    ["13.0 / High [6.682", 13, "High"],
  ])("%s read by OCR is the value and its status, without a range", (text, value, status) => {
    expect(parseCellText(text)).toBeNull();
    expect(parseCellText(text, { garbledRange: true })).toMatchObject({ value, status, bracket: null });
  });

  it.each(["4 5 Years", "5' gn", "13 (gb"])("%s stays no value", (text) => {
    expect(parseCellText(text, { garbledRange: true })).toBeNull();
  });
});
