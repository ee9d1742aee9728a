// The two sinks under one test-side API, so every mirror test runs against both (describe.each).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellText } from "../../src/sheets/cells.ts";
import { formatCsv, parseCsv } from "../../src/sheets/csv.ts";
import { CsvSheetSink, tabFileName, tabFromFileName } from "../../src/sheets/csv-sink.ts";
import { createGoogleSheetSink } from "../../src/sheets/google-sheet-sink.ts";
import type { SheetSink } from "../../src/sheets/sheet-sink.ts";
import { FaultySink } from "../fakes/sheets/faulty-sink.ts";
import { makeServiceAccountKey } from "../fakes/sheets/service-account-key.ts";
import { SheetsStandIn } from "../fakes/sheets/sheets-stand-in.ts";

export interface Backend {
  readonly name: string;
  /** A fresh sink instance each call: a "restart" of the process. */
  sink(): Promise<SheetSink>;
  /** The tab as a person sees it, every cell as text; [] when the tab does not exist. */
  grid(tab: string): string[][];
  tabs(): string[];
  setCell(tab: string, row: number, col: number, value: string | number): void;
  deleteRow(tab: string, row: number): void;
  /** Types a row below the last non-empty one. */
  appendRow(tab: string, cells: Array<string | number>): void;
  failNext(n: number, status: 429 | 500 | 503): void;
  /** the write after the next `skip` writes fails with `status` (reads pass) */
  failWrite(skip: number, status: 429 | 500 | 503): void;
  loseResponseAfterCommit(n?: number): void;
  randomFaults(opts: { seed: number; probability: number } | null): void;
  writeCount(): number;
  close(): Promise<void>;
}

export const backendNames = ["google stand-in", "csv"] as const;
export type BackendName = (typeof backendNames)[number];

export function makeBackend(name: BackendName): Promise<Backend> {
  return name === "csv" ? csvBackend() : googleBackend();
}

export async function googleBackend(): Promise<Backend> {
  const account = makeServiceAccountKey();
  const standIn = await SheetsStandIn.start({
    publicKey: account.publicKey,
    clientEmail: account.clientEmail,
  });
  const text = (rows: Array<Array<string | number | boolean>>) => rows.map((r) => r.map((c) => cellText(c)));
  return {
    name: "google stand-in",
    sink: () =>
      createGoogleSheetSink({
        spreadsheetId: standIn.spreadsheetId,
        keyFile: account.keyFile,
        rootUrl: standIn.url,
        timeoutMs: 5_000,
      }),
    grid: (tab) => (standIn.tabTitles().includes(tab) ? text(standIn.tab(tab)) : []),
    tabs: () => standIn.tabTitles(),
    setCell: (tab, row, col, value) => standIn.setCell(tab, row, col, value),
    deleteRow: (tab, row) => standIn.deleteRow(tab, row),
    appendRow: (tab, cells) => standIn.appendRow(tab, cells),
    failNext: (n, status) => standIn.failNext(n, { status }),
    failWrite: (skip, status) => standIn.failWrite(skip, { status }),
    loseResponseAfterCommit: (n) => standIn.loseResponseAfterCommit(n),
    randomFaults: (opts) => standIn.randomFaults(opts),
    writeCount: () => standIn.writeCount(),
    close: async () => {
      await standIn.close();
      rmSync(join(account.keyFile, ".."), { recursive: true, force: true });
    },
  };
}

export async function csvBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), "pump-csv-"));
  const faulty = new FaultySink(new CsvSheetSink(dir));
  const file = (tab: string) => join(dir, tabFileName(tab));
  const read = (tab: string): string[][] => {
    try {
      return parseCsv(readFileSync(file(tab), "utf8"));
    } catch {
      return [];
    }
  };
  const edit = (tab: string, change: (rows: string[][]) => void) => {
    const rows = read(tab);
    change(rows);
    writeFileSync(file(tab), formatCsv(rows));
  };
  return {
    name: "csv",
    sink: async () => {
      faulty.replaceInner(new CsvSheetSink(dir));
      return faulty;
    },
    grid: read,
    tabs: () => readdirSync(dir).flatMap((f) => tabFromFileName(f) ?? []),
    setCell: (tab, row, col, value) =>
      edit(tab, (rows) => {
        while (rows.length <= row) rows.push([]);
        const r = rows[row]!;
        while (r.length <= col) r.push("");
        r[col] = String(value);
      }),
    deleteRow: (tab, row) => edit(tab, (rows) => rows.splice(row, 1)),
    appendRow: (tab, cells) => edit(tab, (rows) => rows.push(cells.map(String))),
    failNext: (n, status) => faulty.failNext(n, { status }),
    failWrite: (skip, status) => faulty.failWrite(skip, { status }),
    loseResponseAfterCommit: (n) => faulty.loseResponseAfterCommit(n),
    randomFaults: (opts) => faulty.randomFaults(opts),
    writeCount: () => faulty.writes,
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
