// The figures one misread glyph hides: the candidates settle.ts lets the sheet's arithmetic choose among.
import { describe, expect, it } from "vitest";
import { oneGlyphEdits } from "../../../src/extract/image/figure-edits.ts";

describe("one misread glyph in a figure", () => {
  it("a doubled digit read once is among the candidates", () => {
    expect(oneGlyphEdits("1.5")).toContain(11.5);
    expect(oneGlyphEdits("7.8")).toContain(77.8);
    expect(oneGlyphEdits("1,845")).toContain(11845);
  });

  it("a stroke read as a 1, and a digit read twice, can go", () => {
    expect(oneGlyphEdits("163")).toContain(63);
    expect(oneGlyphEdits("113.5")).toContain(13.5);
    expect(oneGlyphEdits("40.3")).not.toContain(4.3);
  });

  it("leaves the decimals as printed and makes no leading zero", () => {
    for (const edit of oneGlyphEdits("10.82")) expect(edit.toFixed(2)).toMatch(/^\d+\.82$/);
    expect(oneGlyphEdits("0.91")).toEqual([]);
    expect(oneGlyphEdits("1")).toEqual([11]);
    expect(oneGlyphEdits("Low")).toEqual([]);
  });
});
