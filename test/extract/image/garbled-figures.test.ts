// Which OCR words are figures turned into letters (read again alone as digits) and which are real words.
import { describe, expect, it } from "vitest";
import { isGarbledFigure } from "../../../src/extract/image/garbled-figures.ts";

describe("a garbled figure", () => {
  it.each(["m1", "5d", "O.81", "1l.4", "2,6l8"])("%s is read again as digits", (text) => {
    expect(isGarbledFigure(text)).toBe(true);
  });

  it.each(["1b", "Ib", "5ft", "1in", "34yrs", "12kg", "k9", "High", "BMR", "81.4", "7.", "KG/LBS", "kcal"])(
    "%s is left as read",
    (text) => {
      expect(isGarbledFigure(text)).toBe(false);
    },
  );
});
