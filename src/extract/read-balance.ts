import { isLabel } from "./anchors.ts";
import { mergeRuns } from "./layout.ts";
import type { Rect } from "./page-content.ts";
import type { SegmentName } from "./read-segments.ts";
import { SpatialIndex } from "./spatial-index.ts";
import type { Phrase, TextItem } from "./text-item.ts";

export type BalanceValue = "balanced" | "unbalanced" | null;
export interface Balance {
  upper_lower: BalanceValue;
  left_right: BalanceValue;
}

type Pair = keyof Balance;

/** What decided a pair, for `pump parse --explain`. */
export interface BalanceRead {
  balance: Balance;
  evidence: Partial<Record<Pair, { heading: Phrase | null; option: Phrase | null; mark: Rect | null }>>;
}

/** Check-mark glyphs: X, ✓, ✔, ✗, ✘, ×, ✕, ☒, ☑. */
const MARK_GLYPH = /^[Xx✓✔✗✘×✕☒☑]$/;
const HEADINGS: Record<Pair, RegExp> = {
  upper_lower: /^UPPER ?\/? ?(?:AND |& )?LOWER\b/,
  left_right: /^LEFT ?\/? ?(?:AND |& )?RIGHT\b/,
};
const BALANCED = /^BALANCED$/;
const CAPTION_WIDTH = 120;
const UNBALANCED = /^(?:UNBALANCED|NOT BALANCED|IMBALANCED)$/;

interface Option {
  phrase: Phrase;
  value: "balanced" | "unbalanced";
  pair: Pair | null;
}

/** Gap between two rectangles (0 when they touch or overlap). */
function distance(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

function rectOf(phrase: Phrase): Rect {
  // a phrase's box: baseline to cap height
  return { x: phrase.x, y: phrase.y, width: phrase.right - phrase.x, height: 0.7 * phrase.fontSize };
}

function centre(rect: Rect): Rect {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, width: 0, height: 0 };
}

function nearest<T>(
  target: Rect,
  candidates: readonly T[],
  rect: (item: T) => Rect,
  within: number,
): T | null {
  let best: { item: T; d: number } | null = null;
  for (const item of candidates) {
    const d = distance(target, rect(item));
    if (d <= within && (!best || d < best.d)) best = { item, d };
  }
  return best?.item ?? null;
}

/**
 * Where the check marks sit decides balance (evolt-report.md §4.3). Marks are glyphs among the text or
 * strokes from the drawing; a mark inside a small box stands for that box.
 * - Sheets with BALANCED / UNBALANCED captions: each caption belongs to the nearest pair heading above it
 *   (UPPER / LOWER, LEFT / RIGHT), each mark to the nearest caption (centred, left-aligned or beside its
 *   box, the box's own caption is nearer than its neighbour's); the marked caption is the answer, a pair
 *   with both captions and no mark says nothing (null).
 * - Sheets with pair headings only: a mark near a heading marks that pair balanced; no mark, unbalanced.
 * - Neither: marks above the arm labels are assigned by x, nearer the TORSO label → upper/lower, nearer
 *   the RIGHT ARM label → left/right (the confirmed positions ≈223 and ≈365); no marks → null.
 */
export function readBalance(
  phrases: readonly Phrase[],
  labels: Partial<Record<SegmentName, Phrase>>,
  drawn: { marks?: readonly Rect[]; boxes?: readonly Rect[] } = {},
): BalanceRead {
  const glyphs = phrases.filter((phrase) => MARK_GLYPH.test(phrase.text.trim())).map(rectOf);
  const boxes = drawn.boxes ?? [];
  // a mark stands for the box it is drawn in
  const marks = [...glyphs, ...(drawn.marks ?? [])].map((mark) => {
    const mid = centre(mark);
    return boxes.find((box) => distance(mid, box) === 0) ?? mark;
  });
  // headings and captions are short words; values and titles need not be looked at
  const words = phrases.filter((phrase) => phrase.text.length <= 20 && /^[A-Za-z]/.test(phrase.text));
  const headings: Partial<Record<Pair, Phrase>> = {};
  for (const pair of Object.keys(HEADINGS) as Pair[]) {
    const heading = words.find((phrase) => isLabel(phrase.text, HEADINGS[pair]));
    if (heading) headings[pair] = heading;
  }
  const headingList = (Object.entries(headings) as [Pair, Phrase][]).map(([pair, phrase]) => ({
    pair,
    phrase,
  }));
  if (headingList.length === 0) return { balance: byArmLabels(marks, labels), evidence: {} };

  const options: Option[] = [];
  for (const phrase of words) {
    const text = phrase.text.toUpperCase().trim();
    const value = BALANCED.test(text) ? "balanced" : UNBALANCED.test(text) ? "unbalanced" : null;
    if (!value) continue;
    const above = headingList.filter(({ phrase: heading }) => heading.y > phrase.y - 0.3 * heading.fontSize);
    const owner = nearest(
      rectOf(phrase),
      above,
      ({ phrase: heading }) => rectOf(heading),
      8 * phrase.fontSize,
    );
    options.push({ phrase, value, pair: owner?.pair ?? null });
  }

  const optionIndex = new SpatialIndex(
    options.map((option) => ({ x: option.phrase.x, y: option.phrase.y, option })),
  );
  const balance: Balance = { upper_lower: null, left_right: null };
  const evidence: BalanceRead["evidence"] = {};
  for (const { pair, phrase: heading } of headingList) {
    const own = options.filter((option) => option.pair === pair);
    if (own.length === 0) {
      // captionless pair: a mark under or beside the heading, nearer to it than to the other heading
      const mark = marks.find((candidate) => {
        const owner = nearest(candidate, headingList, ({ phrase }) => rectOf(phrase), 3 * heading.fontSize);
        return owner?.pair === pair && heading.y >= candidate.y - heading.fontSize;
      });
      balance[pair] = mark ? "balanced" : "unbalanced";
      evidence[pair] = { heading, option: null, mark: mark ?? null };
      continue;
    }
    const marked = new Map<Option, Rect>();
    const reach = 4 * heading.fontSize;
    for (const mark of marks) {
      // captions are indexed by their left edge: a caption's own width is well under CAPTION_WIDTH
      const near = optionIndex
        .within(
          mark.x - reach - CAPTION_WIDTH,
          mark.y - reach,
          mark.x + mark.width + reach,
          mark.y + mark.height + reach,
        )
        .map((entry) => entry.option);
      const option = nearest(mark, near, (candidate) => rectOf(candidate.phrase), reach);
      if (option && option.pair === pair) marked.set(option, mark);
    }
    const values = new Set([...marked.keys()].map((option) => option.value));
    const [first] = [...marked.entries()];
    if (values.size === 1 && first) {
      balance[pair] = first[0].value;
      evidence[pair] = { heading, option: first[0].phrase, mark: first[1] };
    } else if (values.size === 0 && new Set(own.map((option) => option.value)).size === 1) {
      // a single tick box left empty: the other answer
      balance[pair] = own[0]?.value === "balanced" ? "unbalanced" : "balanced";
      evidence[pair] = { heading, option: own[0]?.phrase ?? null, mark: null };
    } else {
      evidence[pair] = { heading, option: null, mark: null };
    }
  }
  return { balance, evidence };
}

function byArmLabels(marks: readonly Rect[], labels: Partial<Record<SegmentName, Phrase>>): Balance {
  const torso = labels.torso;
  const rightArm = labels.right_arm;
  const arm = labels.left_arm ?? rightArm;
  if (!torso || !rightArm || !arm) return { upper_lower: null, left_right: null };
  const placed = marks.filter((mark) => mark.y > arm.y && mark.y - arm.y < 8 * arm.fontSize);
  if (placed.length === 0) return { upper_lower: null, left_right: null };
  const nearTorso = placed.some((mark) => Math.abs(mark.x - torso.x) < Math.abs(mark.x - rightArm.x));
  const nearRight = placed.some((mark) => Math.abs(mark.x - torso.x) >= Math.abs(mark.x - rightArm.x));
  return {
    upper_lower: nearTorso ? "balanced" : "unbalanced",
    left_right: nearRight ? "balanced" : "unbalanced",
  };
}

/**
 * Whether the drawing must be looked at for check marks: the text shows a balance section but no mark
 * glyph at all (a producer that draws its ticks as lines). Saves reading the operator list otherwise.
 * Looks at phrases, so headings drawn glyph by glyph count too.
 */
export function needsDrawnMarks(items: readonly TextItem[]): boolean {
  let headings = false;
  for (const phrase of mergeRuns(items)) {
    const text = phrase.text.trim();
    if (MARK_GLYPH.test(text)) return false;
    if (!headings && /UPPER|LEFT ?\/|BALANCED/i.test(text)) headings = true;
  }
  return headings;
}
