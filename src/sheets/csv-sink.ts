// The embedded default mirror: one CSV file per tab in a folder (DATA_DIR/sheets/<tab>.csv). Every
// change rewrites the whole file atomically (temp file + fsync + rename + fsync of the folder), so a
// crash leaves the old file or the new one, never half of one. Being the same port, the same diffing
// sync gives the same exactly-once result as with Google.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { formatCsv, parseCsv } from "./csv.ts";
import { type Cell, type CellRun, SheetPermanentError, type SheetSink, spansBottomUp } from "./sheet-sink.ts";

const SUFFIX = ".csv";

/** Letters, digits, space and a few safe marks stay readable; anything else is %XX (UTF-8). */
export function tabFileName(tab: string): string {
  let name = "";
  for (const ch of tab) {
    if (/[\p{L}\p{N} _\-()']/u.test(ch)) name += ch;
    else
      for (const byte of Buffer.from(ch, "utf8"))
        name += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return name + SUFFIX;
}

export function tabFromFileName(file: string): string | undefined {
  if (!file.endsWith(SUFFIX) || file.startsWith(".")) return undefined;
  try {
    return decodeURIComponent(file.slice(0, -SUFFIX.length));
  } catch {
    return undefined;
  }
}

export class CsvSheetSink implements SheetSink {
  readonly label: string;
  /** Serialises changes per file within this process (the job runner should run one sync at a time). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {
    this.label = `CSV folder ${dir}`;
  }

  async listTabs(): Promise<string[]> {
    const files = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw error;
    });
    return files.flatMap((f) => tabFromFileName(f) ?? []).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async ensureTabs(tabs: readonly string[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const existing = await this.listTabs();
    for (const tab of tabs) {
      if (!existing.includes(tab)) await this.change(tab, (rows) => rows, { create: true });
    }
  }

  async readTabs(tabs: readonly string[]): Promise<Map<string, Cell[][]>> {
    const result = new Map<string, Cell[][]>();
    for (const tab of tabs) result.set(tab, await this.read(tab));
    return result;
  }

  writeCells(tab: string, runs: readonly CellRun[]): Promise<void> {
    return this.change(tab, (rows) => {
      for (const run of runs) {
        while (rows.length <= run.row) rows.push([]);
        const row = rows[run.row]!;
        run.values.forEach((value, k) => {
          while (row.length < run.col + k) row.push("");
          row[run.col + k] = value;
        });
      }
      return rows;
    });
  }

  appendRows(tab: string, newRows: readonly (readonly Cell[])[]): Promise<void> {
    return this.change(tab, (rows) => [...rows, ...newRows.map((r) => [...r])]);
  }

  deleteRows(tab: string, rowIndexes: readonly number[]): Promise<void> {
    return this.change(tab, (rows) => {
      for (const [start, end] of spansBottomUp(rowIndexes)) rows.splice(start, end - start);
      return rows;
    });
  }

  private path(tab: string): string {
    return join(this.dir, tabFileName(tab));
  }

  private async read(tab: string): Promise<Cell[][]> {
    try {
      return parseCsv(await readFile(this.path(tab), "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new SheetPermanentError(`tab "${tab}" does not exist in ${this.label}`);
      }
      throw error;
    }
  }

  private change(
    tab: string,
    edit: (rows: Cell[][]) => Cell[][],
    opts: { create?: boolean } = {},
  ): Promise<void> {
    const previous = this.queues.get(tab) ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(async () => {
        const rows = opts.create ? [] : await this.read(tab);
        await this.writeAtomically(this.path(tab), formatCsv(edit(rows)));
      });
    this.queues.set(tab, next);
    return next;
  }

  private async writeAtomically(path: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${randomBytes(6).toString("hex")}.tmp`);
    try {
      const file = await open(temp, "wx");
      try {
        await file.writeFile(text, "utf8");
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    // The rename itself must survive a power cut too.
    const folder = await open(this.dir, "r");
    try {
      await folder.sync().catch(() => {});
    } finally {
      await folder.close();
    }
  }
}

export function createCsvSheetSink(dir: string): CsvSheetSink {
  return new CsvSheetSink(dir);
}
