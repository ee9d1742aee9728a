// "Make the mirror equal gold.sheet_rows now": read the desired rows, diff every tab (syncAll re-reads
// the Sheet each time, so a retry after a lost answer never writes a row twice), record the outcome.
// Used by the sheet-sync job and by `pump sheets:resync`; one sync per target at a time, across
// processes, through a Postgres advisory lock (two concurrent syncs could both append the same new row).
import type { Sql } from "postgres";
import type { Config } from "../config.ts";
import { challengeSheetRows } from "../db/queries/challenges.ts";
import { sheetMirrorRows } from "../db/queries/gold.ts";
import { withAdvisoryLock } from "../db/queries/locks.ts";
import { recordSyncFailure, recordSyncSuccess } from "../db/queries/sheet-sync-state.ts";
import type { Logger } from "../log.ts";
import {
  CHALLENGE_SHEET_COLUMNS,
  CHALLENGE_SHEET_OPTIONS,
  CHALLENGE_TAB,
} from "../sheets/challenge-columns.ts";
import { SHEET_COLUMNS, SHEET_MIRROR_OPTIONS } from "../sheets/columns.ts";
import {
  createCsvSheetSink,
  createGoogleSheetSink,
  type DesiredRow,
  type DriftReport,
  driftReport,
  SheetPermanentError,
  SheetRetryableError,
  type SheetSink,
  type SyncAllReport,
  type SyncReport,
  syncAll,
  syncTab,
} from "../sheets/index.ts";

/** Where the mirror goes, and how to open it. `key` names it in the queue, the lock and the state table. */
export interface SheetTarget {
  readonly key: string;
  readonly label: string;
  open(): Promise<SheetSink>;
}

export function sheetTarget(sheets: Config["sheets"]): SheetTarget {
  if (sheets.kind === "google") {
    return {
      key: `google:${sheets.spreadsheetId}`,
      label: `Google Sheet ${sheets.spreadsheetId}`,
      open: () =>
        createGoogleSheetSink({
          spreadsheetId: sheets.spreadsheetId,
          keyFile: sheets.credentialsFile,
          rootUrl: sheets.apiRoot,
        }),
    };
  }
  return {
    key: `csv:${sheets.dir}`,
    label: `CSV folder ${sheets.dir}`,
    open: async () => createCsvSheetSink(sheets.dir),
  };
}

export type SyncReason = "startup" | "members-changed" | "reconcile" | "resync";

export interface SheetSyncSummary {
  target: string;
  reason: SyncReason;
  /** tabs with desired rows */
  tabs: number;
  rows: number;
  appended: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** tabs of ours left with no rows (group gone, everyone forgot themselves) */
  emptied: string[];
  /** rows a person typed that are not ours, left alone: tab → 1-based row numbers */
  unknownRows: Record<string, number[]>;
  writeRequests: number;
  durationMs: number;
}

/** The desired rows by tab, every displayed column of SHEET_COLUMNS. */
export async function desiredTabs(sql: Sql): Promise<Map<string, DesiredRow[]>> {
  const byTab = new Map<string, DesiredRow[]>();
  for (const row of await sheetMirrorRows(sql, SHEET_COLUMNS)) {
    const rows = byTab.get(row.tab) ?? [];
    rows.push(row.values);
    byTab.set(row.tab, rows);
  }
  return byTab;
}

/** The Challenge tab, once a challenge has finished (or while the tab exists): its own columns and ids. */
async function syncChallengeTab(
  sql: Sql,
  sink: SheetSink,
): Promise<{ rows: DesiredRow[]; report: SyncReport } | null> {
  const rows = await challengeSheetRows(sql, CHALLENGE_SHEET_COLUMNS);
  if (rows.length === 0 && !(await sink.listTabs()).includes(CHALLENGE_TAB)) return null;
  const { columns, isOurId, sortBy } = CHALLENGE_SHEET_OPTIONS;
  const report = await syncTab(sink, { tab: CHALLENGE_TAB, rows, columns, isOurId, sortBy: sortBy ?? [] });
  return { rows, report };
}

const SYNC_LOCK = 7710003;

export interface SheetSyncDeps {
  sql: Sql;
  log: Logger;
  target: SheetTarget;
  /** how long to wait for another process's sync to finish before giving up (retryable) */
  lockWaitMs?: number;
}

/** One full sync. Throws SheetRetryableError / SheetPermanentError (recorded in the state table first). */
export async function runSheetSync(deps: SheetSyncDeps, reason: SyncReason): Promise<SheetSyncSummary> {
  const { sql, target } = deps;
  const started = performance.now();
  try {
    return await withSyncLock(sql, target.key, deps.lockWaitMs ?? 60_000, async () => {
      const sink = await target.open();
      // read gold AFTER taking the lock: whatever committed before this point is in this sync
      const desired = await desiredTabs(sql);
      const scans = await syncAll(sink, desired, SHEET_MIRROR_OPTIONS);
      const challenge = await syncChallengeTab(sql, sink);
      const report = challenge ? { ...scans, tabs: [...scans.tabs, challenge.report] } : scans;
      const all = challenge ? new Map([...desired, [CHALLENGE_TAB, challenge.rows]]) : desired;
      const summary = summarise(target.key, reason, all, report, performance.now() - started);
      await recordSyncSuccess(sql, {
        ...summary,
        unknownRows: Object.values(summary.unknownRows).reduce((n, rows) => n + rows.length, 0),
      });
      return summary;
    });
  } catch (error) {
    if (error instanceof SheetRetryableError || error instanceof SheetPermanentError) {
      await recordSyncFailure(sql, target.key, error.message).catch(() => {});
    }
    throw error;
  }
}

/**
 * Runs `action` while holding the target's sync lock (waiting up to `waitMs` for a running sync), so
 * that no sync of this target runs anywhere meanwhile. Throws SheetRetryableError when the wait runs out.
 */
export async function withSyncLock<T>(
  sql: Sql,
  key: string,
  waitMs: number,
  action: () => Promise<T>,
): Promise<T> {
  const outcome = await withAdvisoryLock(sql, { namespace: SYNC_LOCK, key }, waitMs, action);
  if (!outcome.held)
    throw new SheetRetryableError(`another sync of ${key} is still running; trying again later`);
  return outcome.value;
}

function summarise(
  target: string,
  reason: SyncReason,
  desired: ReadonlyMap<string, readonly DesiredRow[]>,
  report: SyncAllReport,
  durationMs: number,
): SheetSyncSummary {
  const sum = (pick: (t: SyncAllReport["tabs"][number]) => number) =>
    report.tabs.reduce((n, t) => n + pick(t), 0);
  const unknownRows: Record<string, number[]> = {};
  for (const tab of report.tabs) {
    if (tab.unknownRowNumbers.length > 0) unknownRows[tab.tab] = [...tab.unknownRowNumbers];
  }
  return {
    target,
    reason,
    tabs: [...desired.values()].filter((rows) => rows.length > 0).length,
    rows: [...desired.values()].reduce((n, rows) => n + rows.length, 0),
    appended: sum((t) => t.appended),
    updated: sum((t) => t.updated),
    deleted: sum((t) => t.deleted),
    unchanged: sum((t) => t.unchanged),
    emptied: report.emptied,
    unknownRows,
    writeRequests: sum((t) => t.writeRequests),
    durationMs: Math.round(durationMs),
  };
}

/**
 * Read-only: how far the Sheet is from gold.sheet_rows, per tab (desired tabs, and tabs of ours that
 * should be empty). Sends no write.
 */
export async function sheetDrift(sql: Sql, sink: SheetSink): Promise<DriftReport[]> {
  const desired = await desiredTabs(sql);
  const existing = await sink.listTabs();
  const spec = (tab: string, rows: readonly DesiredRow[]) => ({
    tab,
    rows,
    columns: SHEET_MIRROR_OPTIONS.columns,
    isOurId: SHEET_MIRROR_OPTIONS.isOurId,
    sortBy: SHEET_MIRROR_OPTIONS.sortBy ?? [],
  });
  const reports: DriftReport[] = [];
  for (const [tab, rows] of desired) reports.push(await driftReport(sink, spec(tab, rows)));
  const others = existing.filter((tab) => !desired.has(tab));
  if (others.length > 0) {
    const grids = await sink.readTabs(others);
    for (const tab of others) {
      const header = (grids.get(tab)?.[0] ?? []).map((c) => String(c));
      if (SHEET_MIRROR_OPTIONS.isOurTab?.(tab, header)) reports.push(await driftReport(sink, spec(tab, [])));
    }
  }
  return reports;
}

export function hasDrift(d: DriftReport): boolean {
  return (
    d.missing.length > 0 ||
    d.changed.length > 0 ||
    d.extra.length > 0 ||
    d.outOfOrder ||
    (d.exists && !d.headerOk)
  );
}
