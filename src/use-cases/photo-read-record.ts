// A photo read's record after the member's corrections: typed values replace read ones, and a read value
// that now disagrees with the sheet's sums is let go of (src/domain/sheet-sums.ts).

import type { ScanRecord } from "../domain/scan-record.ts";
import { type Reconciled, reconcileSums } from "../domain/sheet-sums.ts";
import type { Correction } from "./photo-corrections.ts";

export type Corrected =
  | { kind: "ok"; record: ScanRecord; corrected: string[] }
  | Extract<Reconciled, { kind: "conflict" }>;

export function correctRecord(
  record: ScanRecord,
  change: { values: Correction[]; scannedAt: string | null },
  alreadyCorrected: readonly string[],
): Corrected {
  const corrected = new Set(alreadyCorrected);
  const metrics = { ...record.metrics };
  for (const { metric, value } of change.values) {
    metrics[metric] = value;
    corrected.add(metric);
  }
  const next: ScanRecord = { ...record, metrics };
  if (change.scannedAt) {
    next.scanned_at = change.scannedAt;
    next.date_confidence = "certain";
    corrected.add("scanned_at");
  }
  const reconciled = reconcileSums(metrics, corrected);
  if (reconciled.kind === "conflict") return reconciled;
  return { kind: "ok", record: { ...next, metrics: reconciled.metrics }, corrected: [...corrected] };
}
