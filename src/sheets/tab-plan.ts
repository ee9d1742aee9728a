// Pure diff of one tab: what the sheet shows now (a grid) against what it must show (a TabSpec).
//
// Rules (documented for operators in README of this folder, see mirror.ts):
// - Row 1 is the bot's header. The id column (columns[0]) is always column A.
// - A data row is OURS when its column-A text passes isOurId; any other non-blank row is UNKNOWN and is
//   never written, moved or deleted (it is only reported). Blank rows are ignored.
// - Our rows are kept in `orderedRows` order (sortBy, then id). Rows already in order are left where they
//   are; a row that must go between existing ones is written into the slots of our existing rows
//   (rows below it shift down one slot) and the last one is appended. Unknown rows never move.
// - Cells a person typed in columns that are not ours travel with their scan's row when rows shift.
import { cellText, isEmptyCell, sameCell, toCell } from "./cells.ts";
import type { Cell, CellRun } from "./sheet-sink.ts";
import { type DesiredRow, idPredicate, orderedRows, type TabSpec } from "./tab-spec.ts";

export interface TabPlan {
  readonly tab: string;
  /** The header row the tab will have. */
  readonly header: readonly string[];
  readonly headerWritten: boolean;
  /** Overwrites in existing rows (header included), at the indexes of the grid that was read. */
  readonly writes: CellRun[];
  /** Rows to delete, indexes of the grid that was read. */
  readonly deletes: number[];
  /** Rows to add at the bottom (the header first when the tab was empty). */
  readonly appends: Cell[][];
  readonly counts: RowCounts;
  readonly drift: Drift;
}

export interface RowCounts {
  /** Existing rows of ours that get at least one cell rewritten. */
  updated: number;
  appended: number;
  deleted: number;
  unchanged: number;
  /** Non-blank rows whose id is not ours: left alone. */
  unknownRows: number;
}

export interface Drift {
  /** Desired ids not on the sheet. */
  missing: string[];
  /** Ids on the sheet whose cells differ from the desired row. */
  changed: string[];
  /** Ids of ours on the sheet that must go (not desired any more, or a second copy). */
  extra: string[];
  /** 1-based sheet row numbers of unknown rows, as a person sees them. */
  unknownRowNumbers: number[];
  /** Our rows are on the sheet but not in the documented order. */
  outOfOrder: boolean;
  headerOk: boolean;
}

interface Layout {
  /** Sheet column of each spec column. */
  positions: number[];
  header: string[];
}

/**
 * Where our columns live. An empty header, or one holding only our own names (say, written by an older
 * version with fewer columns), is rewritten to exactly `columns`. A header with any other name (a column a
 * person added) keeps every existing column where it is: our columns are found by name and missing ones
 * are added after the last used header cell, so nobody's column is ever moved.
 */
export function layoutColumns(current: readonly string[], columns: readonly string[]): Layout {
  const names = current.map((n) => n.trim());
  let last = names.length - 1;
  while (last >= 0 && names[last] === "") last--;
  const used = names.slice(0, last + 1);
  const onlyOurs = used.every((n) => n !== "" && columns.includes(n)) && new Set(used).size === used.length;
  if (onlyOurs) return { positions: columns.map((_, i) => i), header: [...columns] };

  const header = [...used];
  const positions: number[] = [0];
  header[0] = columns[0]!;
  let next = used.length;
  for (const name of columns.slice(1)) {
    const found = used.indexOf(name, 1);
    if (found > 0) positions.push(found);
    else {
      positions.push(next);
      header[next] = name;
      next++;
    }
  }
  return { positions, header };
}

interface SheetRow {
  index: number;
  id: string;
  cells: Cell[];
}

export function planTab(grid: readonly (readonly Cell[])[], spec: TabSpec): TabPlan {
  const desired = orderedRows(spec);
  const idColumn = spec.columns[0]!;
  const isOurs = idPredicate(spec.isOurId);
  const currentHeader = (grid[0] ?? []).map((c) => cellText(c));
  const layout = layoutColumns(currentHeader, spec.columns);
  const ourPositions = new Set(layout.positions);

  const ours: SheetRow[] = [];
  const unknownRowNumbers: number[] = [];
  for (let index = 1; index < grid.length; index++) {
    const cells = [...(grid[index] ?? [])];
    if (cells.every((c) => isEmptyCell(c))) continue;
    const id = cellText(cells[0]).trim();
    if (id !== "" && isOurs(id)) ours.push({ index, id, cells });
    else unknownRowNumbers.push(index + 1);
  }

  const rank = new Map(desired.map((row, i) => [row[idColumn] as string, i]));
  const kept: SheetRow[] = [];
  const deletes: number[] = [];
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const row of ours) {
    if (!rank.has(row.id) || seen.has(row.id)) {
      deletes.push(row.index);
      extra.push(row.id);
    } else {
      seen.add(row.id);
      kept.push(row);
    }
  }

  // Cells in columns that are not ours, by id, so they follow their scan when rows shift.
  const foreignCells = new Map<string, Map<number, Cell>>();
  for (const row of kept) {
    const foreign = new Map<number, Cell>();
    row.cells.forEach((cell, col) => {
      if (!ourPositions.has(col) && !isEmptyCell(cell)) foreign.set(col, cell);
    });
    foreignCells.set(row.id, foreign);
  }

  const target = (row: DesiredRow): Map<number, Cell> => {
    const cells = new Map<number, Cell>(foreignCells.get(row[idColumn] as string) ?? []);
    spec.columns.forEach((name, k) => {
      cells.set(layout.positions[k]!, toCell(row[name]));
    });
    return cells;
  };

  const writes: CellRun[] = [];
  const counts: RowCounts = {
    updated: 0,
    appended: 0,
    deleted: deletes.length,
    unchanged: 0,
    unknownRows: unknownRowNumbers.length,
  };

  kept.forEach((slot, i) => {
    const runs = diffRow(slot.index, slot.cells, target(desired[i]!), ourPositions);
    if (runs.length > 0) counts.updated++;
    else counts.unchanged++;
    writes.push(...runs);
  });

  const appends: Cell[][] = [];
  const headerCells: Cell[] = layout.header;
  let headerWritten = false;
  if (grid.length === 0) {
    appends.push([...headerCells]);
    headerWritten = true;
  } else {
    const wanted = new Map<number, Cell>(headerCells.map((name, col) => [col, name]));
    const runs = diffRow(0, grid[0] ?? [], wanted, new Set(wanted.keys()));
    headerWritten = runs.length > 0;
    writes.unshift(...runs);
  }
  for (const row of desired.slice(kept.length)) {
    appends.push(denseRow(target(row)));
    counts.appended++;
  }

  const keptRanks = kept.map((row) => rank.get(row.id)!);
  const drift: Drift = {
    missing: desired.flatMap((row) => {
      const id = row[idColumn] as string;
      return seen.has(id) ? [] : [id];
    }),
    changed: kept.flatMap((row) => {
      const own = target(desired[rank.get(row.id)!]!);
      return diffRow(row.index, row.cells, own, ourPositions).length > 0 ? [row.id] : [];
    }),
    extra,
    unknownRowNumbers,
    outOfOrder: keptRanks.some((r, i) => i > 0 && r < keptRanks[i - 1]!),
    headerOk: !headerWritten,
  };

  return { tab: spec.tab, header: layout.header, headerWritten, writes, deletes, appends, counts, drift };
}

/** Runs of consecutive cells whose content must change; cells in neither map nor ourPositions are kept. */
function diffRow(
  rowIndex: number,
  current: readonly Cell[],
  wanted: ReadonlyMap<number, Cell>,
  ourPositions: ReadonlySet<number>,
): CellRun[] {
  const width = Math.max(current.length, ...wanted.keys(), -1) + 1;
  const changed: Array<[number, Cell]> = [];
  for (let col = 0; col < width; col++) {
    const want = wanted.get(col) ?? (ourPositions.has(col) ? "" : undefined);
    // A foreign cell that is not carried by this row belongs to the row that left the slot: clear it.
    const value = want ?? "";
    if (!sameCell(current[col], value)) changed.push([col, value]);
  }
  const runs: CellRun[] = [];
  let run: { row: number; col: number; values: Cell[] } | undefined;
  for (const [col, value] of changed) {
    if (run && run.col + run.values.length === col) run.values.push(value);
    else {
      run = { row: rowIndex, col, values: [value] };
      runs.push(run);
    }
  }
  return runs;
}

function denseRow(cells: ReadonlyMap<number, Cell>): Cell[] {
  const width = Math.max(...cells.keys(), -1) + 1;
  const row: Cell[] = Array.from({ length: width }, (_, col) => cells.get(col) ?? "");
  while (row.length > 0 && isEmptyCell(row.at(-1))) row.pop();
  return row;
}
