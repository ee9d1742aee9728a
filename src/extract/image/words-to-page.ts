// OCR words → the reader's PageContent (src/extract/page-content.ts), in the PDF's units: the page is
// scaled to an A4 width in points, y up from the bottom, each word's font size estimated from its box.
// Words tesseract put on one line and that sit close in the same size become one run, the way a PDF
// draws a value with its status. Tesseract reads a slightly tilted page well but its boxes stay tilted:
// the page's tilt (the median slope of the long baselines) is turned out of the coordinates.
import type { PageContent } from "../page-content.ts";
import type { TextItem } from "../text-item.ts";
import type { OcrLine, OcrWord } from "./tesseract.ts";

/** The width of an A4 page in PDF points: OCR coordinates are scaled to it. */
const A4_WIDTH_PT = 595.28;
/** the widest gap between two words of one run, in the run's font size */
const RUN_GAP_EM = 0.75;
/** tesseract's boxes hug the inked pixels: the glyphs' anti-aliased edges make them this much taller, px */
const EDGE_PX = 2;
/** words of one run differ in estimated size by less than this factor */
const RUN_SIZE_RATIO = 1.35;

export interface OcrPage {
  content: PageContent;
  /** runs holding figures: how sure OCR was (0–100) of the run's first word with figures, and that word */
  runs: { x: number; y: number; confidence: number; word: OcrWord; whole: OcrWord }[];
}
const round = (value: number) => Math.round(value * 100) / 100;

// Helvetica-like metrics in em: caps, digits and the dot of an i reach 0.72, lower case without ascenders
// 0.52, descenders (and brackets, slashes' tails) go 0.21 below the baseline.
const TALL = /[A-Z0-9bdfhiklt[\]()/%!?|{}&@#$]/;
const DEEP = /[gjpqy[\](),;]/;

/** a dash, slash or stroke alone: its box says nothing about the font's size */
const SIZELESS = /^[-–—/|.,:]+$/;

/** Each character's share of the em from its baseline up (and, for a descender, the depth below it). */
const CAP_LIKE = /^[A-Z0-9bdfhiklt]$/;
const X_HEIGHT = /^[acemnorsuvwxz]$/;
const DESCENDS = /^[gpqy]$/;

/**
 * The word's font size and baseline (pixels, image rows). Measured on its characters when tesseract gave
 * their boxes: the median of what each says is robust to one glyph touching a ruled line or a speck, which
 * inflates the word's box. Otherwise from the word's box.
 */
function sizeOf(word: OcrWord): { fontSize: number; baseline: number } {
  const sizes: number[] = [];
  const bottoms: number[] = [];
  for (const symbol of word.symbols ?? []) {
    const height = symbol.box.y1 - symbol.box.y0 + EDGE_PX;
    if (CAP_LIKE.test(symbol.text) || X_HEIGHT.test(symbol.text)) {
      sizes.push(height / (CAP_LIKE.test(symbol.text) ? 0.72 : 0.52));
      bottoms.push(symbol.box.y1);
    } else if (DESCENDS.test(symbol.text)) sizes.push(height / 0.73);
  }
  if (sizes.length >= 2 && bottoms.length >= 1) return { fontSize: median(sizes), baseline: median(bottoms) };
  const top = TALL.test(word.text) ? 0.72 : 0.52;
  const descent = DEEP.test(word.text) ? 0.21 : 0;
  const fontSize = Math.max(1, word.box.y1 - word.box.y0 + EDGE_PX) / (top + descent);
  return { fontSize, baseline: word.box.y1 - descent * fontSize };
}

interface Placed {
  word?: OcrWord;
  text: string;
  confidence: number;
  digits: boolean;
  x: number;
  right: number;
  baseline: number;
  fontSize: number;
}

export function wordsToPage(lines: readonly OcrLine[], width: number, height: number): OcrPage {
  const tilt = pageTilt(lines);
  const cx = width / 2;
  const cy = height / 2;
  const cos = Math.cos(-tilt);
  const sin = Math.sin(-tilt);
  const upright = (x: number, y: number): [number, number] => [
    cx + (x - cx) * cos - (y - cy) * sin,
    cy + (x - cx) * sin + (y - cy) * cos,
  ];
  const scale = A4_WIDTH_PT / width;
  const items: TextItem[] = [];
  const runs: OcrPage["runs"] = [];
  for (const line of lines) {
    const placed: Placed[] = [];
    for (const [at, word] of line.words.entries()) {
      // a status slash read as a stroke: `14.7 | Optimal`, `14.7|`
      const text = mendSlash(
        line.words,
        at,
        fadedFeetMark(word, mendUnits(word.text.trim()).replace(/^(\d[\d.,]*)\|$/, "$1/")),
      );
      if (text === "") continue;
      if (SIZELESS.test(text)) {
        placed.push({ ...placeStroke(word, upright), word, text: text === "|" ? "/" : text });
        continue;
      }
      const size = sizeOf(word);
      const fontSize = size.fontSize;
      const [x, baseline] = upright(word.box.x0, size.baseline);
      const [right] = upright(word.box.x1, size.baseline);
      placed.push({
        word,
        text,
        confidence: word.confidence,
        digits: /\d/.test(text),
        x,
        right,
        baseline,
        fontSize,
      });
    }
    evenSizes(placed);
    for (const run of runsOf(placed).map(joinSplitFigures)) {
      const first = run[0] as Placed;
      const sizes = run.map((word) => word.fontSize).filter((size) => size > 0);
      const fontSize = (sizes.length > 0 ? median(sizes) : 10 / scale) * scale;
      const x = round(first.x * scale);
      const sized = run.filter((word) => word.fontSize > 0);
      const y = round(
        (height - median((sized.length > 0 ? sized : run).map((word) => word.baseline))) * scale,
      );
      items.push({
        str: mendBrackets(run.map((word) => word.text).join(" ")),
        x,
        y,
        width: ((run.at(-1) as Placed).right - first.x) * scale,
        fontSize,
      });
      // the value's own figures, not a range or caption tesseract put in the same run
      const value = run.find((word) => word.digits);
      if (value?.word)
        runs.push({ x, y, confidence: value.confidence, word: value.word, whole: wholeRun(run) });
    }
  }
  return { content: { items }, runs };
}

/** Digits closer than this (in the font size) are one figure that OCR split in two words (`3 7 Years`). */
const SPLIT_FIGURE_EM = 0.35;

/** The run with the digits of one figure that OCR split in two words joined into one word. */
function joinSplitFigures(run: readonly Placed[]): Placed[] {
  const joined: Placed[] = [];
  for (const word of run) {
    const before = joined.at(-1);
    const split =
      before?.word !== undefined &&
      word.word !== undefined &&
      /^\d+$/.test(before.text) &&
      /^\d+(?:\.\d+)?$/.test(word.text) &&
      word.x - before.right < SPLIT_FIGURE_EM * Math.max(before.fontSize, word.fontSize);
    if (!split || !before?.word || !word.word) {
      joined.push(word);
      continue;
    }
    const text = before.text + word.text;
    const one = wholeRun([before, word]);
    joined[joined.length - 1] = { ...before, text, word: { ...one, text }, right: word.right };
  }
  return joined;
}

/**
 * Brackets OCR misread at a share's or range's ends (its figures are all there): `[65%` `[ 65% )` `[32% /`
 * → `[65%]`; `(77%)`, `(14.61 - 17.85)` alone or after a figure → square brackets (a caption's `(0-10)`
 * stays); a run that is only `62%)` or `19.9 - 24.4)` lost
 * its opening bracket.
 */
export function mendBrackets(text: string): string {
  const figures = String.raw`\d[\d.,]*\s*%?(?:\s*[-–]\s*\d[\d.,]*\s*%?)?`;
  return text
    .replace(new RegExp(String.raw`(^|\d%?\s+)\((\s*${figures}\s*)[)\]}|]?\s*$`), "$1[$2]")
    .replace(/(\[[^[\]]*\d%?)\s*[)}|/J]?\s*$/, "$1]")
    .replace(new RegExp(String.raw`^(${figures})\s*[)\]]$`), (whole, inner: string) =>
      /%|[-–]/.test(inner) ? `[${inner}]` : whole,
    );
}

/**
 * A unit OCR glued to its figure with a letter read as a digit, or a digit read as a letter: `206.11b`
 * (a weight prints one decimal) → `206.1 lb`, `5ftlin` → `5 ft 1 in`.
 */
export function mendUnits(text: string): string {
  return text
    .replace(/^(\d+(?:\.\d+)?)[1Il|](bs?)$/, "$1 l$2")
    .replace(/^(\d)\s*ft\s*[lI|]\s*in$/, "$1 ft 1 in");
}

/**
 * `6'1"` read `61"` with the feet mark gone: the mark's room is still between the feet and the inches
 * (wider than digits stand apart), so the word is `6 1"`, feet then inches (units.ts).
 */
function fadedFeetMark(word: OcrWord, text: string): string {
  const match = /^(\d)(\d{1,2})["”]$/.exec(text);
  const [feet, inches] = word.symbols ?? [];
  if (!match || !feet || !inches || word.symbols?.map((s) => s.text).join("") !== text) return text;
  const digitWidth = feet.box.x1 - feet.box.x0;
  return inches.box.x0 - feet.box.x1 > 0.6 * digitWidth ? `${match[1]} ${match[2]}"` : text;
}

/** Words Evolt prints as a value's status, after a slash. */
const STATUS_WORD = /^(?:Optimal|Balanced|Normal|High|Over|Above|Low|Under|Below)$/i;
/** what a thin slash before a status word is read as */
const SLASH_LIKE = /^[[(|\\]$/;

/**
 * `12.4% [ Low`, `4.3 | High`, `48.5 [HIGH` → `… / Low`: a stroke between a figure and a status word,
 * alone or glued to the word, is its slash.
 */
function mendSlash(words: readonly OcrWord[], at: number, text: string): string {
  const before = words[at - 1]?.text ?? "";
  const after = words[at + 1]?.text ?? "";
  if (!/\d/.test(before)) return text;
  if (SLASH_LIKE.test(text) && STATUS_WORD.test(after)) return "/";
  const glued = /^[[(|\\](\p{L}+)$/u.exec(text);
  return glued && STATUS_WORD.test(glued[1] as string) ? `/ ${glued[1]}` : text;
}

/** The run as one word: its text and the box around all its words. */
function wholeRun(run: readonly Placed[]): OcrWord {
  const boxes = run.flatMap((placed) => (placed.word ? [placed.word.box] : []));
  return {
    text: run.map((placed) => placed.text).join(" "),
    confidence: Math.min(...run.map((placed) => placed.confidence)),
    symbols: run.flatMap((placed) => placed.word?.symbols ?? []),
    box: {
      x0: Math.min(...boxes.map((box) => box.x0)),
      y0: Math.min(...boxes.map((box) => box.y0)),
      x1: Math.max(...boxes.map((box) => box.x1)),
      y1: Math.max(...boxes.map((box) => box.y1)),
    },
  };
}

/** A stroke (dash, slash, a slash read as "|") placed on its line with no size of its own (0). */
function placeStroke(
  word: OcrWord,
  upright: (x: number, y: number) => [number, number],
): Omit<Placed, "text"> {
  const [x, baseline] = upright(word.box.x0, word.box.y1);
  const [right] = upright(word.box.x1, word.box.y1);
  return { confidence: word.confidence, digits: false, x, right, baseline, fontSize: 0 };
}

/**
 * One word's size far off the rest of its line (blur or a ruled line stretched its box) is taken as the
 * line's: tesseract puts one size of text on a line, and a title split by a wrong size is no title.
 */
function evenSizes(words: Placed[]): void {
  const sized = words.filter((word) => word.fontSize > 0);
  if (sized.length < 3) return;
  const typical = median(sized.map((word) => word.fontSize));
  for (const word of sized) {
    const ratio = word.fontSize / typical;
    if (ratio > RUN_SIZE_RATIO || ratio < 1 / RUN_SIZE_RATIO) word.fontSize = typical;
  }
}

function runsOf(words: readonly Placed[]): Placed[][] {
  const runs: Placed[][] = [];
  const sorted = [...words].sort((a, b) => a.x - b.x);
  for (const word of sorted) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last) {
      const sized = run.filter((w) => w.fontSize > 0).at(-1);
      const size = Math.max(sized?.fontSize ?? 0, word.fontSize) || 10;
      const ratio = sized && word.fontSize > 0 ? size / Math.min(sized.fontSize, word.fontSize) : 1;
      // a range `[52.9 - 64.7]` is one run however wide tesseract spaced its dash
      const open = run.some((w) => w.text.includes("[")) && !run.some((w) => w.text.includes("]"));
      // the status after a value's slash is the value's, whatever size blur made its box (`6.0 /` `Low`)
      const status = /\/$/.test(last.text) && STATUS_WORD.test(word.text);
      const gap = (open ? 1.5 : RUN_GAP_EM) * (status ? Math.min(sized?.fontSize ?? size, size) : size);
      if (word.x - last.right <= gap && (ratio < RUN_SIZE_RATIO || status)) {
        run.push(word);
        continue;
      }
    }
    runs.push([word]);
  }
  return runs;
}

/** The page's tilt in radians (positive: text rises to the right... in image rows, falls), from long baselines. */
function pageTilt(lines: readonly OcrLine[]): number {
  const slopes = lines
    .filter((line) => line.baseline.x1 - line.baseline.x0 > 150)
    .map((line) => Math.atan2(line.baseline.y1 - line.baseline.y0, line.baseline.x1 - line.baseline.x0));
  return slopes.length >= 5 ? median(slopes) : 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
