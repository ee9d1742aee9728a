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

/**
 * pg-boss started on the app's database, with every queue creation taking its turn (see
 * `serializeQueueCreation`). `start()` itself creates a queue (the cron's own send-it queue, created by
 * pg-boss's timekeeper past any wrapper), so the whole start takes the same turn: two instances starting
 * on a new database deadlocked on it otherwise.
 */
export async function startBoss(
  database: { sql: Sql; url: string },
  log: Logger,
  options: BossOptions = {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    ...pgOptions(database.url),
    application_name: `ronald-pump-jobs/${process.pid}`,
    max: options.max ?? 4,
    schema: "jobs",
    schedule: options.schedule ?? true,
    supervise: true,
    migrate: true,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await inTurn(database.sql, "start pg-boss", () => boss.start());
  serializeQueueCreation(boss, database.sql);
  return boss;
}

export const QUEUE_CREATION_LOCK = { namespace: 7710013, key: "pg-boss create queue" };

/**
 * Two instances starting together must not create pg-boss queues at the same moment (each queue is a
 * partition attached to one table: concurrent creations deadlock or collide), so creations take turns
 * under an advisory lock, and one another instance finished meanwhile counts as done.
 */
function serializeQueueCreation(boss: PgBoss, sql: Sql): void {
  const create = boss.createQueue.bind(boss);
  boss.createQueue = (name, options) =>
    inTurn(sql, `create the job queue ${name}`, async () => {
      try {
        await create(name, options);
      } catch (error) {
        if (!/already exists/i.test(error instanceof Error ? error.message : String(error))) throw error;
      }
    });
}

async function inTurn<T>(sql: Sql, what: string, action: () => Promise<T>): Promise<T> {
  const result = await withAdvisoryLock(sql, QUEUE_CREATION_LOCK, 60_000, action);
  if (!result.held) throw new Error(`could not ${what}: another instance held the lock for 60 s`);
  return result.value;
}
