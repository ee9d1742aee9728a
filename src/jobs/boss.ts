// pg-boss on the app's own Postgres: durable retries for the Sheet mirror and once-only weekly summaries,
// across restarts and instances, without a second server. pg-boss brings its own `pg` pool (postgres.js
// refuses the multi-statement transactions pg-boss sends), pointed at the same database.
import PgBoss from "pg-boss";
import type { Sql } from "postgres";
import { withAdvisoryLock } from "../db/queries/locks.ts";
import type { Logger } from "../log.ts";

export interface BossOptions {
  /** seconds between polls of a queue (tests use short ones) */
  pollingIntervalSeconds?: number;
  /** run the cron monitor (every instance may; pg-boss makes each cron fire once) */
  schedule?: boolean;
  max?: number;
}

/**
 * pg options for the app's database URL. A normal URL goes through as a connection string (so sslmode and
 * friends work as in libpq); the embedded server's `?host=/socket/dir` becomes an explicit socket host.
 */
export function pgOptions(url: string): PgBoss.DatabaseOptions {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get("host");
  if (!socketDir) return { connectionString: url };
  return {
    host: socketDir,
    port: parsed.port ? Number(parsed.port) : 5432,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    user: decodeURIComponent(parsed.username) || "postgres",
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
}

export async function startBoss(
  databaseUrl: string,
  log: Logger,
  options: BossOptions = {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    ...pgOptions(databaseUrl),
    application_name: `ronald-pump-jobs/${process.pid}`,
    max: options.max ?? 4,
    schema: "jobs",
    schedule: options.schedule ?? true,
    supervise: true,
    migrate: true,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  return boss;
}

const QUEUE_CREATION_LOCK = { namespace: 7710013, key: "pg-boss create queue" };

/**
 * Two instances starting together must not create pg-boss queues at the same moment (each queue is a
 * partition attached to one table: concurrent creations deadlock or collide), so creations take turns
 * under an advisory lock, and one another instance finished meanwhile counts as done.
 */
export function serializeQueueCreation(boss: PgBoss, sql: Sql): void {
  const create = boss.createQueue.bind(boss);
  boss.createQueue = async (name, options) => {
    const result = await withAdvisoryLock(sql, QUEUE_CREATION_LOCK, 60_000, async () => {
      try {
        await create(name, options);
      } catch (error) {
        if (!/already exists/i.test(error instanceof Error ? error.message : String(error))) throw error;
      }
    });
    if (!result.held)
      throw new Error(`could not create the job queue ${name}: another instance held the lock for 60 s`);
  };
}
