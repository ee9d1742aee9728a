// OCR's misreads of a share's or range's brackets and of a status slash are mended before the reader sees
// the words; figures are never changed, and text that is no bracket stays as read.
import { describe, expect, it } from "vitest";
import type { OcrLine, OcrWord } from "../../../src/extract/image/tesseract.ts";
import { mendBrackets, mendUnits, wordsToPage } from "../../../src/extract/image/words-to-page.ts";

describe("brackets OCR misread", () => {
  it.each([
    ["[65%", "[65%]"],
    ["[ 65% )", "[ 65%]"],
    ["[32% /", "[32%]"],
    ["13.4 [13.2%", "13.4 [13.2%]"],
    ["(77%)", "[77%]"],
    ["24.8 (65%)", "24.8 [65%]"],
    ["(14.61 - 17.85)", "[14.61 - 17.85]"],
    ["62%)", "[62%]"],
    ["19.9 - 24.4)", "[19.9 - 24.4]"],
    ["[22 - 28)", "[22 - 28]"],
  ])("%s is read as %s", (read, mended) => {
    expect(mendBrackets(read)).toBe(mended);
  });

  it.each(["[65%]", "31.0 / High [22.6 - 27.6]", "2050 - 2150", "(n-87)", "5)", "BWI (0-10)"])(
    "%s stays as read",
    (read) => {
      expect(mendBrackets(read)).toBe(read);
    },
  );
});

const word = (text: string, x0: number): OcrWord => ({
  text,
  confidence: 95,
  box: { x0, y0: 100, x1: x0 + 14 * text.length, y1: 130 },
});

describe("a status slash OCR misread", () => {
  it.each(["[", "(", "|"])("a slash read as %s before a status word is a slash", (stroke) => {
    const line: OcrLine = {
      words: [word("12.4%", 100), word(stroke, 180), word("Low", 200)],
      baseline: { x0: 100, y0: 130, x1: 250, y1: 130 },
    };
    const page = wordsToPage([line], 2100, 2970);
    expect(page.content.items.map((item) => item.str)).toEqual(["12.4% / Low"]);
  });

  it.each(["[HIGH", "(Low", "|Optimal"])("a slash glued to its status word (%s) is a slash", (glued) => {
    const line: OcrLine = {
      words: [word("48.5", 100), word(glued, 170)],
      baseline: { x0: 100, y0: 130, x1: 250, y1: 130 },
    };
    const page = wordsToPage([line], 2100, 2970);
    expect(page.content.items.map((item) => item.str)).toEqual([`48.5 / ${glued.slice(1)}`]);
  });

  it("a bracket before figures stays a bracket", () => {
    const line: OcrLine = {
      words: [word("4.3", 100), word("[", 160), word("3.9", 175)],
      baseline: { x0: 100, y0: 130, x1: 250, y1: 130 },
    };
    const page = wordsToPage([line], 2100, 2970);
    expect(page.content.items.map((item) => item.str).join(" ")).toContain("[");
  });
});

describe("units OCR glued to their figures", () => {
  it.each([
    ["206.11b", "206.1 lb"],
    ["132.5Ib", "132.5 lb"],
    ["5ftlin", "5 ft 1 in"],
  ])("%s is read as %s", (read, mended) => {
    expect(mendUnits(read)).toBe(mended);
  });

  it.each(["206.1 lb", "5ft7in", "1575", "81.4 kg", "206.11"])("%s stays as read", (read) => {
    expect(mendUnits(read)).toBe(read);
  });
});

describe("a unit after its figure", () => {
  it("`in` is the figure's size (its i's dot reaches the digits' height): one run `29.7 in`", () => {
    // 9.4 pt figures and unit: digits 30 px tall; `in` boxed from the i's dot to the baseline, no symbols
    const figure: OcrWord = { text: "29.7", confidence: 95, box: { x0: 100, y0: 100, x1: 160, y1: 130 } };
    const unit: OcrWord = { text: "in", confidence: 95, box: { x0: 172, y0: 100, x1: 192, y1: 130 } };
    const line: OcrLine = { words: [figure, unit], baseline: { x0: 100, y0: 130, x1: 192, y1: 130 } };
    const page = wordsToPage([line], 2100, 2970);
    expect(page.content.items.map((item) => item.str)).toEqual(["29.7 in"]);
  });
});

describe("a status after its value's slash", () => {
  it("joins the value's run though blur made its box bigger: `6.0 / Low`", () => {
    const value: OcrWord = { text: "6.0", confidence: 95, box: { x0: 100, y0: 100, x1: 150, y1: 130 } };
    const slash: OcrWord = { text: "/", confidence: 95, box: { x0: 158, y0: 98, x1: 166, y1: 132 } };
    const status: OcrWord = { text: "Low", confidence: 95, box: { x0: 176, y0: 88, x1: 236, y1: 134 } };
    const line: OcrLine = { words: [value, slash, status], baseline: { x0: 100, y0: 130, x1: 236, y1: 130 } };
    const page = wordsToPage([line], 2100, 2970);
    expect(page.content.items.map((item) => item.str)).toEqual(["6.0 / Low"]);
  });
});

describe("a figure OCR split in two words", () => {
  const line = (...words: OcrWord[]): OcrLine => ({
    words,
    baseline: { x0: 100, y0: 130, x1: 300, y1: 130 },
  });

  it("is one figure when its digits sit closer than a space: `3 7 Years` is 37 years", () => {
    // the box is 30 px high: about a 42 px font, so a 6 px gap is far less than a space
    const page = wordsToPage([line(word("3", 100), word("7", 120), word("Years", 160))], 2100, 2970);
    expect(page.content.items.map((item) => item.str)).toEqual(["37 Years"]);
    expect(page.runs[0]?.word.text).toBe("37");
  });

  it("stays two figures a space apart, and a height's inches stay its own", () => {
    const spaced = wordsToPage([line(word("3", 100), word("7", 140))], 2100, 2970);
    expect(spaced.content.items.map((item) => item.str).join(" ")).toBe("3 7");
    const height = wordsToPage([line(word("5", 100), word('8"', 118))], 2100, 2970);
    expect(height.content.items.map((item) => item.str)).toEqual(['5 8"']);
  });
});

describe("a height whose feet mark faded", () => {
  const height = (gap: number): OcrLine => {
    const symbols = [
      { text: "6", box: { x0: 100, y0: 100, x1: 118, y1: 130 } },
      { text: "1", box: { x0: 118 + gap, y0: 100, x1: 130 + gap, y1: 130 } },
      { text: '"', box: { x0: 134 + gap, y0: 100, x1: 140 + gap, y1: 110 } },
    ];
    const word: OcrWord = {
      text: '61"',
      confidence: 95,
      box: { x0: 100, y0: 100, x1: 140 + gap, y1: 130 },
      symbols,
    };
    return { words: [word], baseline: { x0: 100, y0: 130, x1: 200, y1: 130 } };
  };

  it("is feet and inches where the mark's room is still between them: `6 1\"`", () => {
    expect(wordsToPage([height(16)], 2100, 2970).content.items.map((item) => item.str)).toEqual(['6 1"']);
  });

  it("stays inches where its digits stand as close as a figure's", () => {
    expect(wordsToPage([height(3)], 2100, 2970).content.items.map((item) => item.str)).toEqual(['61"']);
  });
});
