// Figures the page's OCR turned into letters and digits (`m1` for 11.1, `5d` for 5.7, `O.81`): the reader
// finds no number there and the value goes missing. Each such word is read again alone as digits; where
// two reads alone give the same figure, it replaces the word (settle.ts keeps such a figure only where an
// exact relation of the sheet holds with it).
import { agreedFigure, cropWord } from "./crop-word.ts";
import type { GrayImage } from "./gray-image.ts";
import { type OcrLine, type OcrWord, recogniseFigure } from "./tesseract.ts";

/** The margin beside a garbled word, in its height: a value's neighbours are farther (words-to-page.ts). */
const GARBLED_MARGIN = 1;

/**
 * White around the crop: tesseract reads a short figure cut close to its edges as fewer digits (`5.7` as
 * `7`). The page's second reads go without it: their crops were tuned so (read-image.ts).
 */
const GARBLED_PAD = 10;

/** Words read again per page at most (each ~0.1–0.3 s). */
const MAX_GARBLED = 8;

/**
 * A unit, a status or a label glued to its figure is no garbled figure: `5ft`, `1in`, `34yrs`, `12kg`, and
 * the units OCR misreads with a digit: `1b` (lb), `k9` (kg), `1n` (in).
 */
const UNIT_OR_WORD =
  /^\d*(?:[.,]\d+)?\s*(?:kg|k9|[1Il|]bs?|cm|[1Il|]n|ft|kcal|yrs?|st|cm2|cm²)\.?$|[A-Za-z]{3,}/i;

/** A figure's length with one or two letters among its digits, nothing else. */
const GARBLED = /^(?=.*\d)(?=.*[A-Za-z])[\dA-Za-z.,]{2,6}$/;

export function isGarbledFigure(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, "").length;
  return GARBLED.test(text) && letters <= 2 && !UNIT_OR_WORD.test(text);
}

/** The lines with each garbled figure that two reads alone agree on written in, and those words. */
export async function readGarbledFiguresAgain(
  lines: readonly OcrLine[],
  page: GrayImage,
): Promise<{ lines: OcrLine[]; rescued: Set<OcrWord> }> {
  const rescued = new Set<OcrWord>();
  let budget = MAX_GARBLED;
  const out: OcrLine[] = [];
  for (const line of lines) {
    const words: OcrWord[] = [];
    for (const [at, word] of line.words.entries()) {
      const text = word.text.trim();
      if (budget <= 0 || !isGarbledFigure(text) || followsFigure(line.words[at - 1], word)) {
        words.push(word);
        continue;
      }
      budget--;
      // tesseract's box of a garbled figure often leaves out its last digit: a wider margin takes it in
      const figure = await readAsDigits(
        await cropWord(page, word, { beside: GARBLED_MARGIN, pad: GARBLED_PAD }),
      );
      if (figure === null) {
        words.push(word);
        continue;
      }
      const mended = { ...word, text: figure, confidence: 100 };
      rescued.add(mended);
      words.push(mended);
    }
    out.push({ ...line, words });
  }
  return { lines: out, rescued };
}

/** A word just after a figure is its unit or suffix (`138.7 1b`), not a figure of its own. */
function followsFigure(before: OcrWord | undefined, word: OcrWord): boolean {
  if (!before || !/\d$/.test(before.text.trim())) return false;
  return word.box.x0 - before.box.x1 < word.box.y1 - word.box.y0;
}

/** The figure a crop reads as both as a line and as a raw line; null when the two differ. */
async function readAsDigits(crop: GrayImage): Promise<string | null> {
  const figureOf = (text: string) => /^\d+(?:[.,]\d+)?$/.exec(text.trim())?.[0] ?? null;
  const line = figureOf(await recogniseFigure(crop, undefined, "line"));
  if (line === null) return null;
  return agreedFigure(line, figureOf(await recogniseFigure(crop, undefined, "raw")));
}
