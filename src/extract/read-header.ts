import { findLabels, HEADER_LABELS, loose } from "./anchors.ts";
import { labelText, normalise, onSameLine } from "./layout.ts";
import type { Claim, Ownership, Relation } from "./ownership.ts";
import type { Phrase } from "./text-item.ts";

export type HeaderField = keyof typeof HEADER_LABELS;
export type HeaderText = Record<HeaderField, string | null>;

export interface HeaderRead {
  text: HeaderText;
  /** the label and value each field was read from (for `pump parse --explain`) */
  claims: Partial<Record<HeaderField, Claim<Phrase, Phrase>>>;
}

/**
 * Header labels (`DATE`, `NAME`, `HEIGHT`, `WEIGHT`, `AGE`, `GENDER`) sit just above their values. A label
 * with its value in the same run (`DATE 16-08-2026 18:42`, as OCR sees it) or beside it also reads. The
 * value is the nearest phrase the label owns (ownership.ts), so a neighbouring label's value is not taken.
 */
export function readHeader(
  phrases: readonly Phrase[],
  labels: readonly Phrase[],
  owners: Ownership<Phrase, Phrase>,
  preferred: Relation | null,
): HeaderRead {
  const text = {} as HeaderText;
  const claims: HeaderRead["claims"] = {};
  for (const [field, pattern] of Object.entries(HEADER_LABELS) as [HeaderField, RegExp][]) {
    text[field] = null;
    const found = findLabels(labels, pattern);
    const inlineLabel = found.find((label) => inlineValue(label, pattern) !== "");
    const claim = owners.pick(found, () => true, preferred);
    if (claim) {
      text[field] = field === "date" ? withTime(phrases, claim.value) : claim.value.text;
      claims[field] = claim;
    } else if (inlineLabel) {
      const inline = inlineValue(inlineLabel, pattern);
      const original = normalise(inlineLabel.text);
      text[field] = original.slice(original.length - inline.length);
      claims[field] = { label: inlineLabel, value: inlineLabel, relation: "beside", cost: 0 };
    }
  }
  return { text, claims };
}

function inlineValue(label: Phrase, pattern: RegExp): string {
  return normalise(labelText(label.text).replace(loose(pattern), "")).replace(/^[:\s]+/, "");
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
