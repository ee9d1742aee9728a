// Photo reads nobody saved are forgotten with their image a day after they arrived. Reads are already
// refused once expired; this tick deletes them (every 10 minutes, one run across all instances).
import type { Sql } from "postgres";
import { deleteExpiredPhotoReads } from "../db/queries/photo-reads.ts";
import type { Logger } from "../log.ts";
import type { Clock } from "../use-cases/ports.ts";
import type { JobContext } from "./context.ts";
import { scheduleTick } from "./tick.ts";

export const PHOTO_READ_EXPIRY_QUEUE = "photo-read-expiry-tick";

export async function forgetExpiredPhotoReads(deps: { sql: Sql; log: Logger; now: Clock }): Promise<number> {
  const forgotten = await deleteExpiredPhotoReads(deps.sql, deps.now());
  if (forgotten > 0) deps.log.info({ forgotten }, "expired photo reads forgotten");
  return forgotten;
}

export async function photoReadExpiryJobs({ boss, core }: JobContext): Promise<void> {
  await scheduleTick(boss, PHOTO_READ_EXPIRY_QUEUE, "*/10 * * * *", () => forgetExpiredPhotoReads(core));
}
