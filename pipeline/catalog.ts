// What the runner reads from the database's catalog: which relations a scope filters by which column, and
// whether the published model tables were built from the SQL on disk.
import type { Sql, TransactionSql } from "postgres";
import type { Model } from "./models.ts";
import type { SourceKeys } from "./scope.ts";

/** Tables a full refresh builds beside the live ones are named `<model>__next` until they are swapped in. */
export const BUILD_SUFFIX = "__next";

type Tx = Sql | TransactionSql;

/**
 * Every table of app, bronze, silver and gold with a member_id or group_id column; members and groups by
 * their id. Model tables not built yet are keyed by what they declare. `suffix` reads the build's tables.
 */
export async function sourceKeys(tx: Tx, models: Model[], suffix = ""): Promise<SourceKeys> {
  const rows = await tx<{ relation: string; columns: string[] }[]>`
    select n.nspname || '.' || c.relname as relation, array_agg(a.attname::text) as columns
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('app', 'bronze', 'silver', 'gold') and c.relkind in ('r', 'p')
      and a.attnum > 0 and not a.attisdropped and a.attname in ('member_id', 'group_id')
    group by 1`;
  const columns = new Map(rows.map((r) => [r.relation, r.columns]));
  const keys: SourceKeys = new Map();
  const keyOf = (cols: string[]) => ({
    ...(cols.includes("member_id") ? { member: "member_id" } : {}),
    ...(cols.includes("group_id") ? { group: "group_id" } : {}),
  });
  for (const [relation, cols] of columns) keys.set(relation, keyOf(cols));
  for (const model of models) {
    const built = columns.get(`${model.relation}${suffix}`);
    if (built) keys.set(model.relation, keyOf(built));
    else if (model.incrementalKey === "static") keys.delete(model.relation);
    else keys.set(model.relation, keyOf([model.incrementalKey]));
  }
  keys.set("app.members", { member: "id" });
  keys.set("app.groups", { group: "id" });
  return keys;
}

export function modelComment(model: Model): string {
  return `model ${model.hash}: ${model.grain}`;
}

/** The models whose table is missing or was built from other SQL. */
export async function staleModels(tx: Tx, models: Model[]): Promise<Model[]> {
  const rows = await tx<{ relation: string; comment: string | null }[]>`
    select n.nspname || '.' || c.relname as relation, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('silver', 'gold') and c.relkind = 'r'`;
  const built = new Map(rows.map((r) => [r.relation, r.comment]));
  return models.filter((m) => built.get(m.relation) !== modelComment(m));
}
