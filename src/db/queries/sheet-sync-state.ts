// The Sheet mirror's last outcome per target (app.sheet_sync_state), for `pump sheets:status`.
import type { Sql } from "postgres";

/** What one sync did. */
export interface SyncCounts {
  tabs: number;
  rows: number;
  appended: number;
  updated: number;
  deleted: number;
  unknownRows: number;
  writeRequests: number;
  durationMs: number;
}

export interface SyncSuccess extends SyncCounts {
  target: string;
  reason: string;
}

export async function recordSyncSuccess(sql: Sql, s: SyncSuccess): Promise<void> {
  await sql`
    insert into app.sheet_sync_state as st (target, last_success_at, last_reason, tabs, rows, appended, updated,
      deleted, unknown_rows, write_requests, duration_ms, last_error, last_error_at)
    values (${s.target}, now(), ${s.reason}, ${s.tabs}, ${s.rows}, ${s.appended}, ${s.updated}, ${s.deleted},
      ${s.unknownRows}, ${s.writeRequests}, ${s.durationMs}, null, null)
    on conflict (target) do update set last_success_at = excluded.last_success_at,
      last_reason = excluded.last_reason, tabs = excluded.tabs, rows = excluded.rows,
      appended = excluded.appended, updated = excluded.updated, deleted = excluded.deleted,
      unknown_rows = excluded.unknown_rows, write_requests = excluded.write_requests,
      duration_ms = excluded.duration_ms, last_error = null, last_error_at = null`;
}

export async function recordSyncFailure(sql: Sql, target: string, message: string): Promise<void> {
  await sql`
    insert into app.sheet_sync_state (target, last_error, last_error_at) values (${target}, ${message}, now())
    on conflict (target) do update set last_error = excluded.last_error, last_error_at = excluded.last_error_at`;
}

/** The last successful sync's counts, and the last error since. */
export interface SheetSyncState extends SyncCounts {
  lastSuccessAt: Date | null;
  lastReason: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

interface Epochs {
  successMs: number | null;
  errorMs: number | null;
}

export async function readSyncState(sql: Sql, target: string): Promise<SheetSyncState | null> {
  const [row] = await sql<(Omit<SheetSyncState, "lastSuccessAt" | "lastErrorAt"> & Epochs)[]>`
    select extract(epoch from last_success_at)::float8 * 1000 as "successMs", last_reason as "lastReason",
           tabs, rows, appended, updated, deleted, unknown_rows as "unknownRows",
           write_requests as "writeRequests", duration_ms as "durationMs", last_error as "lastError",
           extract(epoch from last_error_at)::float8 * 1000 as "errorMs"
    from app.sheet_sync_state where target = ${target}`;
  if (!row) return null;
  const { successMs, errorMs, ...rest } = row;
  return {
    ...rest,
    lastSuccessAt: successMs === null ? null : new Date(successMs),
    lastErrorAt: errorMs === null ? null : new Date(errorMs),
  };
}
