// Number and range syntax as printed on the sheet, including OCR-ish variants (evolt-report.md §13):
// thousands separators ("1,850"), ranges without spaces ("[8.6-10.6]") or without a dash.

const NUMBER = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
export const NUMBER_SOURCE = NUMBER;

const WHOLE_NUMBER = new RegExp(`^${NUMBER}$`);

export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!WHOLE_NUMBER.test(trimmed)) return null;
  const value = Number(trimmed.replaceAll(",", ""));
  return Number.isFinite(value) ? value : null;
}

export interface Bracket {
  lo: number;
  /** null for a single figure such as the share brackets `[ 21% ]` */
  hi: number | null;
  percent: boolean;
}

const BRACKET = new RegExp(
  String.raw`^\[\s*(${NUMBER})\s*(%?)(?:(?:\s*(?:-|–|—|to)\s*|\s+)(${NUMBER})\s*(%?))?\s*\]$`,
  "i",
);

export function parseBracket(text: string): Bracket | null {
  const match = BRACKET.exec(text.trim());
  if (!match) return null;
  const lo = parseNumber(match[1] ?? "");
  if (lo === null) return null;
  const hi = match[3] ? parseNumber(match[3]) : null;
  return { lo, hi, percent: Boolean(match[2] || match[4]) };
}

/** `2300 - 2400`, `150g - 158g`, `2,300 – 2,400 KCAL`, OCR without dash `2300 2400`. */
const SPAN = new RegExp(
  String.raw`^(${NUMBER})\s*(?:g|kcal)?(?:\s*(?:-|–|—|to)\s*|\s+)(${NUMBER})\s*(?:g|kcal)?$`,
  "i",
);

export function parseSpan(text: string): [number, number] | null {
  const match = SPAN.exec(text.trim());
  if (!match) return null;
  const lo = parseNumber(match[1] ?? "");
  const hi = parseNumber(match[2] ?? "");
  if (lo === null || hi === null || hi < lo) return null;
  return [lo, hi];
}
