// Google Sheets as a mirror target, through @googleapis/sheets with a service account.
//
// Auth without any extra network call: the service account signs its own JWT for every request
// (google-auth-library JWTAccess) instead of trading it for an OAuth access token at
// oauth2.googleapis.com. JWT.getRequestMetadataAsync takes that path when `useJWTAccessWithScope` is set
// and scopes are given (the JWT then carries a `scope` claim, which Google accepts for its APIs). The
// option is not read by the JWT constructor in google-auth-library 10, hence the assignment below.
//
// No retries inside (gaxios `retry: false`): a POST append must never be repeated blindly, and the
// caller's job retries a whole sync, which re-reads first.
import { readFile } from "node:fs/promises";
import { auth, sheets, type sheets_v4 } from "@googleapis/sheets";
import { columnLetters, quoteTab, rowRange } from "./a1.ts";
import { classifyGoogleError, type GoogleErrorContext } from "./google-errors.ts";
import { type Cell, type CellRun, SheetPermanentError, type SheetSink, spansBottomUp } from "./sheet-sink.ts";

export const SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
export const DEFAULT_SHEETS_API_ROOT = "https://sheets.googleapis.com/";

export interface GoogleSheetSinkOptions {
  readonly spreadsheetId: string;
  /** Path of the service-account JSON key (GOOGLE_APPLICATION_CREDENTIALS). */
  readonly keyFile: string;
  /** Sheets API base URL (GOOGLE_SHEETS_API_ROOT); default https://sheets.googleapis.com/ */
  readonly rootUrl?: string;
  /** Per-request timeout; default 20 s. */
  readonly timeoutMs?: number;
}

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

interface TabInfo {
  sheetId: number;
  rowCount: number;
  columnCount: number;
}

/** Reads and checks the key file, then builds the sink. Sends nothing over the network. */
export async function createGoogleSheetSink(options: GoogleSheetSinkOptions): Promise<GoogleSheetSink> {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(await readFile(options.keyFile, "utf8")) as Partial<ServiceAccountKey>;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? "not valid JSON";
    throw new SheetPermanentError(`cannot read the service-account key ${options.keyFile} (${why})`);
  }
  if (typeof key.client_email !== "string" || typeof key.private_key !== "string") {
    throw new SheetPermanentError(
      `${options.keyFile} is not a service-account key (needs client_email and private_key)`,
    );
  }
  return new GoogleSheetSink(options, key as ServiceAccountKey);
}

export class GoogleSheetSink implements SheetSink {
  readonly label: string;
  readonly clientEmail: string;
  private readonly api: sheets_v4.Sheets;
  private readonly spreadsheetId: string;
  private readonly requestOptions: { timeout: number; retry: false };
  private tabs = new Map<string, TabInfo>();

  constructor(options: GoogleSheetSinkOptions, key: ServiceAccountKey) {
    this.spreadsheetId = options.spreadsheetId;
    this.clientEmail = key.client_email;
    this.label = `Google Sheet ${options.spreadsheetId}`;
    const client = new auth.JWT({
      email: key.client_email,
      key: key.private_key,
      ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
      scopes: [SHEETS_SCOPE],
    });
    client.useJWTAccessWithScope = true;
    this.api = sheets({ version: "v4", auth: client, rootUrl: options.rootUrl ?? DEFAULT_SHEETS_API_ROOT });
    this.requestOptions = { timeout: options.timeoutMs ?? 20_000, retry: false };
  }

  async listTabs(): Promise<string[]> {
    const res = await this.call("list tabs", false, () =>
      this.api.spreadsheets.get(
        {
          spreadsheetId: this.spreadsheetId,
          fields: "sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))",
        },
        this.requestOptions,
      ),
    );
    const tabs = new Map<string, TabInfo>();
    for (const sheet of res.data.sheets ?? []) this.remember(tabs, sheet.properties);
    this.tabs = tabs;
    return [...tabs.keys()];
  }

  async ensureTabs(names: readonly string[]): Promise<void> {
    const existing = await this.listTabs();
    const missing = [...new Set(names)].filter((name) => !existing.includes(name));
    if (missing.length === 0) return;
    const res = await this.call(`create tabs ${missing.map((t) => JSON.stringify(t)).join(", ")}`, true, () =>
      this.api.spreadsheets.batchUpdate(
        {
          spreadsheetId: this.spreadsheetId,
          requestBody: { requests: missing.map((title) => ({ addSheet: { properties: { title } } })) },
        },
        this.requestOptions,
      ),
    );
    for (const reply of res.data.replies ?? []) this.remember(this.tabs, reply.addSheet?.properties);
  }

  async readTabs(names: readonly string[]): Promise<Map<string, Cell[][]>> {
    const result = new Map<string, Cell[][]>();
    if (names.length === 0) return result;
    const res = await this.call(`read ${names.length} tab(s)`, false, () =>
      this.api.spreadsheets.values.batchGet(
        {
          spreadsheetId: this.spreadsheetId,
          ranges: names.map(quoteTab),
          majorDimension: "ROWS",
          valueRenderOption: "UNFORMATTED_VALUE",
        },
        this.requestOptions,
      ),
    );
    const ranges = res.data.valueRanges ?? [];
    names.forEach((name, i) => {
      result.set(name, normaliseGrid(ranges[i]?.values));
    });
    return result;
  }

  async writeCells(tab: string, runs: readonly CellRun[]): Promise<void> {
    if (runs.length === 0) return;
    await this.ensureColumns(tab, Math.max(...runs.map((r) => r.col + r.values.length)));
    await this.call(`write ${runs.length} cell run(s) to tab ${JSON.stringify(tab)}`, true, () =>
      this.api.spreadsheets.values.batchUpdate(
        {
          spreadsheetId: this.spreadsheetId,
          requestBody: {
            valueInputOption: "RAW",
            data: runs.map((run) => ({
              range: rowRange(tab, run.row, run.col, run.values.length),
              majorDimension: "ROWS",
              values: [[...run.values]],
            })),
          },
        },
        this.requestOptions,
      ),
    );
  }

  async appendRows(tab: string, rows: readonly (readonly Cell[])[]): Promise<void> {
    if (rows.length === 0) return;
    const width = Math.max(1, ...rows.map((r) => r.length));
    await this.ensureColumns(tab, width);
    await this.call(`append ${rows.length} row(s) to tab ${JSON.stringify(tab)}`, true, () =>
      this.api.spreadsheets.values.append(
        {
          spreadsheetId: this.spreadsheetId,
          range: `${quoteTab(tab)}!A1:${columnLetters(width - 1)}1`,
          valueInputOption: "RAW",
          insertDataOption: "INSERT_ROWS",
          requestBody: { majorDimension: "ROWS", values: rows.map((r) => [...r]) },
        },
        this.requestOptions,
      ),
    );
  }

  async deleteRows(tab: string, rowIndexes: readonly number[]): Promise<void> {
    if (rowIndexes.length === 0) return;
    const { sheetId } = await this.info(tab);
    await this.call(`delete ${rowIndexes.length} row(s) from tab ${JSON.stringify(tab)}`, true, () =>
      this.api.spreadsheets.batchUpdate(
        {
          spreadsheetId: this.spreadsheetId,
          requestBody: {
            // Bottom-up, so each span's indexes are still those of the grid that was read.
            requests: spansBottomUp(rowIndexes).map(([startIndex, endIndex]) => ({
              deleteDimension: { range: { sheetId, dimension: "ROWS", startIndex, endIndex } },
            })),
          },
        },
        this.requestOptions,
      ),
    );
  }

  /** A new tab has 26 columns; values.batchUpdate fails beyond the grid, so widen it first. */
  private async ensureColumns(tab: string, columns: number): Promise<void> {
    const info = await this.info(tab);
    if (columns <= info.columnCount) return;
    await this.call(`widen tab ${JSON.stringify(tab)}`, true, () =>
      this.api.spreadsheets.batchUpdate(
        {
          spreadsheetId: this.spreadsheetId,
          requestBody: {
            requests: [
              {
                appendDimension: {
                  sheetId: info.sheetId,
                  dimension: "COLUMNS",
                  length: columns - info.columnCount,
                },
              },
            ],
          },
        },
        this.requestOptions,
      ),
    );
    info.columnCount = columns;
  }

  private async info(tab: string): Promise<TabInfo> {
    if (!this.tabs.has(tab)) await this.listTabs();
    const info = this.tabs.get(tab);
    if (!info) throw new SheetPermanentError(`tab ${JSON.stringify(tab)} does not exist in ${this.label}`);
    return info;
  }

  private remember(tabs: Map<string, TabInfo>, p: sheets_v4.Schema$SheetProperties | undefined): void {
    if (!p?.title || p.sheetId === undefined || p.sheetId === null) return;
    tabs.set(p.title, {
      sheetId: p.sheetId,
      rowCount: p.gridProperties?.rowCount ?? 1000,
      columnCount: p.gridProperties?.columnCount ?? 26,
    });
  }

  private async call<T>(action: string, isWrite: boolean, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const ctx: GoogleErrorContext = {
        spreadsheetId: this.spreadsheetId,
        clientEmail: this.clientEmail,
        action,
        isWrite,
      };
      throw classifyGoogleError(error, ctx);
    }
  }
}

function normaliseGrid(values: unknown[][] | null | undefined): Cell[][] {
  const grid = (values ?? []).map((row) =>
    (row ?? []).map((cell): Cell => {
      if (typeof cell === "number" || typeof cell === "boolean" || typeof cell === "string") return cell;
      return cell === null || cell === undefined ? "" : String(cell);
    }),
  );
  for (const row of grid) while (row.length > 0 && row.at(-1) === "") row.pop();
  while (grid.length > 0 && grid.at(-1)!.length === 0) grid.pop();
  return grid;
}
