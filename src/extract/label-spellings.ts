// OCR misreads a letter or two of the sheet's small bold titles ("LEAN BODY MAS", "BODY FAT MAW",
// "SUBCUTANCOUS FAT MASS"), and one title missing is a sheet refused or a value lost. On an image's text
// (never a PDF's), a phrase that is no label but within a letter or two of one of the sheet's printed
// spellings is read as that label. Only whole label phrases are snapped — no digits, a long enough spelling,
// one nearest spelling — so a member's name or a value never becomes a label, and values are never touched.
import { labelText } from "./layout.ts";
import type { Phrase } from "./text-item.ts";

/** How the sheet prints its titles and labels (each one matches a pattern of anchors.ts; tested). */
export const LABEL_SPELLINGS = [
  "LEAN BODY MASS",
  "SKELETAL MUSCLE MASS",
  "PROTEIN",
  "MINERAL",
  "TOTAL BODY WATER",
  "BODY FAT MASS",
  "SUBCUTANEOUS FAT MASS",
  "VISCERAL FAT MASS",
  "VISCERAL FAT AREA",
  "TOTAL BODY FAT PERCENTAGE",
  "BODY FAT PERCENTAGE",
  "VISCERAL FAT LEVEL",
  "INTRACELLULAR FLUID",
  "EXTRACELLULAR FLUID",
  "BASAL METABOLIC RATE",
  "TOTAL ENERGY EXPENDITURE",
  "BIOLOGICAL AGE",
  "BIO-WELLNESS INDEX",
  "ABDOMINAL CIRCUMFERENCE",
  "WAIST TO HIP RATIO",
  "CALORIES",
  "CARBOHYDRATES",
  "LEFT ARM",
  "RIGHT ARM",
  "LEFT LEG",
  "RIGHT LEG",
  "LEAN MASS",
  "FAT MASS",
  "HEIGHT",
  "WEIGHT",
  "GENDER",
] as const;

/** Letters a misread may differ by: none under 6 characters (AGE, BMR, TORSO stay exact), 1, or 2 from 13. */
function allowedEdits(spelling: string): number {
  if (spelling.length >= 13) return 2;
  if (spelling.length >= 6) return 1;
  return 0;
}

/** Levenshtein distance, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/** The printed spelling this phrase is a misread of, or null (already a spelling, or near none, or two). */
export function misreadLabel(text: string): string | null {
  const label = labelText(text).replace(/\s+/g, " ").trim();
  if (!/^\p{L}/u.test(label) || /\d/.test(label)) return null;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const spelling of LABEL_SPELLINGS) {
    const limit = allowedEdits(spelling);
    if (limit === 0) continue;
    const distance = editDistance(label, spelling, limit);
    if (distance === 0) return null;
    if (distance > limit) continue;
    if (distance < bestDistance) {
      best = spelling;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) tied = true;
  }
  return tied ? null : best;
}

/** Words of one split title sit on one baseline, at most this many font sizes apart. */
const SPLIT_GAP_EM = 2;
const SAME_BASELINE_EM = 0.5;
/** a title has at most four words */
const MAX_JOINED = 4;

/**
 * An image's phrases with misread labels spelled as printed (their panel number kept). OCR also splits a
 * title into words now and then ("6. BODY" "FAT" "MAW"), with boxes too rough to keep their order: words on
 * one baseline that, left to right, together are a spelling (exactly or within its letters) become that
 * one label. Phrases keep their order; a joined label takes its first word's place.
 */
export function snapMisreadLabels(phrases: readonly Phrase[]): Phrase[] {
  const replaced = new Map<Phrase, Phrase | null>();
  for (const line of baselines(phrases)) {
    for (let i = 0; i < line.length; i++) {
      const joined = joinedLabel(line, i);
      if (!joined) continue;
      replaced.set(line[i] as Phrase, joined.phrase);
      for (let k = 1; k <= joined.extra; k++) replaced.set(line[i + k] as Phrase, null);
      i += joined.extra;
    }
  }
  const out: Phrase[] = [];
  for (const phrase of phrases) {
    const replacement = replaced.get(phrase);
    if (replacement === null) continue;
    if (replacement) {
      out.push(replacement);
      continue;
    }
    const spelling = misreadLabel(phrase.text);
    out.push(spelling ? { ...phrase, text: `${panelNumber(phrase.text)}${spelling}` } : phrase);
  }
  return out;
}

const panelNumber = (text: string) => /^\s*\d{1,2}\s*\.\s*/.exec(text)?.[0] ?? "";

/** Phrases grouped by baseline (within a fraction of their size), each group left to right. */
function baselines(phrases: readonly Phrase[]): Phrase[][] {
  const lines: Phrase[][] = [];
  for (const phrase of [...phrases].sort((a, b) => b.y - a.y)) {
    const line = lines.at(-1);
    const head = line?.[0];
    if (
      line &&
      head &&
      Math.abs(head.y - phrase.y) <= SAME_BASELINE_EM * Math.max(head.fontSize, phrase.fontSize)
    )
      line.push(phrase);
    else lines.push([phrase]);
  }
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

/** The longest run of 2–4 neighbours from `start` that reads as one printed spelling. */
function joinedLabel(line: readonly Phrase[], start: number): { phrase: Phrase; extra: number } | null {
  const first = line[start] as Phrase;
  let found: { phrase: Phrase; extra: number } | null = null;
  let text = first.text;
  let right = first.right;
  for (let extra = 1; extra < MAX_JOINED && start + extra < line.length; extra++) {
    const next = line[start + extra] as Phrase;
    if (next.x - right > SPLIT_GAP_EM * Math.max(first.fontSize, next.fontSize)) break;
    if (/\d/.test(next.text)) break;
    text = `${text} ${next.text}`;
    right = Math.max(right, next.right);
    const label = labelText(text).replace(/\s+/g, " ").trim();
    const spelling = LABEL_SPELLINGS.find((s) => s === label) ?? misreadLabel(text);
    if (spelling)
      found = { phrase: { ...first, text: `${panelNumber(first.text)}${spelling}`, right }, extra };
  }
  return found;
}
