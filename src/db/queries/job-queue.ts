// Reads of pg-boss's own tables (schema `jobs`): what a queue holds, for status output and orphan checks.
import type { Sql } from "postgres";

export interface QueueCounts {
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

async function jobTablesExist(sql: Sql): Promise<boolean> {
  const [exists] = await sql<{ ok: boolean }[]>`select to_regclass('jobs.job') is not null as ok`;
  return exists?.ok ?? false;
}

/** Jobs of a queue by state (read-only; zeros before the job layer ever ran). */
export async function queueCounts(sql: Sql, queue: string): Promise<QueueCounts> {
  const counts: QueueCounts = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
  if (!(await jobTablesExist(sql))) return counts;
  const rows = await sql<{ state: keyof QueueCounts; n: number }[]>`
    select state::text as state, count(*)::int as n from jobs.job where name = ${queue} group by state`;
  for (const row of rows) if (row.state in counts) counts[row.state] = row.n;
  return counts;
}

/** Ids of the queue's jobs marked active, optionally only those with this singleton key. */
export async function activeJobIds(sql: Sql, queue: string, singletonKey: string | null): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id::text from jobs.job where name = ${queue} and state = 'active'
      and (${singletonKey}::text is null or singleton_key = ${singletonKey})`;
  return rows.map((r) => r.id);
}
