// Makes tabs of a sink EQUAL to the rows Postgres wants there. Never "append the row for scan X": every
// call re-reads the tab and writes only the difference, so a retry after an ambiguous failure (the write
// landed, the answer was lost) finds the row and does not write it twice. Errors are the sink's
// SheetRetryableError / SheetPermanentError; retrying is the caller's job (a pg-boss job).
import { cellText } from "./cells.ts";
import type { SheetSink } from "./sheet-sink.ts";
import { type Drift, planTab, type RowCounts, type TabPlan } from "./tab-plan.ts";
import type { DesiredRow, IdMatcher, TabSpec } from "./tab-spec.ts";

export type { DesiredRow, IdMatcher, TabSpec } from "./tab-spec.ts";

export interface SyncReport extends RowCounts {
  readonly tab: string;
  /** The tab did not exist and was created. */
  readonly created: boolean;
  readonly headerWritten: boolean;
  /** 1-based row numbers of rows left alone because their column A is not one of our ids. */
  readonly unknownRowNumbers: readonly number[];
  /** Write requests this sync sent (0 when the tab already matched; in syncAll, tab creation not counted). */
  readonly writeRequests: number;
}

export interface DriftReport extends Drift {
  readonly tab: string;
  readonly exists: boolean;
}

/** Makes one tab equal to `spec` (creating it when missing). */
export async function syncTab(sink: SheetSink, spec: TabSpec): Promise<SyncReport> {
  const existing = await sink.listTabs();
  const created = !existing.includes(spec.tab);
  if (created) await sink.ensureTabs([spec.tab]);
  const grids = await sink.readTabs([spec.tab]);
  const report = await applyPlan(sink, planTab(grids.get(spec.tab) ?? [], spec), created);
  return created ? { ...report, writeRequests: report.writeRequests + 1 } : report;
}

/** Read-only: how far the tab is from `spec` (for a status command). Sends no write. */
export async function driftReport(sink: SheetSink, spec: TabSpec): Promise<DriftReport> {
  const exists = (await sink.listTabs()).includes(spec.tab);
  const grid = exists ? ((await sink.readTabs([spec.tab])).get(spec.tab) ?? []) : [];
  return { tab: spec.tab, exists, ...planTab(grid, spec).drift };
}

export interface MirrorOptions {
  readonly columns: readonly string[];
  readonly isOurId: IdMatcher;
  readonly sortBy?: readonly string[];
  /**
   * Which existing tabs that have no entry in `desiredByTab` are ours, so their rows of ours get deleted
   * (header and unknown rows stay). Default: tabs whose cell A1 is columns[0] (e.g. "scan_id").
   */
  readonly isOurTab?: (tab: string, header: readonly string[]) => boolean;
}

export interface SyncAllReport {
  readonly tabs: SyncReport[];
  /** Tabs of ours that had no desired rows any more and were emptied (header kept). */
  readonly emptied: string[];
}

/**
 * Syncs every tab of `desiredByTab`, and empties tabs of ours that are not in it (a group that left, or
 * whose members all asked to be forgotten). A tab with no desired rows that does not exist is not created.
 * Reads every tab in one request; tabs are then written one after another (at most 3 writes each).
 */
export async function syncAll(
  sink: SheetSink,
  desiredByTab: ReadonlyMap<string, readonly DesiredRow[]>,
  options: MirrorOptions,
): Promise<SyncAllReport> {
  const existing = await sink.listTabs();
  const missing = [...desiredByTab].filter(([tab, rows]) => rows.length > 0 && !existing.includes(tab));
  const toCreate = missing.map(([tab]) => tab);
  if (toCreate.length > 0) await sink.ensureTabs(toCreate);
  const wanted = [...desiredByTab.keys()].filter((tab) => existing.includes(tab) || toCreate.includes(tab));
  const others = existing.filter((tab) => !desiredByTab.has(tab));
  const grids = await sink.readTabs([...wanted, ...others]);

  const isOurTab =
    options.isOurTab ??
    ((_tab: string, header: readonly string[]) => header[0]?.trim() === options.columns[0]);
  const specOf = (tab: string, rows: readonly DesiredRow[]): TabSpec => ({
    tab,
    rows,
    columns: options.columns,
    isOurId: options.isOurId,
    ...(options.sortBy ? { sortBy: options.sortBy } : {}),
  });

  const tabs: SyncReport[] = [];
  const emptied: string[] = [];
  for (const tab of wanted) {
    const plan = planTab(grids.get(tab) ?? [], specOf(tab, desiredByTab.get(tab) ?? []));
    tabs.push(await applyPlan(sink, plan, toCreate.includes(tab)));
  }
  for (const tab of others) {
    const grid = grids.get(tab) ?? [];
    if (
      grid.length === 0 ||
      !isOurTab(
        tab,
        (grid[0] ?? []).map((c) => cellText(c)),
      )
    )
      continue;
    const report = await applyPlan(sink, planTab(grid, specOf(tab, [])), false);
    tabs.push(report);
    emptied.push(tab);
  }
  return { tabs, emptied };
}

/**
 * Every index refers to the grid that was read: appends go below everything and cell writes do not move
 * rows, so neither changes an index; deletes (bottom-up, one request) come last. The order keeps what a
 * person typed when a step fails (the write quota's 429): a late scan shifts our rows and the notes beside
 * them down one slot, so the last row is appended, notes included, BEFORE the slots are overwritten — a
 * sync stopped after any step leaves every note on the sheet at least once, and the retry re-reads, keeps
 * the first copy of a row and plans again from whatever landed.
 */
async function applyPlan(sink: SheetSink, plan: TabPlan, created: boolean): Promise<SyncReport> {
  let writeRequests = 0;
  if (plan.appends.length > 0) {
    await sink.appendRows(plan.tab, plan.appends);
    writeRequests++;
  }
  if (plan.writes.length > 0) {
    await sink.writeCells(plan.tab, plan.writes);
    writeRequests++;
  }
  if (plan.deletes.length > 0) {
    await sink.deleteRows(plan.tab, plan.deletes);
    writeRequests++;
  }
  return {
    tab: plan.tab,
    created,
    headerWritten: plan.headerWritten,
    ...plan.counts,
    unknownRowNumbers: plan.drift.unknownRowNumbers,
    writeRequests,
  };
}
