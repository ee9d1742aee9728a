// A photo read as the member sees it before Save: the headline numbers, what could not be read, what they
// typed themselves. Built from the stored read; bot/replies words it.
import type { PhotoReadRow } from "../db/queries/photo-reads.ts";
import type { TrackedMetric, Units } from "../domain/metrics.ts";
import { METRIC_KEYS } from "../domain/scan-record.ts";

/** What the read shows first, in this order (and what Fix can change most often). */
export const PHOTO_READ_HEADLINE: readonly TrackedMetric[] = [
  "weight_kg",
  "body_fat_pct",
  "body_fat_mass_kg",
  "skeletal_muscle_mass_kg",
];

/** An unanswered read is forgotten, with its image, after this long. */
export const PHOTO_READ_TTL_MS = 24 * 60 * 60_000;

export interface PhotoRead {
  id: number;
  units: Units;
  /** the printed time, null while unread */
  scannedAt: string | null;
  dateTyped: boolean;
  headline: { metric: TrackedMetric; value: number | null; typed: boolean }[];
  /** how many of the sheet's other values could not be read (they stay empty once saved) */
  otherUnread: number;
}

export function photoReadView(row: PhotoReadRow, units: Units): PhotoRead {
  const { metrics } = row.record;
  const typed = new Set(row.corrected);
  return {
    id: row.id,
    units,
    scannedAt: row.record.scanned_at || null,
    dateTyped: typed.has("scanned_at"),
    headline: PHOTO_READ_HEADLINE.map((metric) => ({
      metric,
      value: metrics[metric] ?? null,
      typed: typed.has(metric),
    })),
    otherUnread: METRIC_KEYS.filter(
      (key) => !(PHOTO_READ_HEADLINE as readonly string[]).includes(key) && metrics[key] == null,
    ).length,
  };
}

/** What Save still needs: a scan without its date or weight cannot be published. */
export function missingForSave(read: PhotoRead): ("date" | "weight_kg")[] {
  const missing: ("date" | "weight_kg")[] = [];
  if (!read.scannedAt) missing.push("date");
  if (read.headline.find((h) => h.metric === "weight_kg")?.value == null) missing.push("weight_kg");
  return missing;
}
