// The member taps Save under a photo read: it goes through the one ingest path as the record they
// confirmed (the image is its raw file), and the read is forgotten.
import * as photoReads from "../db/queries/photo-reads.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { IngestInput, IngestOutcome } from "./ingest-scan.ts";
import { missingForSave, type PhotoRead, photoReadView } from "./photo-read-view.ts";
import type { Actor } from "./ports.ts";
import { type ScanReply, withChart } from "./receive-scan.ts";

export type SavedPhotoRead =
  /** saved before, expired, or forgotten */
  | { kind: "gone" }
  | { kind: "not_yours" }
  | { kind: "incomplete"; read: PhotoRead; missing: ("date" | "weight_kg")[] }
  | {
      kind: "saved";
      scan: ScanReply;
      /** the group chat the photo came from, to tell it about the scan (relative words only) */
      group: { chatId: string; messageId: string | null } | null;
    };

export function savePhotoRead(deps: ActionDeps & { ingestScan(input: IngestInput): Promise<IngestOutcome> }) {
  return async (input: { actor: Actor; readId: number }): Promise<SavedPhotoRead> => {
    const member = await memberOf(deps.sql, input.actor);
    const row = await photoReads.openPhotoRead(deps.sql, input.readId, deps.now());
    if (!row) return { kind: "gone" };
    if (row.memberId !== member.id) return { kind: "not_yours" };
    const read = photoReadView(row, member.units);
    const missing = missingForSave(read);
    if (missing.length > 0) return { kind: "incomplete", read, missing };
    const outcome = await deps.ingestScan({
      bytes: new Uint8Array(row.bytes),
      fileName: row.fileName,
      mimeType: row.mimeType,
      platform: row.platform,
      memberId: member.id,
      groupId: row.groupId,
      chatId: row.chatId,
      messageId: row.messageId,
      confirmedRecord: row.record,
    });
    // after the ingest: a crash in between leaves the read, and Save again finds the scan already there
    await photoReads.deletePhotoRead(deps.sql, row.id);
    deps.log.info({ memberId: member.id, outcome: outcome.kind }, "photo read saved");
    const group =
      row.groupId !== null && row.replyChatId ? { chatId: row.replyChatId, messageId: row.messageId } : null;
    return { kind: "saved", scan: await withChart(deps, outcome), group };
  };
}
