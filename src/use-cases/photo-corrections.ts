// The words a member types to correct a photo read — "fat 18.2", "weight 81.4, muscle 36", "body fat 22%",
// "date 2026-03-14 07:35" — several per message, masses in the member's units unless a unit is typed.
// The metric words are the ones /goal knows (src/domain/metrics.ts).

import { fromDisplay, METRIC_INFO, parseMetric, type TrackedMetric, type Units } from "../domain/metrics.ts";
import { isPlausible } from "../domain/plausible-values.ts";

export interface Correction {
  metric: TrackedMetric;
  /** canonical units (kg, %, score) */
  value: number;
}

export type ParsedCorrections =
  | { kind: "ok"; values: Correction[]; scannedAt: string | null }
  /** nothing usable, or a part that is not "<what> <number>" */
  | { kind: "not_understood"; part: string | null }
  | { kind: "implausible"; metric: TrackedMetric };

const PAIR = /^([a-z][a-z%_ ]*?)\s*[:=]?\s*(\d+(?:[.,]\d+)?)\s*(kg|lbs?|%)?$/;
const DATE = /\bdate\s*[:=]?\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]+(\d{1,2}):(\d{2}))?/;

/** `currentScannedAt` gives a typed date without a time the printed time. */
export function parseCorrections(
  text: string,
  units: Units,
  currentScannedAt: string | null,
): ParsedCorrections {
  let rest = text.toLowerCase().trim();
  let scannedAt: string | null = null;
  const date = DATE.exec(rest);
  if (date) {
    const [, y, mo, d, h, mi] = date;
    const day = `${y}-${mo!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
    const parsed = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day)
      return { kind: "not_understood", part: date[0] };
    const time = h ? `${h.padStart(2, "0")}:${mi}` : (currentScannedAt?.slice(11, 16) ?? "00:00");
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return { kind: "not_understood", part: date[0] };
    scannedAt = `${day}T${time}`;
    rest = rest.replace(date[0], " ");
  }
  const values: Correction[] = [];
  // "weight 81.4, muscle 36" / "weight 81.4 muscle 36" / one per line; "18,2" is a decimal comma
  const parts = rest
    .split(/(?<!\d),|,(?!\d)|[;\n]+|\s+and\s+|(?<=\d(?:\s*(?:kg|lbs?|%))?)\s+(?=[a-z])(?!(?:kg|lbs?)\b)/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const match = PAIR.exec(part);
    if (!match) return { kind: "not_understood", part };
    const [, word, number, unit] = match;
    let metric = parseMetric(word!.replace(/%$/, "").trim());
    if (word!.trim().endsWith("%") || unit === "%") metric = percentOf(metric);
    if (!metric) return { kind: "not_understood", part };
    const kind = METRIC_INFO[metric].kind;
    if (unit === "%" && kind !== "percent") return { kind: "not_understood", part };
    if (unit && unit !== "%" && kind !== "mass") return { kind: "not_understood", part };
    const typedUnits: Units = unit ? (unit.startsWith("lb") ? "lb" : "kg") : units;
    const value = fromDisplay(metric, Number(number!.replace(",", ".")), typedUnits);
    if (!isPlausible(metric, value)) return { kind: "implausible", metric };
    values.push({ metric, value: Math.round(value * 100) / 100 });
  }
  if (values.length === 0 && scannedAt === null) return { kind: "not_understood", part: null };
  return { kind: "ok", values, scannedAt };
}

/** "fat %" / "fat 22%" is body fat, whatever "fat" alone means. */
function percentOf(metric: TrackedMetric | null): TrackedMetric | null {
  if (metric === "body_fat_mass_kg" || metric === "body_fat_pct") return "body_fat_pct";
  return metric && METRIC_INFO[metric].kind === "percent" ? metric : null;
}
