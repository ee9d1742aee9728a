// OCR misreads a letter or two of the sheet's small bold titles ("LEAN BODY MAS", "BODY FAT MAW",
// "SUBCUTANCOUS FAT MASS"), and one title missing is a sheet refused or a value lost. On an image's text
// (never a PDF's), a phrase that is no label but within a letter or two of one of the sheet's printed
// spellings is read as that label. Only whole label phrases are snapped — no digits, a long enough spelling,
// one nearest spelling — so a member's name or a value never becomes a label, and values are never touched.
import { labelPhrases } from "./anchors.ts";
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

/**
 * A panel number as OCR leaves it: `11.`, `11`, `11,` (the dot lost or misread), or with its digits read
 * as letters like them (`S.` for 5., `TN.` for 11., `l7.`), then only with its dot.
 */
const PANEL_NUMBER = /^\s*(?:(\d{1,2})\s*[.,:;]?|[\dSOIlTNBZ|]{1,2}\s*[.,:;])\s*(?=\p{L})/u;
const LAST_PANEL = 24;
const BARE_NUMBER = /^\s*(\d{1,2})\s*[.,:;]?\s*$/;

/**
 * The phrase as the label it is — its panel number written `N.`, a misread spelled as printed — or null
 * when it is no label (or already written as one).
 */
function asLabel(text: string): string | null {
  const numbered = PANEL_NUMBER.exec(text);
  // the sheet numbers its panels 1–24; a bigger figure is a value
  if (numbered && Number(numbered[1]) > LAST_PANEL) return null;
  // a number misread as letters is left out: which panel it numbered is not known
  const number = numbered?.[1] ? `${numbered[1]}. ` : "";
  const rest = numbered ? text.slice(numbered[0].length) : text;
  const spelling = misreadLabel(rest) ?? (isPrintedLabel(rest) ? rest : null);
  if (!spelling) return null;
  const written = `${number}${spelling}`;
  return written === text ? null : written;
}

const isPrintedLabel = (text: string) =>
  labelPhrases([{ text, x: 0, y: 0, right: 0, fontSize: 10 }]).length > 0;

/** Words of one split title sit on one baseline, at most this many font sizes apart. */
const SPLIT_GAP_EM = 2;
const SAME_BASELINE_EM = 0.5;
/** a title has at most four words, after its panel number */
const MAX_JOINED = 5;

/**
 * An image's phrases with misread labels spelled as printed and panel numbers written `N.` (so neither is
 * taken for a value). OCR also splits a title into words now and then ("6. BODY" "FAT" "MAW", "17" "BWI"),
 * with boxes too rough to keep their order: words on one baseline that, left to right, together are a
 * label become that one label. Phrases keep their order; a joined label takes its first word's place.
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
    const label = asLabel(phrase.text);
    out.push(label ? { ...phrase, text: label } : phrase);
  }
  return out;
}

/**
 * Phrases grouped by baseline, each group left to right. OCR baselines are ragged, so a phrase joins the
 * line of the one just above it in y when within a fraction of their size (the sheet's lines are over an
 * em apart, so this does not run on into the next line).
 */
function baselines(phrases: readonly Phrase[]): Phrase[][] {
  const lines: Phrase[][] = [];
  for (const phrase of [...phrases].sort((a, b) => b.y - a.y)) {
    const line = lines.at(-1);
    const above = line?.at(-1);
    if (line && above && above.y - phrase.y <= SAME_BASELINE_EM * Math.min(above.fontSize, phrase.fontSize))
      line.push(phrase);
    else lines.push([phrase]);
  }
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

/**
 * The shortest run of neighbours from `start` that reads as one label: words of a split title, led by
 * their panel number or not (a number may only lead; no other word has figures).
 */
function joinedLabel(line: readonly Phrase[], start: number): { phrase: Phrase; extra: number } | null {
  const first = line[start] as Phrase;
  if (/\d/.test(first.text) && !BARE_NUMBER.test(first.text) && !PANEL_NUMBER.test(first.text)) return null;
  // a label already (a unit or caption beside it is not part of it)
  if (isPrintedLabel(first.text.replace(PANEL_NUMBER, ""))) return null;
  let text = first.text;
  let right = first.right;
  for (let extra = 1; extra < MAX_JOINED && start + extra < line.length; extra++) {
    const next = line[start + extra] as Phrase;
    if (next.x - right > SPLIT_GAP_EM * Math.max(first.fontSize, next.fontSize)) break;
    if (/\d/.test(next.text)) break;
    text = `${text} ${next.text}`;
    right = Math.max(right, next.right);
    const label = asLabel(text) ?? (isPrintedLabel(text) && !BARE_NUMBER.test(first.text) ? text : null);
    // the fewest words that make a label: a unit or caption after it stays a phrase of its own
    if (label) return { phrase: { ...first, text: label, right }, extra };
  }
  return null;
}
