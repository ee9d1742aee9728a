// The port every mirror target implements (Google Sheet, CSV folder). The mirror never trusts what it
// wrote before: every sync re-reads a tab and writes only the difference, so a sink needs no idempotency
// of its own — but each method must be ONE request (or one atomic file write), so a sync costs at most a
// handful of write requests (Google's quota: 60 write requests per minute per user).

/** A cell as a sink reads or writes it. The empty string is an empty cell. */
export type Cell = string | number | boolean;

/** One horizontal run of cells starting at (row, col); both 0-based, row 0 is the header. */
export interface CellRun {
  readonly row: number;
  readonly col: number;
  readonly values: readonly Cell[];
}

export interface SheetSink {
  /** For logs and operator messages: "Google Sheet <id>", "CSV folder <dir>". Never a secret. */
  readonly label: string;

  /** Titles of all tabs, in the spreadsheet's order. */
  listTabs(): Promise<string[]>;

  /** Creates the tabs that do not exist yet (one request for all of them). Existing tabs are untouched. */
  ensureTabs(tabs: readonly string[]): Promise<void>;

  /**
   * Every row of each tab, header included, as rows of cells (one request for all tabs). Trailing empty
   * cells of a row and trailing empty rows are dropped; empty cells inside are "". Numbers stay numbers
   * where the target keeps types (Google); a CSV sink returns strings. A missing tab is an error.
   */
  readTabs(tabs: readonly string[]): Promise<Map<string, Cell[][]>>;

  /** Overwrites the given runs (one request). Rows must exist (come from a read); columns may grow. */
  writeCells(tab: string, runs: readonly CellRun[]): Promise<void>;

  /** Adds rows below the last non-empty row of the tab (one request). NOT idempotent: callers diff first. */
  appendRows(tab: string, rows: readonly (readonly Cell[])[]): Promise<void>;

  /** Deletes whole rows by 0-based index (one request; applied bottom to top so indexes stay valid). */
  deleteRows(tab: string, rowIndexes: readonly number[]): Promise<void>;
}

/** The sink could not finish now; trying again later may work (429, 5xx, network, timeout). */
export class SheetRetryableError extends Error {
  override readonly name = "SheetRetryableError";
  constructor(
    message: string,
    /** Server's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
    /** True when the request may have been applied although no answer came (a write hit a network error). */
    readonly mayHaveCommitted = false,
  ) {
    super(message);
  }
}

/** Retrying will not help until a person fixes something; the message says what. */
export class SheetPermanentError extends Error {
  override readonly name = "SheetPermanentError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function isRetryableSheetError(error: unknown): error is SheetRetryableError {
  return error instanceof SheetRetryableError;
}

/** Row indexes, unique and sorted from the bottom up, grouped into [start, end) spans. */
export function spansBottomUp(rowIndexes: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(rowIndexes)].sort((a, b) => b - a);
  const spans: Array<[number, number]> = [];
  for (const row of sorted) {
    const last = spans.at(-1);
    if (last && last[0] === row + 1) last[0] = row;
    else spans.push([row, row + 1]);
  }
  return spans;
}
