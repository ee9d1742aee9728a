// Hand-made use-case results for the reply builders: a member's scans with their changes, as gold has them.
import type { ProgressRow } from "../../../src/db/queries/gold.ts";
import { type ChangeClass, TRACKED_METRICS, type TrackedMetric } from "../../../src/domain/metrics.ts";
import { classify, type NoiseThreshold } from "../../../src/domain/progress.ts";
import type { ScanRecord } from "../../../src/domain/scan-record.ts";
import type { ScanReply } from "../../../src/use-cases/receive-scan.ts";
import { makeRecord } from "../../support/records.ts";

export const NOISE: NoiseThreshold[] = [
  { metric: "weight_kg", likelyAt: 0.5, realAt: 1 },
  { metric: "body_fat_mass_kg", likelyAt: 0.5, realAt: 0.9 },
  { metric: "body_fat_pct", likelyAt: 0.4, realAt: 1.2 },
  { metric: "skeletal_muscle_mass_kg", likelyAt: 0.3, realAt: 0.6 },
  { metric: "lean_body_mass_kg", likelyAt: 0.5, realAt: 0.9 },
];

export type Values = Partial<Record<TrackedMetric, number>>;

/** Rows of one member's scans, each with its changes against the previous and the first scan. */
export function history(scans: { at: string; values: Values }[]): ProgressRow[] {
  const value = (i: number, m: TrackedMetric) => scans[i]?.values[m] ?? null;
  const cls = (delta: number | null, m: TrackedMetric): ChangeClass | null => {
    const noise = NOISE.find((n) => n.metric === m);
    return delta === null ? null : noise ? classify(delta, noise) : "within_noise";
  };
  return scans.map((scan, i) => {
    const values = Object.fromEntries(TRACKED_METRICS.map((m) => [m, value(i, m)])) as ProgressRow["values"];
    const changes = TRACKED_METRICS.map((metric) => {
      const now = value(i, metric);
      const prev = i > 0 ? value(i - 1, metric) : null;
      const base = i > 0 ? value(0, metric) : null;
      const deltaPrev = now !== null && prev !== null ? now - prev : null;
      const deltaBase = now !== null && base !== null ? now - base : null;
      return {
        metric,
        value: now,
        deltaPrev,
        deltaBase,
        classPrev: cls(deltaPrev, metric),
        classBase: cls(deltaBase, metric),
      };
    });
    return { scanId: `scan_${i}`, scanNumber: i + 1, scannedAt: scan.at, values, changes };
  });
}

/** What a chat gets back for an accepted scan: the last row of `rows` is the new one. */
export function acceptedScan(
  rows: ProgressRow[],
  extra: Partial<Extract<ScanReply, { kind: "accepted" }>> = {},
): Extract<ScanReply, { kind: "accepted" }> {
  const index = rows.length - 1;
  const record: ScanRecord = makeRecord({ scannedAt: rows[index]!.scannedAt, weightKg: 80, fatPct: 20 });
  return {
    kind: "accepted",
    memberId: 1,
    memberName: "Ana <Silva>",
    units: "kg",
    groupId: null,
    scanReportId: 7,
    scanId: rows[index]!.scanId,
    record,
    history: rows,
    current: rows[index]!,
    previous: index > 0 ? rows[index - 1]! : null,
    baseline: index > 0 ? rows[0]! : null,
    goals: [],
    milestones: [],
    noise: NOISE,
    nameMismatch: null,
    warnings: [],
    chart: Buffer.from("png"),
    ...extra,
  };
}
