// A member sends a scan in a chat: ingest it (ingest-scan.ts) and draw the chart the reply carries, from
// what the ingest returned — the scan's history is read once. When the cage is too busy to read it now, the
// kept file is owed a reply: read later (pending-replies.ts), answered in the chat it came from.
import { addPendingReply } from "../db/queries/pending-replies.ts";
import type { ActionDeps } from "./deps.ts";
import { progressChartInput } from "./get-progress.ts";
import type { IngestInput, IngestOutcome } from "./ingest-scan.ts";
import type { Actor, Place } from "./ports.ts";

/** A busy cage is tried again after this long (the member is told "in a minute"). */
export const READ_LATER_AFTER_SECONDS = 20;

export type ScanReply =
  | (Extract<IngestOutcome, { kind: "accepted" }> & {
      /** full-detail progress chart, for a private chat */
      chart: Buffer;
    })
  | Exclude<IngestOutcome, { kind: "accepted" | "busy" }>
  /** not read yet: the file is kept and the member gets the normal reply once it is */
  | { kind: "busy" };

export interface ReceivedFile {
  actor: Actor;
  place: Place;
  bytes: Uint8Array;
  fileName: string | null;
  mimeType: string | null;
  messageId: string | null;
  /** where the group hears about a photo scan once the member saves it, when not the place's chat */
  replyChatId?: string | null;
}

export type IngestScan = (input: IngestInput) => Promise<IngestOutcome>;

export function receiveScan(deps: ActionDeps & { ingestScan: IngestScan }) {
  return async (input: ReceivedFile): Promise<ScanReply> => {
    const outcome = await deps.ingestScan({
      bytes: input.bytes,
      fileName: input.fileName,
      mimeType: input.mimeType,
      platform: input.actor.platform,
      sender: input.actor,
      group:
        input.place.kind === "group"
          ? { platform: input.place.platform, chatId: input.place.chatId, title: input.place.title }
          : null,
      chatId: input.place.chatId,
      messageId: input.messageId,
      replyChatId: input.replyChatId ?? null,
    });
    if (outcome.kind === "busy") {
      await addPendingReply(deps.sql, {
        kind: "read_later",
        memberId: outcome.memberId,
        sha256: outcome.sha256,
        platform: input.actor.platform,
        chatId: input.place.chatId,
        userId: input.actor.userId,
        inGroup: input.place.kind === "group",
        groupId: outcome.groupId,
        messageId: input.messageId,
        fileName: input.fileName,
        mimeType: input.mimeType,
        notBefore: new Date(deps.now().getTime() + READ_LATER_AFTER_SECONDS * 1000),
      });
      return { kind: "busy" };
    }
    return withChart(deps, outcome);
  };
}

/** What a reply needs from an ingest outcome: an accepted scan carries its progress chart. */
export async function withChart(
  deps: Pick<ActionDeps, "charts">,
  outcome: Exclude<IngestOutcome, { kind: "busy" }>,
): Promise<Exclude<ScanReply, { kind: "busy" }>> {
  if (outcome.kind !== "accepted") return outcome;
  const chart = await deps.charts.progress(progressChartInput({ ...outcome, name: outcome.memberName }));
  return { ...outcome, chart };
}
