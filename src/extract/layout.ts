import type { Phrase, TextItem } from "./text-item.ts";

// Thresholds are in units of font size so that a sheet scaled by a few percent reads the same.
const SAME_LINE = 0.3;
/** Courier's word space is 0.6 em; panel titles on the sheet are further apart than this. */
const MAX_WORD_GAP = 0.68;
const MAX_OVERLAP = 0.5;
const SPACE_GAP = 0.12;

export function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Merges runs that were drawn per glyph or per word back into phrases, line by line, whatever order the
 * PDF drew them in. Separate cells of one row stay separate because their gap is far wider than a space.
 */
export function mergeRuns(items: readonly TextItem[]): Phrase[] {
  const runs = items
    .filter((item) => item.str.trim() !== "" && Number.isFinite(item.x) && Number.isFinite(item.y))
    .map((item) => ({ ...item, fontSize: item.fontSize > 0 ? item.fontSize : 10 }))
    .sort((a, b) => b.y - a.y || a.x - b.x);

  const lines: TextItem[][] = [];
  for (const run of runs) {
    const line = lines.at(-1);
    const head = line?.[0];
    if (line && head && Math.abs(head.y - run.y) <= SAME_LINE * Math.max(head.fontSize, run.fontSize)) {
      line.push(run);
    } else {
      lines.push([run]);
    }
  }

  const phrases: Phrase[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    let current: Phrase | null = null;
    for (const run of line) {
      const text = run.str;
      const right = run.x + Math.max(run.width, 0);
      if (current && continuesPhrase(current, run)) {
        const gap = run.x - current.right;
        const needsSpace =
          gap > SPACE_GAP * Math.max(current.fontSize, run.fontSize) &&
          !/\s$/.test(current.text) &&
          !/^\s/.test(text);
        current.text += (needsSpace ? " " : "") + text;
        current.right = Math.max(current.right, right);
        current.fontSize = Math.max(current.fontSize, run.fontSize);
      } else {
        if (current) phrases.push(current);
        current = { text, x: run.x, y: run.y, right, fontSize: run.fontSize };
      }
    }
    if (current) phrases.push(current);
  }
  for (const phrase of phrases) phrase.text = normalise(phrase.text);
  return phrases;
}

function continuesPhrase(phrase: Phrase, run: TextItem): boolean {
  const size = Math.max(phrase.fontSize, run.fontSize);
  const ratio = Math.max(phrase.fontSize, run.fontSize) / Math.min(phrase.fontSize, run.fontSize);
  // a bracket or caption in a smaller font is its own phrase even when it nearly touches a value
  if (ratio > 1.15) return false;
  if (phrase.text.trimEnd().endsWith("]")) return false;
  if (Math.abs(phrase.y - run.y) > 0.2 * size) return false;
  const gap = run.x - phrase.right;
  return gap <= MAX_WORD_GAP * size && gap >= -MAX_OVERLAP * size;
}

export function onSameLine(a: { y: number; fontSize: number }, b: { y: number; fontSize: number }): boolean {
  return Math.abs(a.y - b.y) <= 0.45 * Math.max(a.fontSize, b.fontSize);
}

/** Upper-case, single-spaced, without a leading panel number such as `3.`. */
const labelCache = new Map<string, string>();

export function labelText(text: string): string {
  let label = labelCache.get(text);
  if (label === undefined) {
    label = normalise(text)
      .toUpperCase()
      .replace(/^\d{1,2}\s*\.\s*/, "");
    // every label is looked up by dozens of patterns; a sheet has a few hundred distinct strings
    if (labelCache.size > 5000) labelCache.clear();
    labelCache.set(text, label);
  }
  return label;
}

export function isPanelNumber(text: string): boolean {
  return /^\d{1,2}\s*\.$/.test(text.trim());
}
