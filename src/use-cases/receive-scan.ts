// A member sends a scan in a chat: ingest it (ingest-scan.ts) and draw the chart the reply carries, from
// what the ingest returned — the scan's history is read once.
import type { ActionDeps } from "./deps.ts";
import { progressChartInput } from "./get-progress.ts";
import type { IngestInput, IngestOutcome } from "./ingest-scan.ts";
import type { Actor, Place } from "./ports.ts";

export type ScanReply =
  | (Extract<IngestOutcome, { kind: "accepted" }> & {
      /** full-detail progress chart, for a private chat */
      chart: Buffer;
    })
  | Exclude<IngestOutcome, { kind: "accepted" }>;

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

export function receiveScan(deps: ActionDeps & { ingestScan(input: IngestInput): Promise<IngestOutcome> }) {
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
    return withChart(deps, outcome);
  };
}

/** An accepted scan's reply carries the member's progress chart. */
export async function withChart(
  deps: Pick<ActionDeps, "charts">,
  outcome: IngestOutcome,
): Promise<ScanReply> {
  if (outcome.kind !== "accepted") return outcome;
  const chart = await deps.charts.progress(progressChartInput({ ...outcome, name: outcome.memberName }));
  return { ...outcome, chart };
}
