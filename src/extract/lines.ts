import type { Phrase } from "./text-item.ts";

/**
 * Phrases grouped into lines (baselines within 0.45 em of the line's first phrase) and sorted left to
 * right, so "the next phrase on this line" is a binary search, however many phrases share a spot.
 */
export class LineIndex {
  private readonly lineOf = new Map<Phrase, Phrase[]>();

  constructor(phrases: readonly Phrase[]) {
    const sorted = [...phrases].sort((a, b) => a.y - b.y || a.x - b.x);
    let line: Phrase[] = [];
    let head: Phrase | null = null;
    const close = () => {
      line.sort((a, b) => a.x - b.x);
      for (const phrase of line) this.lineOf.set(phrase, line);
    };
    for (const phrase of sorted) {
      if (head && phrase.y - head.y <= 0.45 * Math.max(head.fontSize, phrase.fontSize)) {
        line.push(phrase);
        continue;
      }
      if (line.length > 0) close();
      line = [phrase];
      head = phrase;
    }
    if (line.length > 0) close();
  }

  /** The nearest phrase that starts right of `phrase` on its line. */
  nextRight(phrase: Phrase): Phrase | null {
    const line = this.lineOf.get(phrase);
    if (!line) return null;
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((line[mid] as Phrase).x <= phrase.x) lo = mid + 1;
      else hi = mid;
    }
    return line[lo] ?? null;
  }
}
