// Session advisory locks held on one reserved connection, so work in other processes can wait its turn.
import type { Sql } from "postgres";

export interface AdvisoryLock {
  /** a number naming what the lock protects (one per kind of work) */
  namespace: number;
  /** which instance of that work, e.g. a Sheet target */
  key: string;
}

const POLL_MS = 200;

/**
 * Runs `action` holding the lock, waiting up to `waitMs` for whoever holds it now. Returns
 * `{ held: false }` without running the action when the wait ran out.
 */
export async function withAdvisoryLock<T>(
  sql: Sql,
  lock: AdvisoryLock,
  waitMs: number,
  action: () => Promise<T>,
): Promise<{ held: true; value: T } | { held: false }> {
  const conn = await sql.reserve();
  try {
    if (!(await acquire(conn, lock, waitMs))) return { held: false };
    try {
      return { held: true, value: await action() };
    } finally {
      await conn`select pg_advisory_unlock(${lock.namespace}, hashtext(${lock.key}))`.catch(() => {});
    }
  } finally {
    conn.release();
  }
}

async function acquire(conn: Sql, lock: AdvisoryLock, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [row] = await conn<{ ok: boolean }[]>`
      select pg_try_advisory_lock(${lock.namespace}, hashtext(${lock.key})) as ok`;
    if (row?.ok) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
