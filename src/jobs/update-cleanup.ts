// Handled chat updates are remembered so a redelivery is answered once; after a week no platform redelivers
// them, so they are forgotten. An update kept for resuming that nobody finished in a day (its bot's token
// changed, it stopped its handler every time) loses its message text. Hourly, one run across all instances.
import type { Sql } from "postgres";
import { forgetOldUpdates } from "../db/queries/updates.ts";
import type { Logger } from "../log.ts";
import type { Clock } from "../use-cases/ports.ts";
import type { JobContext } from "./context.ts";
import { scheduleTick } from "./tick.ts";

export const UPDATE_CLEANUP_QUEUE = "update-cleanup-tick";
const KEEP_DONE_DAYS = 7;
const DROP_UNFINISHED_HOURS = 24;

export async function forgetOldChatUpdates(deps: { sql: Sql; log: Logger; now: Clock }): Promise<void> {
  const forgotten = await forgetOldUpdates(deps.sql, deps.now(), KEEP_DONE_DAYS, DROP_UNFINISHED_HOURS);
  if (forgotten.unfinished > 0)
    deps.log.warn({ updates: forgotten.unfinished }, "chat updates nobody finished in a day were dropped");
  if (forgotten.done > 0) deps.log.info({ updates: forgotten.done }, "old handled chat updates forgotten");
}

export async function updateCleanupJobs({ boss, core }: JobContext): Promise<void> {
  await scheduleTick(boss, UPDATE_CLEANUP_QUEUE, "17 * * * *", () => forgetOldChatUpdates(core));
}
