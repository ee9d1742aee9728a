// Instances that start together on a new database: pg-boss's own start creates a queue, and so does every
// job family; creations running at the same moment deadlock on the table all queues attach to, and the
// instance that loses exits with "start failed".
import type PgBoss from "pg-boss";
import type { Sql } from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { QUEUE_CREATION_LOCK, startBoss } from "../../src/jobs/boss.ts";
import { createLogger } from "../../src/log.ts";
import { useTestDatabase } from "../support/test-db.ts";

const log = createLogger("silent");
const unlock = (conn: Sql) =>
  conn`select pg_advisory_unlock(${QUEUE_CREATION_LOCK.namespace}, hashtext(${QUEUE_CREATION_LOCK.key}))`;
const QUEUES = ["sheet-sync", "sheet-reconcile", "model-refresh", "weekly-summary", "rescan-reminder"];

describe("starting the job queue beside another instance", () => {
  const t = useTestDatabase();
  const started: PgBoss[] = [];
  afterEach(async () => {
    for (const boss of started.splice(0))
      await boss.stop({ graceful: false, wait: true, timeout: 5_000 }).catch(() => {});
  });

  const database = () => ({ sql: t.current.sql, url: t.current.url });
  const queueNames = async () =>
    (await t.current.sql<{ name: string }[]>`select name from jobs.queue order by name`).map((r) => r.name);

  it("waits while another instance is creating queues, then starts", async () => {
    const conn = await t.current.sql.reserve();
    try {
      await conn`select pg_advisory_lock(${QUEUE_CREATION_LOCK.namespace}, hashtext(${QUEUE_CREATION_LOCK.key}))`;
      let done = false;
      const starting = startBoss(database(), log, { schedule: true }).then((boss) => {
        done = true;
        started.push(boss);
        return boss;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(done).toBe(false);
      await unlock(conn);
      await starting;
      expect(done).toBe(true);
    } finally {
      await unlock(conn);
      conn.release();
    }
  });

  it("two instances starting together on a new database both start, and each queue exists once", async () => {
    for (let round = 0; round < 12; round++) {
      await t.current.sql.unsafe("drop schema if exists jobs cascade");
      const instance = async () => {
        const boss = await startBoss(database(), log, { schedule: true, pollingIntervalSeconds: 0.5 });
        started.push(boss);
        for (const name of QUEUES) await boss.createQueue(name, { name, policy: "stately" });
      };
      await Promise.all([instance(), instance()]);
      expect(await queueNames()).toEqual(["__pgboss__send-it", ...QUEUES].sort());
      for (const boss of started.splice(0)) await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
    }
  });
});
