import { labelPhrases } from "./anchors.ts";
import { isPanelNumber, mergeRuns, normalise } from "./layout.ts";
import { DEFAULT_REACH, Ownership } from "./ownership.ts";
import type { PageContent, Rect } from "./page-content.ts";
import { readHeader } from "./read-header.ts";
import type { Phrase, TextItem } from "./text-item.ts";

/**
 * A page's layout as a gym can send it in (docs/unread-sheets.md): every text item with its position and
 * size, every drawn mark and box. Anonymized, every digit is `9` and the member's printed name is `NAME`
 * wherever it appears, whole or split across items, so the file holds no body value and no name.
 */
export interface LayoutDump {
  format: "pump-layout/1";
  anonymized: boolean;
  /** whether the printed name was found (and replaced) */
  name: "replaced" | "not found" | "kept";
  items: { text: string; x: number; y: number; width: number; size: number }[];
  marks: Rect[];
  boxes: Rect[];
}

const round = (value: number) => Math.round(value * 100) / 100;
const roundRect = (rect: Rect): Rect => ({
  x: round(rect.x),
  y: round(rect.y),
  width: round(rect.width),
  height: round(rect.height),
});

/** The phrase printed as the member's name (under or beside NAME), if the page shows one. */
export function printedNamePhrase(items: readonly TextItem[]): Phrase | null {
  const phrases = mergeRuns(items);
  const labels = labelPhrases(phrases);
  const labelSet = new Set(labels);
  const values = phrases.filter((phrase) => !labelSet.has(phrase) && !isPanelNumber(phrase.text));
  const header = readHeader(
    phrases,
    labels,
    new Ownership(labels, values, { ...DEFAULT_REACH, below: 3.5 }),
    null,
  );
  const claim = header.claims.name;
  if (!claim) return null;
  // an inline read (`NAME ALEX SAMPLE` in one phrase) reports the label phrase itself
  return claim.value === claim.label ? { ...claim.label, text: header.text.name ?? "" } : claim.value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces the name, its words and its pieces; returns the new text of every item. */
function withoutName(items: readonly TextItem[], name: Phrase): string[] {
  const words = normalise(name.text)
    .split(" ")
    .filter((word) => /\p{L}{2,}/u.test(word));
  const whole = new RegExp(escapeRegExp(normalise(name.text)).replace(/ /g, "\\s*"), "giu");
  const wordPatterns = words.map((word) => new RegExp(`(?<!\\p{L})${escapeRegExp(word)}(?!\\p{L})`, "giu"));
  const size = name.fontSize;
  return items.map((item) => {
    // a piece of the name phrase (the name drawn glyph by glyph or word by word)
    const onNameLine = Math.abs(item.y - name.y) <= 0.3 * Math.max(size, item.fontSize);
    const inside = item.x >= name.x - 0.1 && item.x + Math.max(item.width, 0) <= name.right + 0.5;
    if (onNameLine && inside && item.str.trim() !== "") return "NAME";
    let text = item.str.replace(whole, "NAME");
    for (const pattern of wordPatterns) text = text.replace(pattern, "NAME");
    return text;
  });
}

export function describeLayout(page: PageContent, options: { anonymize?: boolean } = {}): LayoutDump {
  const anonymize = options.anonymize ?? false;
  const name = anonymize ? printedNamePhrase(page.items) : null;
  const texts = name ? withoutName(page.items, name) : page.items.map((item) => item.str);
  return {
    format: "pump-layout/1",
    anonymized: anonymize,
    name: anonymize ? (name ? "replaced" : "not found") : "kept",
    items: page.items.map((item, index) => ({
      text: anonymize ? (texts[index] ?? "").replace(/\d/g, "9") : (texts[index] ?? ""),
      x: round(item.x),
      y: round(item.y),
      width: round(item.width),
      size: round(item.fontSize),
    })),
    marks: (page.marks ?? []).map(roundRect),
    boxes: (page.boxes ?? []).map(roundRect),
  };
}

/** A dump read back as the reader's input (to reproduce a gym's layout problem here). */
export function pageOfLayout(dump: LayoutDump): PageContent {
  return {
    items: dump.items.map((item) => ({
      str: item.text,
      x: item.x,
      y: item.y,
      width: item.width,
      fontSize: item.size,
    })),
    marks: dump.marks,
    boxes: dump.boxes,
  };
}

/** JSON with one item per line, so a person can read the file before sending it. */
export function formatLayout(dump: LayoutDump): string {
  const list = (entries: readonly unknown[]) =>
    entries.length === 0
      ? "[]"
      : `[\n${entries.map((entry) => `    ${JSON.stringify(entry)}`).join(",\n")}\n  ]`;
  return [
    "{",
    `  "format": ${JSON.stringify(dump.format)},`,
    `  "anonymized": ${dump.anonymized},`,
    `  "name": ${JSON.stringify(dump.name)},`,
    `  "items": ${list(dump.items)},`,
    `  "marks": ${list(dump.marks)},`,
    `  "boxes": ${list(dump.boxes)}`,
    "}",
    "",
  ].join("\n");
}
