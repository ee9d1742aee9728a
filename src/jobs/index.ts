// Starts the job layer on a built core: pg-boss, then every job family registers its queues and schedules.
import type PgBoss from "pg-boss";
import type { Core } from "../compose-core.ts";
import type { Notifier } from "../use-cases/ports.ts";
import { type BossOptions, startBoss } from "./boss.ts";
import { modelRefreshJobs } from "./model-refresh.ts";
import { sheetMirrorJobs } from "./sheet-mirror.ts";
import { weeklySummaryJobs } from "./weekly-summary.ts";

export interface JobContext {
  boss: PgBoss;
  core: Core;
  /** the running bots, to post summaries and reminders through */
  notifiers: Notifier[];
}

export interface RunningJobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

type JobFamily = (context: JobContext) => Promise<void>;

/** Each job family adds itself here (sheet mirror, weekly summaries, reminders). */
const FAMILIES: JobFamily[] = [modelRefreshJobs, sheetMirrorJobs, weeklySummaryJobs];

export async function startJobs(
  core: Core,
  notifiers: Notifier[],
  options: BossOptions = {},
): Promise<RunningJobs> {
  const boss = await startBoss(core.database.url, core.log, options);
  const context: JobContext = { boss, core, notifiers };
  for (const family of FAMILIES) await family(context);
  return {
    boss,
    stop: async () => {
      core.hooks.membersChanged = async () => {};
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
