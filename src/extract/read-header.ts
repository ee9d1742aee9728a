import { findLabels, HEADER_LABELS, loose, nearestBelow, nearestRight } from "./anchors.ts";
import { labelText, normalise, onSameLine } from "./layout.ts";
import type { Phrase } from "./text-item.ts";

export type HeaderField = keyof typeof HEADER_LABELS;
export type HeaderText = Record<HeaderField, string | null>;

const ALL_LABELS = Object.values(HEADER_LABELS);

function isHeaderLabel(phrase: Phrase): boolean {
  const text = labelText(phrase.text);
  return ALL_LABELS.some((pattern) => loose(pattern).test(text) && text.split(" ").length <= 2);
}

/**
 * Header labels (`DATE`, `NAME`, `HEIGHT`, `WEIGHT`, `AGE`, `GENDER`) sit just above their values. A label
 * with its value in the same run (`DATE 16-08-2026 18:42`, as OCR sees it) or beside it also reads.
 */
export function readHeader(phrases: readonly Phrase[]): HeaderText {
  const header = {} as HeaderText;
  for (const [field, pattern] of Object.entries(HEADER_LABELS) as [HeaderField, RegExp][]) {
    header[field] = null;
    for (const label of findLabels(phrases, pattern)) {
      const inline = normalise(labelText(label.text).replace(loose(pattern), "")).replace(/^[:\s]+/, "");
      const original = normalise(label.text);
      if (inline !== "") {
        header[field] = original.slice(original.length - inline.length);
        break;
      }
      const notLabel = (phrase: Phrase) => phrase !== label && !isHeaderLabel(phrase);
      const value = nearestBelow(label, phrases, notLabel, 3.5) ?? nearestRight(label, phrases, notLabel);
      if (value) {
        header[field] = field === "date" ? withTime(phrases, value) : value.text;
        break;
      }
    }
  }
  return header;
}

/** The time may be its own run beside the date. */
function withTime(phrases: readonly Phrase[], date: Phrase): string {
  if (/\d{1,2}[:.]\d{2}/.test(date.text)) return date.text;
  const time = phrases.find(
    (phrase) =>
      /^\d{1,2}:\d{2}$/.test(phrase.text) &&
      onSameLine(phrase, date) &&
      phrase.x > date.x &&
      phrase.x - date.right < 4 * date.fontSize,
  );
  return time ? `${date.text} ${time.text}` : date.text;
}
