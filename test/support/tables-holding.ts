// Which tables of the database still hold a value: every table of every schema (app, bronze, silver, gold,
// the job queue, migrations), each row read as text — bytea as hex, json as text — searched case-blind.
import type { Sql } from "postgres";

/** `mustExist`: tables the walk must have seen (a check that it still reads every table). */
export async function tablesHolding(
  sql: Sql,
  needles: string[],
  mustExist = ["bronze.raw_files", "silver.scans", "gold.sheet_rows", "app.members"],
): Promise<Map<string, string[]>> {
  const tables = await sql<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`;
  const names = new Set(tables.map((t) => t.name));
  for (const expected of mustExist)
    if (!names.has(expected)) throw new Error(`the walk misses ${expected}: is it still every table?`);
  const found = new Map<string, string[]>();
  const lowered = needles.map((n) => n.toLowerCase());
  for (const { name } of tables) {
    const [row] = await sql.unsafe<{ hits: string[] | null }[]>(
      `select array_agg(distinct needle) as hits from ${name} t, unnest($1::text[]) needle
       where strpos(lower(t::text), needle) > 0`,
      [lowered],
    );
    if (row?.hits?.length) found.set(name, row.hits);
  }
  return found;
}
