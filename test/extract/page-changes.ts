// Changes to how a sheet is drawn that a person would not notice, applied to the reader's input items
// (metamorphic.test.ts): split an item, merge neighbours, a stray number beside a label, a caption nudged
// within its panel, another drawing order.
import type { PageContent } from "../../src/extract/page-content.ts";
import type { TextItem } from "../../src/extract/text-item.ts";
import { seededRandom, shuffled } from "../fixtures/random.ts";

const LABEL =
  /^(?:\d{1,2}\.\s*)?(?:LEAN BODY|SKELETAL|PROTEIN|MINERAL|TOTAL BODY|BODY FAT|SUBCUTANEOUS|VISCERAL|INTRA|EXTRA|BMR|TEE|BIO AGE|BWI|ABDOMINAL|WAIST|CALORIES|CARBO|FAT\b|DATE|NAME|HEIGHT|WEIGHT|AGE|GENDER|LEFT|RIGHT|TORSO)/i;
const CAPTION = /^(?:KG\/LBS|CM2|KCAL|GRAMS|YEARS|OUT OF 10|BIO-WELLNESS INDEX 0 - 10)$/i;

export type Change = (items: TextItem[], random: () => number) => TextItem[];

const pick = <T>(list: readonly T[], random: () => number): T | undefined =>
  list[Math.floor(random() * list.length)];

/** One item cut in two at a character boundary, each part where the whole run drew it. */
const splitItem: Change = (items, random) => {
  const candidates = items.filter((item) => item.str.trim().length >= 2);
  const item = pick(candidates, random);
  if (!item) return items;
  const cut = 1 + Math.floor(random() * (item.str.length - 1));
  const perChar = item.width / item.str.length;
  const parts = [item.str.slice(0, cut), item.str.slice(cut)].map((str, index) => ({
    ...item,
    str,
    x: item.x + (index === 0 ? 0 : cut * perChar),
    width: str.length * perChar,
  }));
  return items.flatMap((other) =>
    other === item ? parts.filter((part) => part.str.trim() !== "") : [other],
  );
};

/** An item and its next neighbour on the line (up to 1.5 em apart) drawn as one run, as a producer that
 * writes a whole cell or caption group with one string would. */
const mergeNeighbours: Change = (items, random) => {
  const pairs: [TextItem, TextItem][] = [];
  const byLine = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 0; i + 1 < byLine.length; i++) {
    const a = byLine[i] as TextItem;
    const b = byLine[i + 1] as TextItem;
    if (Math.abs(a.y - b.y) > 0.05 * a.fontSize) continue;
    const gap = b.x - (a.x + a.width);
    if (gap >= -0.2 && gap <= 1.5 * Math.max(a.fontSize, b.fontSize)) pairs.push([a, b]);
  }
  const pair = pick(pairs, random);
  if (!pair) return items;
  const [a, b] = pair;
  const gap = b.x - (a.x + a.width);
  const joined: TextItem = {
    ...a,
    str: `${a.str}${gap > 0.12 * a.fontSize ? " " : ""}${b.str}`,
    width: b.x + b.width - a.x,
    fontSize: Math.max(a.fontSize, b.fontSize),
  };
  return items.filter((item) => item !== b).map((item) => (item === a ? joined : item));
};

/** A stray number (a footnote, a scale mark) beside a label, one and a half spaces after it. */
const strayNumber: Change = (items, random) => {
  const label = pick(
    items.filter((item) => LABEL.test(item.str.trim())),
    random,
  );
  if (!label) return items;
  const text = pick(["1", "2", "3", "12", "0.5"], random) as string;
  const size = label.fontSize;
  const x = label.x + label.width + 1.5 * size;
  // only where nothing else is drawn
  const clash = items.some(
    (item) =>
      Math.abs(item.y - label.y) < size && item.x < x + 2 * size && item.x + item.width > x - 0.5 * size,
  );
  if (clash) return items;
  return [...items, { str: text, x, y: label.y, width: 0.55 * size * text.length, fontSize: 0.8 * size }];
};

/** A unit caption nudged within its panel (a few points, never onto other text). */
const moveCaption: Change = (items, random) => {
  const caption = pick(
    items.filter((item) => CAPTION.test(item.str.trim())),
    random,
  );
  if (!caption) return items;
  const dx = (random() * 2 - 1) * 6;
  const dy = (random() * 2 - 1) * 2;
  const moved = { ...caption, x: caption.x + dx, y: caption.y + dy };
  const clash = items.some(
    (item) =>
      item !== caption &&
      Math.abs(item.y - moved.y) < Math.max(item.fontSize, moved.fontSize) &&
      item.x < moved.x + moved.width + moved.fontSize &&
      item.x + item.width + moved.fontSize > moved.x,
  );
  if (clash) return items;
  return items.map((item) => (item === caption ? moved : item));
};

const reorder: Change = (items, random) => shuffled(items, random);

export const CHANGES: Record<string, Change> = {
  splitItem,
  mergeNeighbours,
  strayNumber,
  moveCaption,
  reorder,
};

export function apply(page: PageContent, changes: string[], seed: number): PageContent {
  const random = seededRandom(seed);
  let items = [...page.items];
  for (const change of changes) items = (CHANGES[change] as Change)(items, random);
  return { ...page, items };
}
