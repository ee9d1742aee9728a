// The runner's advisory locks. Transaction locks per member and per group let runs for different members
// in different groups go side by side (in one process or many); every run takes its member locks first,
// then — just before the group models — its group locks, each set in ascending order, so runs never wait
// on each other in a cycle. One session lock makes full refreshes take turns.
import type { ReservedSql, TransactionSql } from "postgres";

const MEMBER_LOCKS = 7710010;
const GROUP_LOCKS = 7710011;
const BUILD_LOCK = 7710012;

/** advisory keys are int4; ids beyond that share a lock now and then, which only serialises */
const int4 = (id: number) => id % 2147483647;

export async function lockMembers(tx: TransactionSql, memberIds: number[]): Promise<void> {
  await lockAll(tx, MEMBER_LOCKS, memberIds);
}

export async function lockGroups(tx: TransactionSql, groupIds: number[]): Promise<void> {
  await lockAll(tx, GROUP_LOCKS, groupIds);
}

async function lockAll(tx: TransactionSql, namespace: number, ids: number[]): Promise<void> {
  const keys = [...new Set(ids.map(int4))].sort((a, b) => a - b);
  if (keys.length === 0) return;
  // unnest keeps the array's order, so the locks are taken in ascending order
  await tx`select pg_advisory_xact_lock(${namespace}, k) from unnest(${keys}::int[]) as k`;
}

/** True when this session now holds the build lock; false when another full refresh holds it. */
export async function tryBuildLock(conn: ReservedSql): Promise<boolean> {
  const [row] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(${BUILD_LOCK}, 0) as ok`;
  return row!.ok;
}

/** Waits for the full refresh another process runs to end. */
export async function waitForBuild(conn: ReservedSql): Promise<void> {
  await conn`select pg_advisory_lock(${BUILD_LOCK}, 0)`;
  await unlockBuild(conn);
}

export async function unlockBuild(conn: ReservedSql): Promise<void> {
  await conn`select pg_advisory_unlock(${BUILD_LOCK}, 0)`;
}
