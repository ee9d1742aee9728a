// The job layer: pg-boss on the app's own database, and every job family. It opens before the core, so
// the core is built with the Sheet mirror's queue as its published port; the families start once the
// core and the bots run (summaries and reminders post through the bots).
import type PgBoss from "pg-boss";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "../log.ts";
import type { Notifier } from "../use-cases/notifier.ts";
import type { PublishedPort } from "../use-cases/ports.ts";
import { type BossOptions, startBoss } from "./boss.ts";
import { challengeJobs } from "./challenge-finish.ts";
import type { JobCore, JobFamily } from "./context.ts";
import { modelRefreshJobs } from "./model-refresh.ts";
import { pendingReplyJobs } from "./pending-replies.ts";
import { photoReadExpiryJobs } from "./photo-read-expiry.ts";
import { rescanReminderJobs } from "./reminders.ts";
import { openSheetMirror, type SheetMirrorOptions } from "./sheet-mirror.ts";
import { sheetTarget } from "./sheet-sync.ts";
import { updateCleanupJobs } from "./update-cleanup.ts";
import { weeklySummaryJobs } from "./weekly-summary.ts";

export interface JobLayer {
  boss: PgBoss;
  /** what the core is built with: gold changed for these members, the Sheet mirror follows */
  published: PublishedPort;
  start(core: JobCore, notifiers: Notifier[]): Promise<void>;
  stop(): Promise<void>;
}

export interface JobLayerOptions extends BossOptions {
  sheetMirror?: SheetMirrorOptions;
}

export async function openJobs(
  database: Pick<Database, "sql" | "url">,
  config: Partial<Pick<Config, "sheets">>,
  log: Logger,
  options: JobLayerOptions = {},
): Promise<JobLayer> {
  const boss = await startBoss(database, log, options);
  const target = config.sheets ? sheetTarget(config.sheets) : null;
  const sheetMirror = await openSheetMirror({ boss, sql: database.sql, log, target }, options.sheetMirror);
  /** every job family, in start order */
  const families: JobFamily[] = [
    modelRefreshJobs,
    sheetMirror.jobs,
    weeklySummaryJobs,
    rescanReminderJobs,
    photoReadExpiryJobs,
    updateCleanupJobs,
    pendingReplyJobs,
    challengeJobs,
  ];
  return {
    boss,
    published: sheetMirror.published,
    async start(core, notifiers) {
      for (const family of families) await family({ boss, core, notifiers });
    },
    async stop() {
      sheetMirror.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
