// The Sheet mirror job layer on a test core: pg-boss with short polling, the Sheet mirror with immediate
// retries and its published port wired to the core, a Sheet (stand-in or CSV folder) and what
// gold.sheet_rows says it must show.
import { rmSync } from "node:fs";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import type { Sql } from "postgres";
import { afterAll, beforeAll } from "vitest";
import { sheetMirrorRows } from "../../src/db/queries/gold.ts";
import { startBoss } from "../../src/jobs/boss.ts";
import { openSheetMirror, SHEET_RECONCILE_QUEUE, SHEET_SYNC_QUEUE } from "../../src/jobs/sheet-mirror.ts";
import type { SheetTarget } from "../../src/jobs/sheet-sync.ts";
import { cellText, compareValues, toCell } from "../../src/sheets/cells.ts";
import { SHEET_COLUMNS } from "../../src/sheets/columns.ts";
import { createGoogleSheetSink } from "../../src/sheets/google-sheet-sink.ts";
import type { SheetSink } from "../../src/sheets/sheet-sink.ts";
import { makeServiceAccountKey, type TestServiceAccount } from "../fakes/sheets/service-account-key.ts";
import { SheetsStandIn } from "../fakes/sheets/sheets-stand-in.ts";
import type { TestCore } from "../support/core.ts";
import { csvBackend } from "./backends.ts";

/** A Sheet the mirror writes to, seen as a person sees it (every cell as text). */
export interface MirrorSheet {
  readonly name: string;
  readonly target: SheetTarget;
  tabs(): string[];
  grid(tab: string): string[][];
  setCell(tab: string, row: number, col: number, value: string | number): void;
  deleteRow(tab: string, row: number): void;
  appendRow(tab: string, cells: Array<string | number>): void;
  randomFaults(opts: { seed: number; probability: number } | null): void;
  slow(ms: number): void;
  close(): Promise<void>;
}

export async function googleSheet(): Promise<
  MirrorSheet & { standIn: SheetsStandIn; account: TestServiceAccount }
> {
  const account = makeServiceAccountKey();
  const standIn = await SheetsStandIn.start({
    publicKey: account.publicKey,
    clientEmail: account.clientEmail,
  });
  const open = (): Promise<SheetSink> =>
    createGoogleSheetSink({
      spreadsheetId: standIn.spreadsheetId,
      keyFile: account.keyFile,
      rootUrl: standIn.url,
      timeoutMs: 5_000,
    });
  return {
    name: "google stand-in",
    standIn,
    account,
    target: { key: `google:${standIn.spreadsheetId}`, label: "stand-in", open },
    tabs: () => standIn.tabTitles(),
    grid: (tab) => standIn.tab(tab).map((r) => r.map((c) => cellText(c))),
    setCell: (tab, row, col, value) => standIn.setCell(tab, row, col, value),
    deleteRow: (tab, row) => standIn.deleteRow(tab, row),
    appendRow: (tab, cells) => standIn.appendRow(tab, cells),
    randomFaults: (opts) => standIn.randomFaults(opts),
    slow: (ms) => standIn.slow(ms),
    close: async () => {
      await standIn.close();
      rmSync(join(account.keyFile, ".."), { recursive: true, force: true });
    },
  };
}

export async function csvSheet(): Promise<MirrorSheet> {
  const backend = await csvBackend();
  return {
    name: "csv",
    target: { key: "csv:test", label: "csv", open: () => backend.sink() },
    tabs: () => backend.tabs(),
    grid: (tab) => backend.grid(tab),
    setCell: backend.setCell,
    deleteRow: backend.deleteRow,
    appendRow: backend.appendRow,
    randomFaults: backend.randomFaults,
    slow: () => {},
    close: backend.close,
  };
}

export interface RunningMirror {
  boss: PgBoss;
  /** the mirror's workers fetch now rather than at their next poll (a failed sync's retry is due at once) */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss and the Sheet mirror (as the job layer does), with test timings, and points the test
 * core's published port at it — as main.ts builds the core with the mirror's port.
 */
export async function startMirror(t: TestCore, sheet: MirrorSheet): Promise<RunningMirror> {
  const core = t.current;
  const boss = await startBoss(core.database, core.log, { pollingIntervalSeconds: 0.5, schedule: false });
  const workers = collectWorkerIds(boss);
  const mirror = await openSheetMirror(
    { boss, sql: core.sql, log: core.log, target: sheet.target },
    { retry: { limit: 1000, delaySeconds: 0, backoff: false }, reconcileCron: null, lockWaitMs: 30_000 },
  );
  t.published = mirror.published;
  await mirror.jobs({ boss, core, notifiers: [] });
  return {
    boss,
    wake: () => {
      for (const id of workers) boss.notifyWorker(id);
    },
    stop: async () => {
      mirror.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    },
  };
}

/** The ids of the workers started on this pg-boss from now on (pg-boss has no public list of them). */
function collectWorkerIds(boss: PgBoss): string[] {
  const ids: string[] = [];
  const work = boss.work.bind(boss) as (...args: unknown[]) => Promise<string>;
  (boss as { work: unknown }).work = async (...args: unknown[]) => {
    const id = await work(...args);
    ids.push(id);
    return id;
  };
  return ids;
}

/** A Sheet and a running mirror for the test core, for the whole describe block. */
export function useMirror(
  t: TestCore,
  makeSheet: () => Promise<MirrorSheet>,
): { sheet: MirrorSheet; mirror: RunningMirror } {
  const holder = {} as { sheet: MirrorSheet; mirror: RunningMirror };
  beforeAll(async () => {
    holder.sheet = await makeSheet();
    holder.mirror = await startMirror(t, holder.sheet);
  });
  afterAll(async () => {
    await holder.mirror?.stop();
    await holder.sheet?.close();
  });
  return holder;
}

/**
 * Waits until no sync or reconcile job is waiting, retrying or running (polls; no fixed sleeps). `wake`
 * (RunningMirror.wake) is called at each poll, so that retries do not wait for the workers' own polls.
 */
export async function waitForDrain(sql: Sql, timeoutMs = 25_000, wake?: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from jobs.job
      where name in (${SHEET_SYNC_QUEUE}, ${SHEET_RECONCILE_QUEUE}) and state in ('created', 'retry', 'active')`;
    if (row?.n === 0) return;
    if (Date.now() > deadline) {
      const left = await sql`
        select name, state::text, retry_count, start_after < now() as due, output::text from jobs.job
        where name in (${SHEET_SYNC_QUEUE}, ${SHEET_RECONCILE_QUEUE}) and state in ('created', 'retry', 'active')`;
      throw new Error(`sheet jobs did not drain in ${timeoutMs} ms: ${JSON.stringify(left)}`);
    }
    wake?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const trimRow = (row: string[]) => {
  const copy = [...row];
  while (copy.length > 0 && copy.at(-1) === "") copy.pop();
  return copy;
};

/** Every tab as gold.sheet_rows says the Sheet must show it: header, then rows by scanned_at, scan_id. */
export async function expectedTabs(sql: Sql): Promise<Map<string, string[][]>> {
  const byTab = new Map<string, Array<Record<string, string | number | null>>>();
  for (const row of await sheetMirrorRows(sql, SHEET_COLUMNS)) {
    byTab.set(row.tab, [...(byTab.get(row.tab) ?? []), row.values]);
  }
  const result = new Map<string, string[][]>();
  for (const [tab, rows] of byTab) {
    rows.sort(
      (a, b) =>
        compareValues(a.scanned_at, b.scanned_at) || compareValues(a.scan_id ?? null, b.scan_id ?? null),
    );
    result.set(tab, [
      [...SHEET_COLUMNS],
      ...rows.map((r) => trimRow(SHEET_COLUMNS.map((c) => cellText(toCell(r[c] ?? null))))),
    ]);
  }
  return result;
}

/**
 * What the Sheet shows in the tabs the bot owns (A1 = scan_id), normalised like `expectedTabs`, without
 * rows a person added (column A not a scan id).
 */
export function actualTabs(sheet: MirrorSheet): Map<string, string[][]> {
  const result = new Map<string, string[][]>();
  for (const tab of sheet.tabs()) {
    const grid = sheet.grid(tab).map(trimRow);
    if (grid[0]?.[0] !== "scan_id") continue;
    // rows a person typed (column A not a scan id) are left alone by design; blank rows are ignored
    result.set(tab, [grid[0], ...grid.slice(1).filter((r) => r[0]?.startsWith("scan_"))]);
  }
  return result;
}

/** The expectation with emptied tabs of ours included (header only). */
export async function expectedAgainst(sql: Sql, sheet: MirrorSheet): Promise<Map<string, string[][]>> {
  const expected = await expectedTabs(sql);
  for (const tab of actualTabs(sheet).keys()) if (!expected.has(tab)) expected.set(tab, [[...SHEET_COLUMNS]]);
  return expected;
}
