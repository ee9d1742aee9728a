// Text helpers: names that render with the bundled font, ellipsis fitting, word wrapping.
import type { SKRSContext2D } from "@napi-rs/canvas";

// Emoji, flags, skin tones, joiners and variation selectors: the bundled font has none of them, and a
// missing glyph would draw as an empty box.
const EMOJI =
  /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0E|\uFE0F|\u20E3)/gu;
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

/** A display name safe for the bundled font: emoji and control characters removed, whitespace collapsed. */
export function cleanName(name: string, fallback = "Member"): string {
  const cleaned = name.replace(EMOJI, " ").replace(CONTROL, "").replace(/\s+/g, " ").trim();
  return cleaned.length > 0 ? cleaned : fallback;
}

/** Shortens `text` with an ellipsis so it fits `maxWidth` in the context's current font. */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = `${chars.slice(0, mid).join("").trimEnd()}…`;
    if (ctx.measureText(candidate).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? "…" : `${chars.slice(0, lo).join("").trimEnd()}…`;
}

/** Splits `text` into lines no wider than `maxWidth`; words longer than a line are ellipsised. */
export function wrapText(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= maxWidth) {
      line = next;
    } else {
      if (line) lines.push(line);
      line = fitText(ctx, word, maxWidth);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Joins names with ", " into at most `maxLines` lines; when they do not fit, the last line ends with
 * "+N more".
 */
export function wrapNames(ctx: SKRSContext2D, names: string[], maxWidth: number, maxLines: number): string[] {
  for (let shown = names.length; shown >= 1; shown--) {
    const rest = names.length - shown;
    const text = names.slice(0, shown).join(", ") + (rest > 0 ? ` +${rest} more` : "");
    const lines = wrapText(ctx, text, maxWidth);
    if (lines.length <= maxLines) return lines;
  }
  return [fitText(ctx, `${names.length} members`, maxWidth)];
}
