// What every job family is given: pg-boss, the parts of the core the jobs use, and the running bots.
import type PgBoss from "pg-boss";
import type { Sql } from "postgres";
import type { Logger } from "../log.ts";
import type { Notifier } from "../use-cases/notifier.ts";
import type { BoardAsOf, ChartRenderer, Clock, PublishedPort } from "../use-cases/ports.ts";

export interface JobCore {
  sql: Sql;
  log: Logger;
  now: Clock;
  charts: ChartRenderer;
  defaultTimeZone: string;
  runPipeline(memberIds: number[], fullRefresh?: boolean): Promise<{ ms: number }>;
  boardAsOf: BoardAsOf;
  /** scan replies owed after their update (read later, read after a parser update) */
  pendingReplies: { deliverDue(notifiers: Notifier[]): Promise<number> };
  /** one group's time-dependent model rows, in small transactions (pipeline refreshClock) */
  refreshClock(groupId: number): Promise<void>;
  /** gold changed for these members outside a chat action (a challenge finished): the Sheet follows */
  published?: PublishedPort;
}

export interface JobContext {
  boss: PgBoss;
  core: JobCore;
  /** the running bots, to post summaries and reminders through */
  notifiers: Notifier[];
}

/** Registers a family's queues, workers and schedules. */
export type JobFamily = (context: JobContext) => Promise<void>;
