// A decimal point OCR lost is put back only where the pixels show one between the digits; a figure
// without one, a time's colon, or a digit's foot broken off by the threshold gets none.
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { mendDecimalPoints } from "../../../src/extract/image/decimal-points.ts";
import type { GrayImage } from "../../../src/extract/image/gray-image.ts";
import type { OcrLine, OcrWord } from "../../../src/extract/image/tesseract.ts";

const SIZE = 48;

/**
 * `printed` drawn in black on white, and the word OCR would give for it when it read `read`: one box per
 * character of `read`, where that character is drawn (the point, when OCR lost it, inside no box).
 */
function drawn(printed: string, read: string): { page: GrayImage; word: OcrWord } {
  const canvas = createCanvas(400, 100);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, 400, 100);
  context.fillStyle = "#000000";
  context.font = `${SIZE}px sans-serif`;
  context.fillText(printed, 20, 70);
  const rgba = context.getImageData(0, 0, 400, 100).data;
  const data = new Uint8Array(400 * 100);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i] as number;
  const symbols: NonNullable<OcrWord["symbols"]> = [];
  let at = 0;
  for (const char of read) {
    while (at < printed.length && printed[at] !== char) at++;
    const x0 = 20 + context.measureText(printed.slice(0, at)).width;
    const x1 = 20 + context.measureText(printed.slice(0, at + 1)).width;
    symbols.push({ text: char, box: { x0: Math.floor(x0), y0: 70 - 35, x1: Math.ceil(x1), y1: 70 } });
    at++;
  }
  const box = { x0: symbols[0]!.box.x0, y0: 35, x1: symbols.at(-1)!.box.x1, y1: 70 };
  return { page: { data, width: 400, height: 100 }, word: { text: read, confidence: 90, box, symbols } };
}

const mended = (printed: string, read: string) => {
  const { page, word } = drawn(printed, read);
  const line: OcrLine = { words: [word], baseline: { x0: 0, y0: 70, x1: 400, y1: 70 } };
  return mendDecimalPoints([line], page)[0]?.words[0]?.text;
};

describe("decimal points OCR lost", () => {
  it.each([
    ["27.6", "276", "27.6"],
    ["8.1", "81", "8.1"],
    ["[32.3%]", "[323%]", "[32.3%]"],
    ["47.4", "474", "47.4"],
  ])("%s read as %s is mended to %s", (printed, read, expected) => {
    expect(mended(printed, read)).toBe(expected);
  });

  it.each([
    ["276", "276"],
    ["[65%]", "[65%]"],
    ["1575", "1575"],
    ["13:04", "13:04"],
    ["27.6", "27.6"],
  ])("%s read as %s stays as read", (printed, read) => {
    expect(mended(printed, read)).toBe(read);
  });

  it.each([
    ["11.9", "11:9", "11.9"],
    ["08:45", "08:45", "08:45"],
    ["11.9 [17.9%]", "11:9", "11.9"],
  ])("a point read as a colon: %s read as %s is %s (a time keeps its colon)", (printed, read, expected) => {
    expect(mended(printed, read)).toBe(expected);
  });

  it("a figure whose digits the pixels do not match (one digit lost) stays as read", () => {
    expect(mended("127.6", "27")).toBe("27");
  });
});
