// The member taps Fix under a photo read, then types corrections ("fat 18.2", "weight 81.4") in the private
// chat; each message updates the read, which is shown again with its buttons.
import * as photoReads from "../db/queries/photo-reads.ts";
import type { TrackedMetric } from "../domain/metrics.ts";
import type { MetricKey } from "../domain/scan-record.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import { parseCorrections } from "./photo-corrections.ts";
import { correctRecord } from "./photo-read-record.ts";
import { type PhotoRead, photoReadView } from "./photo-read-view.ts";
import type { Actor } from "./ports.ts";

export type FixRequest = { kind: "gone" } | { kind: "not_yours" } | { kind: "asked"; read: PhotoRead };

export function askToFixPhotoRead(deps: ActionDeps) {
  return async (input: { actor: Actor; readId: number }): Promise<FixRequest> => {
    const member = await memberOf(deps.sql, input.actor);
    const row = await photoReads.openPhotoRead(deps.sql, input.readId, deps.now());
    if (!row) return { kind: "gone" };
    if (row.memberId !== member.id) return { kind: "not_yours" };
    await photoReads.markFixing(deps.sql, row.id);
    return { kind: "asked", read: photoReadView(row, member.units) };
  };
}

export type CorrectionOutcome =
  /** no read waits for this member's words: the message was about something else */
  | { kind: "no_open_read" }
  | { kind: "not_understood"; part: string | null; read: PhotoRead }
  | { kind: "implausible"; metric: TrackedMetric; read: PhotoRead }
  /** what they typed disagrees with itself (lean + fat ≠ weight …) */
  | { kind: "conflict"; keys: MetricKey[]; read: PhotoRead }
  | { kind: "corrected"; read: PhotoRead };

export function correctPhotoRead(deps: ActionDeps) {
  return async (input: { actor: Actor; text: string }): Promise<CorrectionOutcome> => {
    const member = await memberOf(deps.sql, input.actor);
    const row = await photoReads.latestOpenPhotoRead(deps.sql, member.id, deps.now());
    if (!row) return { kind: "no_open_read" };
    const read = photoReadView(row, member.units);
    const parsed = parseCorrections(input.text, member.units, read.scannedAt);
    // before Fix, only a message that reads wholly as corrections is taken as one
    if (parsed.kind !== "ok" && !row.fixing) return { kind: "no_open_read" };
    if (parsed.kind === "not_understood") return { kind: "not_understood", part: parsed.part, read };
    if (parsed.kind === "implausible") return { kind: "implausible", metric: parsed.metric, read };
    const next = correctRecord(row.record, parsed, row.corrected);
    if (next.kind === "conflict") return { kind: "conflict", keys: next.keys, read };
    if (!(await photoReads.updatePhotoRead(deps.sql, row.id, next.record, next.corrected)))
      return { kind: "no_open_read" };
    const updated = { ...row, record: next.record, corrected: next.corrected };
    return { kind: "corrected", read: photoReadView(updated, member.units) };
  };
}
