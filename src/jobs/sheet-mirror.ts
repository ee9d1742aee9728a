// Job family of the Sheet mirror. One job = "make the Sheet equal gold.sheet_rows now" (sheet-sync.ts).
//
// - Queue `sheet-sync`, policy `stately`, singletonKey = the target: at most one job waiting and one
//   running per spreadsheet. A burst of scans collapses into one waiting job, which reads gold when it
//   starts, so it covers every change committed before it. The sync also takes an advisory lock, so a
//   `pump sheets:resync` or a second instance never runs beside it.
// - Enqueued through the core's published port (new scan, void, hide/show, /forget), at start-up, and
//   every 15 minutes by the `sheet-reconcile` schedule, which repairs hand edits and deletions in the Sheet
//   and anything a failed job left behind.
// - SheetRetryableError (429, 5xx, network, lost answers) → the job fails and pg-boss retries it with
//   backoff, up to 1000 times; the reconcile schedule enqueues a fresh attempt every 15 minutes anyway,
//   so hours of Google downtime lose nothing (the desired state lives in Postgres, not in the job).
// - SheetPermanentError (not shared, wrong id, bad key) → logged once per attempt with the operator
//   message, recorded in app.sheet_sync_state, job completed (retrying cannot help); the next reconcile
//   tries again, so fixing the sharing is enough.
import type PgBoss from "pg-boss";
import type { Sql } from "postgres";
import { activeJobIds } from "../db/queries/job-queue.ts";
import type { Logger } from "../log.ts";
import { SheetPermanentError, SheetRetryableError } from "../sheets/index.ts";
import type { PublishedPort } from "../use-cases/ports.ts";
import type { JobFamily } from "./context.ts";
import {
  runSheetSync,
  type SheetSyncSummary,
  type SheetTarget,
  type SyncReason,
  withSyncLock,
} from "./sheet-sync.ts";

export const SHEET_SYNC_QUEUE = "sheet-sync";
export const SHEET_RECONCILE_QUEUE = "sheet-reconcile";
export const SHEET_RECONCILE_CRON = "*/15 * * * *";

export interface SheetSyncJobData {
  target: string;
  reason: SyncReason;
}

export interface SheetRetryPolicy {
  limit: number;
  delaySeconds: number;
  backoff: boolean;
}

/** 5-10 s, then doubling (pg-boss caps the exponent); the 15-minute reconcile is the floor. */
export const DEFAULT_SHEET_RETRY: SheetRetryPolicy = { limit: 1000, delaySeconds: 5, backoff: true };

export interface SheetMirrorOptions {
  retry?: SheetRetryPolicy;
  /** cron of the reconcile; null = no schedule (tests send reconcile jobs themselves) */
  reconcileCron?: string | null;
  /** how long a sync waits for another one on the same target before retrying later */
  lockWaitMs?: number;
}

/** pg-boss send options of a sync job: one waiting + one running per target. */
export function sheetSyncSendOptions(target: string, retry: SheetRetryPolicy): PgBoss.SendOptions {
  return {
    singletonKey: target,
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    // a crashed process leaves its job active until this expires; a sync takes seconds
    expireInSeconds: 600,
  };
}

/** Queues a sync; null when one is already waiting for this target (it will see the same changes). */
export function enqueueSheetSync(
  boss: PgBoss,
  target: string,
  reason: SyncReason,
  retry: SheetRetryPolicy = DEFAULT_SHEET_RETRY,
): Promise<string | null> {
  const data: SheetSyncJobData = { target, reason };
  return boss.send(SHEET_SYNC_QUEUE, data, sheetSyncSendOptions(target, retry));
}

export interface SheetMirror {
  /** the core's published port: queues a sync; never throws, and stays quiet once the mirror stopped */
  published: PublishedPort;
  /** the job family: sync and reconcile workers, the reconcile schedule, and a sync at start-up */
  jobs: JobFamily;
  /** the job layer is stopping: later changes are caught by the next start-up sync */
  stop(): void;
}

/**
 * Creates the mirror's queues so that the core can be built with its published port; the workers start
 * with `jobs`, once the core runs. Without a target the mirror does nothing (and says so).
 */
export async function openSheetMirror(
  deps: { boss: PgBoss; sql: Sql; log: Logger; target: SheetTarget | null },
  options: SheetMirrorOptions = {},
): Promise<SheetMirror> {
  const { boss, sql, target } = deps;
  const log = deps.log.child({ job: "sheet-mirror" });
  if (!target) {
    return {
      published: async () => {},
      jobs: async () => log.warn("no Sheet target configured: the Sheet mirror does not run"),
      stop: () => {},
    };
  }
  const retry = options.retry ?? DEFAULT_SHEET_RETRY;
  const syncDeps = {
    sql,
    log,
    target,
    ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}),
  };
  await boss.createQueue(SHEET_SYNC_QUEUE, {
    name: SHEET_SYNC_QUEUE,
    policy: "stately",
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
  });
  await boss.createQueue(SHEET_RECONCILE_QUEUE, { name: SHEET_RECONCILE_QUEUE, policy: "stately" });

  let syncWorker: string | null = null;
  let stopped = false;
  const enqueue = async (reason: SyncReason) => {
    const id = await enqueueSheetSync(boss, target.key, reason, retry);
    // this process's worker starts at once instead of at its next poll (other instances poll)
    if (syncWorker) boss.notifyWorker(syncWorker);
    return id;
  };

  const jobs = async (): Promise<void> => {
    await reclaimOrphanedJobs(boss, syncDeps, log);
    syncWorker = await boss.work<SheetSyncJobData>(SHEET_SYNC_QUEUE, { batchSize: 1 }, async ([job]) => {
      const reason = job?.data?.reason ?? "members-changed";
      try {
        const summary = await runSheetSync(syncDeps, reason);
        logSummary(log, target, summary);
        return {
          rows: summary.rows,
          appended: summary.appended,
          updated: summary.updated,
          deleted: summary.deleted,
        };
      } catch (error) {
        if (error instanceof SheetPermanentError) {
          log.error(
            { target: target.label, status: error.status },
            `Sheet mirror cannot write until someone fixes this: ${error.message}`,
          );
          return { permanentError: error.message };
        }
        if (error instanceof SheetRetryableError) {
          log.warn({ target: target.label }, `Sheet sync will be retried: ${error.message}`);
        } else {
          log.error({ err: error, target: target.label }, "Sheet sync failed; it will be retried");
        }
        throw error;
      }
    });
    await boss.work(SHEET_RECONCILE_QUEUE, { batchSize: 1 }, async () => {
      await enqueue("reconcile");
    });
    const cron = options.reconcileCron === undefined ? SHEET_RECONCILE_CRON : options.reconcileCron;
    if (cron) await boss.schedule(SHEET_RECONCILE_QUEUE, cron, {}, { singletonKey: target.key });
    else await boss.unschedule(SHEET_RECONCILE_QUEUE);
    // whatever changed while the job layer was down (CLI ingests, reprocess, a crash mid-sync)
    await enqueue("startup");
    log.info({ target: target.label }, "Sheet mirror running");
  };

  return {
    published: async (memberIds) => {
      if (stopped) return;
      try {
        await enqueue("members-changed");
      } catch (error) {
        // never into the ingest: the reconcile schedule will pick the change up
        log.error({ err: error, members: memberIds.length }, "could not queue a Sheet sync");
      }
    },
    jobs,
    stop: () => {
      stopped = true;
    },
  };
}

/**
 * A process that stops (or dies) while its worker is fetching can leave a job "active" that nobody runs;
 * with the stately policy it would block this target's queue until it expires. Under the sync lock no
 * sync of this target is running anywhere, so an active job is an orphan (or, within milliseconds of its
 * start, another instance's job — failing it only costs one redundant sync): fail it so it is retried.
 */
async function reclaimOrphanedJobs(
  boss: PgBoss,
  deps: { sql: Sql; target: SheetTarget; lockWaitMs?: number },
  log: Logger,
): Promise<void> {
  const { sql, target } = deps;
  try {
    await withSyncLock(sql, target.key, deps.lockWaitMs ?? 60_000, async () => {
      for (const queue of [SHEET_SYNC_QUEUE, SHEET_RECONCILE_QUEUE]) {
        const ids = await activeJobIds(sql, queue, queue === SHEET_RECONCILE_QUEUE ? null : target.key);
        if (ids.length === 0) continue;
        for (const id of ids) await boss.fail(queue, id, { message: "left active by a stopped process" });
        log.info({ queue, jobs: ids.length }, "re-queued jobs a stopped process left active");
      }
    });
  } catch (error) {
    // another sync is running for a long time: its jobs are alive; expiry handles true orphans
    log.warn({ err: error }, "could not check for orphaned Sheet jobs");
  }
}

function logSummary(log: Logger, target: SheetTarget, s: SheetSyncSummary): void {
  const counts = {
    target: target.label,
    reason: s.reason,
    tabs: s.tabs,
    rows: s.rows,
    appended: s.appended,
    updated: s.updated,
    deleted: s.deleted,
    emptiedTabs: s.emptied.length,
    writeRequests: s.writeRequests,
    ms: s.durationMs,
  };
  const changed = s.appended + s.updated + s.deleted > 0;
  if (changed && (s.reason === "reconcile" || s.reason === "startup")) {
    // nothing new was expected: a person edited or deleted rows, or changes happened while jobs were down
    log.warn(counts, "the Sheet differed from the database and was restored");
  } else {
    log.info(counts, changed ? "Sheet synced" : "Sheet already up to date");
  }
  for (const [tab, rows] of Object.entries(s.unknownRows)) {
    log.info({ tab, rows }, "rows the bot did not write were left alone in the Sheet");
  }
}
