// One word cut out of the page for a second read on its own: its figures scaled to the height tesseract
// reads best, with a margin that leaves the label above and the ruled line below out.
import { type GrayImage, sharpOf, toGray } from "./gray-image.ts";
import type { OcrWord } from "./tesseract.ts";

/** Figures are read again at this height in pixels (tesseract reads text ~30 px high best). */
const FIGURE_HEIGHT_PX = 40;

export interface CropOptions {
  /** margin beside the word, in its inked height (0.5) */
  beside?: number;
  /** white pixels around the crop (0) */
  pad?: number;
  /** only the figure the word starts with, not the slash or unit glued to it (false) */
  figureOnly?: boolean;
}

/** The word with a margin beside it, scaled so its figures are FIGURE_HEIGHT_PX high. */
export async function cropWord(
  page: GrayImage,
  word: OcrWord,
  { beside = 0.5, pad = 0, figureOnly = false }: CropOptions = {},
): Promise<GrayImage> {
  const box = textBox(word);
  const inked = Math.max(1, box.y1 - box.y0);
  // less room above and below than beside: a label sits just above a header value, a sliver of it reads as a 1
  const margin = Math.round(inked * beside) + 2;
  const rim = Math.round(inked * 0.3) + 2;
  const left = Math.max(0, box.x0 - margin);
  const top = Math.max(0, box.y0 - rim);
  const right = figureOnly ? figureRight(word, box.x1 + margin) : box.x1 + margin;
  const width = Math.max(1, Math.min(page.width, right) - left);
  const height = Math.max(1, Math.min(page.height, box.y1 + rim) - top);
  return toGray(
    sharpOf(page)
      .extract({ left, top, width, height })
      .resize({
        width: Math.max(1, Math.round(width * Math.min(4, Math.max(1, FIGURE_HEIGHT_PX / inked)))),
        kernel: "lanczos3",
      })
      .extend({ top: pad, bottom: pad, left: pad, right: pad, background: { r: 255, g: 255, b: 255 } }),
  );
}

/**
 * Where the crop of a word that starts with a figure and goes on (`0.91/`, `13,`) ends: halfway between
 * the figure's last character and the next, so a slash or a status letter is not read as a digit.
 */
function figureRight(word: OcrWord, right: number): number {
  const symbols = word.symbols ?? [];
  const text = word.text.trim();
  if (symbols.map((symbol) => symbol.text).join("") !== text) return right;
  const figure = leadingFigure(text) ?? "";
  const last = symbols[figure.length - 1];
  const next = symbols[figure.length];
  if (!figure || !last || !next) return right;
  return Math.min(right, Math.round((last.box.x1 + next.box.x0) / 2));
}

/**
 * The word's box, its top and bottom where most of its letters and digits have theirs: tesseract's word
 * box sometimes reaches up to the label above or down to a ruled line, and a crop of two lines misreads.
 */
function textBox(word: OcrWord): OcrWord["box"] {
  const letters = (word.symbols ?? []).filter((symbol) => /^[\p{L}\d]$/u.test(symbol.text));
  if (letters.length < 2) return word.box;
  const middle = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] as number;
  const y0 = Math.max(word.box.y0, middle(letters.map((symbol) => symbol.box.y0)));
  const y1 = Math.min(word.box.y1, middle(letters.map((symbol) => symbol.box.y1)));
  return y1 - y0 < 4 ? word.box : { ...word.box, y0, y1 };
}

/**
 * The figure two reads alone agree on: the same digits, the decimal point of the one that has it (a read
 * loses a point far more often than it invents one). Null when either is no figure or the digits differ.
 */
export function agreedFigure(one: string | null, other: string | null): string | null {
  if (!one || !other) return null;
  const digits = (figure: string) => figure.replace(/[.,]/g, "");
  if (digits(one) !== digits(other)) return null;
  const pointed = [one, other].filter((figure) => /[.,]/.test(figure));
  if (pointed.length === 2 && pointed[0] !== pointed[1]) return null;
  return (pointed[0] ?? one).replace(",", ".");
}

/** The figure a text starts with; a comma or point after it is the crop's edge (a slash's sliver), not its. */
export const leadingFigure = (text: string) =>
  /^-?\d[\d,]*(?:\.\d+)?/.exec(text.trim())?.[0]?.replace(/[.,]+$/, "") ?? null;
