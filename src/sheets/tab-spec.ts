// What the caller wants a tab to show. Built by the database side from gold.sheet_rows.
import { compareValues, type DesiredValue } from "./cells.ts";

export type DesiredRow = Readonly<Record<string, DesiredValue>>;

/** Recognises the bot's row ids (`scan_123`, UUIDs): a predicate, or a prefix such as "scan_". */
export type IdMatcher = ((id: string) => boolean) | string;

export interface TabSpec {
  readonly tab: string;
  /** Column names in order; columns[0] is the row id ("scan_id") and always lives in column A. */
  readonly columns: readonly string[];
  /** One entry per row the tab must show, keyed by column name; any order, sorted by `sortBy`. */
  readonly rows: readonly DesiredRow[];
  readonly isOurId: IdMatcher;
  /** Row order, compared column by column, the id breaking ties. Default: the id alone. */
  readonly sortBy?: readonly string[];
}

export function idPredicate(matcher: IdMatcher): (id: string) => boolean {
  if (typeof matcher === "function") return matcher;
  return (id) => id.length > matcher.length && id.startsWith(matcher);
}

/** Checks the spec and returns its rows in sheet order. Throws on caller bugs that would loop forever. */
export function orderedRows(spec: TabSpec): DesiredRow[] {
  const { columns } = spec;
  const idColumn = columns[0];
  if (idColumn === undefined) throw new Error(`tab "${spec.tab}": columns must not be empty`);
  if (new Set(columns).size !== columns.length) throw new Error(`tab "${spec.tab}": duplicate column names`);
  if (columns.some((c) => c.trim() === "")) throw new Error(`tab "${spec.tab}": empty column name`);
  const isOurs = idPredicate(spec.isOurId);
  const seen = new Set<string>();
  for (const row of spec.rows) {
    const id = row[idColumn];
    // A desired id the predicate rejects would be appended, then read back as "unknown", then appended
    // again on every sync: refuse it.
    if (typeof id !== "string" || !isOurs(id)) {
      throw new Error(`tab "${spec.tab}": row id ${JSON.stringify(id)} is not one of ours (isOurId)`);
    }
    if (seen.has(id)) throw new Error(`tab "${spec.tab}": duplicate row id ${id}`);
    seen.add(id);
  }
  const keys = [...(spec.sortBy ?? []), idColumn];
  return [...spec.rows].sort((a, b) => {
    for (const key of keys) {
      const c = compareValues(a[key], b[key]);
      if (c !== 0) return c;
    }
    return 0;
  });
}
