// Replies owed after their update was handled, delivered by the running bot (src/jobs/pending-replies.ts):
//   read_later  — the cage was busy: read the kept file now and give the normal reply;
//   reprocessed — `pump reprocess` read a file refused as unsupported_layout: tell the member, once.
// A reply is claimed with a lease, so a crash mid-delivery delivers it after the restart (a file is never
// dropped); a busy cage or a scan not yet published postpones it.
import { destinationOf } from "../db/queries/group-destinations.ts";
import * as pending from "../db/queries/pending-replies.ts";
import { rawFileBytes } from "../db/queries/scans.ts";
import type { Logger } from "../log.ts";
import type { ActionDeps } from "./deps.ts";
import { describeReport } from "./ingest-scan.ts";
import type { Notifier, ScanDelivery } from "./notifier.ts";
import { type IngestScan, withChart } from "./receive-scan.ts";

/** A claimed reply whose process died is taken again after this long. */
const CLAIM_SECONDS = 120;
/** After this many failed deliveries (the platform kept refusing), it is given up and logged. */
const MAX_ATTEMPTS = 30;

export interface PendingRepliesDeps extends Pick<ActionDeps, "sql" | "charts" | "now"> {
  log: Logger;
  ingestScan: IngestScan;
}

/** Seconds until the next try: soon at first, then every few minutes. */
function backoff(attempts: number): number {
  return Math.min(20 * attempts, 600);
}

const after = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

export function createPendingReplies(deps: PendingRepliesDeps) {
  const { sql, log } = deps;

  /** The reply to give now, "later" when it cannot be given yet, "gone" when nothing is owed any more. */
  async function replyFor(row: pending.PendingReply): Promise<ScanDelivery["reply"] | "later" | "gone"> {
    if (row.kind === "reprocessed") {
      const described = row.scanReportId === null ? null : await describeReport(sql, row.scanReportId);
      return described ? withChart(deps, described) : "later";
    }
    const bytes = await rawFileBytes(sql, row.sha256);
    if (!bytes) return "gone";
    const outcome = await deps.ingestScan({
      bytes,
      fileName: row.fileName,
      mimeType: row.mimeType,
      platform: row.platform,
      memberId: row.memberId,
      groupId: row.groupId,
      chatId: row.chatId,
      messageId: row.messageId,
    });
    return outcome.kind === "busy" ? "later" : withChart(deps, outcome);
  }

  /** Delivers every reply that is due on these bots' platforms; returns how many went out. */
  async function deliverDue(notifiers: Notifier[]): Promise<number> {
    let delivered = 0;
    const platforms = notifiers.map((n) => n.platform);
    for (;;) {
      const now = deps.now();
      const row = await pending.claimPendingReply(sql, platforms, now, after(now, CLAIM_SECONDS));
      if (!row) return delivered;
      const notifier = notifiers.find((n) => n.platform === row.platform)!;
      try {
        const reply = await replyFor(row);
        if (reply === "gone") {
          await pending.finishPendingReply(sql, row.id, "gone");
          continue;
        }
        if (reply === "later") {
          await pending.postponePendingReply(sql, row.id, after(now, backoff(row.attempts)));
          continue;
        }
        const destination =
          row.inGroup && row.groupId !== null ? await destinationOf(sql, row.groupId) : null;
        const result = await notifier.deliverScan({
          reason: row.kind,
          chatId: row.chatId,
          inGroup: row.inGroup,
          userId: row.userId,
          messageId: row.messageId,
          places: destination
            ? [destination.lastScanPlace, destination.chosenPlace].filter((p) => p !== null)
            : [],
          reply,
        });
        await pending.finishPendingReply(sql, row.id, result);
        delivered++;
        log.info({ kind: row.kind, outcome: reply.kind, result }, "owed scan reply delivered");
      } catch (error) {
        const giveUp = row.attempts >= MAX_ATTEMPTS;
        log.error({ kind: row.kind, attempts: row.attempts, err: error }, "owed scan reply failed");
        if (giveUp) await pending.finishPendingReply(sql, row.id, "failed");
        else await pending.postponePendingReply(sql, row.id, after(now, backoff(row.attempts)));
      }
    }
  }

  return { deliverDue };
}
