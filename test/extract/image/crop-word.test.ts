// A word cut out for a read alone: a figure's crop stops before the slash glued to it (read as digits
// it would be a `1`), a whole run keeps everything; two reads agree on a figure only with the same digits.
import { describe, expect, it } from "vitest";
import { agreedFigure, cropWord } from "../../../src/extract/image/crop-word.ts";
import type { OcrWord } from "../../../src/extract/image/tesseract.ts";

const page = { data: new Uint8Array(600 * 100).fill(255), width: 600, height: 100 };
const box = (x0: number, x1: number) => ({ x0, y0: 40, x1, y1: 70 });
// `0.91/`: four characters of the figure, then the slash well apart
const word: OcrWord = {
  text: "0.91/",
  confidence: 90,
  box: box(100, 240),
  symbols: [
    { text: "0", box: box(100, 120) },
    { text: ".", box: box(124, 130) },
    { text: "9", box: box(134, 154) },
    { text: "1", box: box(158, 170) },
    { text: "/", box: box(220, 240) },
  ],
};

describe("a word cut out for a read alone", () => {
  it("a figure's crop ends halfway to the slash after it; the whole word's reaches past the slash", async () => {
    const figure = await cropWord(page, word, { figureOnly: true });
    const whole = await cropWord(page, word);
    // both scaled alike (30 px of ink → 40): the figure's crop ends at 195 px, the whole one at 257 px
    expect(figure.width).toBeLessThan(whole.width * 0.7);
    expect(figure.height).toBe(whole.height);
  });

  it("two reads agree on a figure when their digits are the same, the point from the one that kept it", () => {
    expect(agreedFigure("5.7", "57")).toBe("5.7");
    expect(agreedFigure("57", "57")).toBe("57");
    expect(agreedFigure("5.7", "5.1")).toBeNull();
    expect(agreedFigure("5.7", "57.")).toBeNull();
    expect(agreedFigure(null, "57")).toBeNull();
  });
});
