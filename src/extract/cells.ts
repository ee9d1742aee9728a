import { isPanelNumber } from "./layout.ts";
import { LineIndex } from "./lines.ts";
import { type Bracket, NUMBER_SOURCE, parseBracket, parseNumber } from "./numbers.ts";
import type { Phrase } from "./text-item.ts";

/** A printed value: `64.3 / Optimal [52.9 - 64.7]`, `1758 kCal`, `18.0% / High`, `86.5 cm`, `12.2 [ 15.6% ]`. */
export interface Cell {
  value: number;
  /** the number as printed, for decimals */
  raw: string;
  unit: string | null;
  status: string | null;
  bracket: Bracket | null;
  x: number;
  y: number;
  right: number;
  fontSize: number;
  text: string;
}

const UNIT = "%|kcal|cm²|cm2|cm|in|kg|lbs?|Ib|1b";
// A caption drawn in the same run after the value (`31 YEARS`, `7.6 Bio-Wellness Index 0 - 10`) is not part
// of the value: it starts with a letter and holds no status slash or bracket.
const CELL = new RegExp(
  String.raw`^(${NUMBER_SOURCE})\s*(${UNIT})?\s*(?:\/\s*([A-Za-z](?:[A-Za-z ]*[A-Za-z])?))?\s*(\[[^\]]*\])?(?:\s+[A-Za-z][^\[\]/]*)?$`,
  "i",
);

/** A value and its status, whatever follows them (an OCR read's garbled range). */
const CELL_HEAD = new RegExp(
  String.raw`^(${NUMBER_SOURCE})\s*(${UNIT})?\s*(?:\/\s*([A-Za-z]+)(?![A-Za-z]))?`,
  "i",
);

/**
 * The cell a run of text is. `garbledRange` (OCR reads only): a range that cannot be read costs the range,
 * not the value before it; the value's status is then judged without a range (settle.ts).
 */
export function parseCellText(
  text: string,
  options: { garbledRange?: boolean } = {},
): Omit<Cell, "x" | "y" | "right" | "fontSize" | "text"> | null {
  const strict = parseStrict(text);
  if (strict || !options.garbledRange) return strict;
  const head = CELL_HEAD.exec(text.trim());
  const value = head ? parseNumber(head[1] ?? "") : null;
  // only a value with its status, then what was its range: `88.0 / High (53.665.5)`, `30.9 / High 119.2234`
  const rest = head ? text.trim().slice(head[0].length) : "";
  const status = head?.[3];
  if (!head || value === null || !status || !/^\s*[[(\d]/.test(rest)) return null;
  return {
    value,
    raw: (head[1] ?? "").replaceAll(",", ""),
    unit: head[2] ? head[2].toLowerCase() : null,
    status: titleCase(status),
    bracket: null,
  };
}

function parseStrict(text: string): Omit<Cell, "x" | "y" | "right" | "fontSize" | "text"> | null {
  const match = CELL.exec(text.trim());
  if (!match) return null;
  const raw = (match[1] ?? "").replaceAll(",", "");
  const value = parseNumber(match[1] ?? "");
  if (value === null) return null;
  const bracket = match[4] ? parseBracket(match[4]) : null;
  if (match[4] && !bracket) return null;
  return {
    value,
    raw,
    unit: match[2] ? match[2].toLowerCase() : null,
    status: match[3] ? titleCase(match[3]) : null,
    bracket,
  };
}

export function titleCase(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(" ");
}

function startsWithNumber(text: string): boolean {
  return /^-?\d/.test(text) && !isPanelNumber(text);
}

/**
 * The phrase that follows `phrase` on its line, if it starts close enough to belong to the same cell.
 * Brackets sit up to ~145 pt right of their value's left edge (evolt-report.md §4.1, S1's search window).
 */
function nextOnLine(lines: LineIndex, phrase: Phrase, maxOffsetEm: number): Phrase | null {
  const next = lines.nextRight(phrase);
  return next && next.x - phrase.x <= maxOffsetEm * phrase.fontSize ? next : null;
}

/**
 * Reads every value cell of the page. A status (`/ Optimal`) or bracket drawn as its own run is joined to
 * the value it follows on the same line, so one run or several read the same.
 */
export function findCells(phrases: readonly Phrase[], options: { garbledRange?: boolean } = {}): Cell[] {
  const cells: Cell[] = [];
  const lines = new LineIndex(phrases);
  for (const phrase of phrases) {
    if (!startsWithNumber(phrase.text)) continue;
    let text = phrase.text;
    let right = phrase.right;
    let fontSize = phrase.fontSize;
    let tail: Phrase | null = phrase;
    for (let step = 0; step < 2 && tail; step++) {
      const next = nextOnLine(lines, tail, 16);
      if (!next) break;
      const joinsStatus = next.text.startsWith("/") && !text.includes("/") && !text.includes("[");
      const joinsBracket = next.text.startsWith("[") && !text.includes("[");
      if (!joinsStatus && !joinsBracket) break;
      if (joinsStatus && next.x - tail.right > 3 * Math.max(tail.fontSize, next.fontSize)) break;
      text = `${text} ${next.text}`;
      right = next.right;
      fontSize = Math.max(fontSize, next.fontSize);
      tail = next;
    }
    const parsed =
      parseCellText(text) ??
      (text === phrase.text ? null : parseCellText(phrase.text)) ??
      (options.garbledRange ? parseCellText(phrase.text, options) : null);
    if (!parsed) continue;
    cells.push({ ...parsed, x: phrase.x, y: phrase.y, right, fontSize: phrase.fontSize, text });
  }
  return cells;
}

/**
 * Segment ranges are printed under their value (no room beside it); a bracket directly below the cell,
 * within about two lines, belongs to it.
 */
export function bracketBelow(phrases: readonly Phrase[], cell: Cell): Bracket | null {
  let best: { phrase: Phrase; dy: number } | null = null;
  for (const phrase of phrases) {
    if (!phrase.text.startsWith("[")) continue;
    const dy = cell.y - phrase.y;
    if (dy <= 0.3 * cell.fontSize || dy > 2.2 * cell.fontSize) continue;
    if (phrase.x < cell.x - 2 * cell.fontSize || phrase.x > cell.right) continue;
    if (!best || dy < best.dy) best = { phrase, dy };
  }
  return best ? parseBracket(best.phrase.text) : null;
}
