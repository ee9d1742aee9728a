// What an incremental run reads: each model's scoped SELECT under EXPLAIN ANALYZE, rows read per source
// relation (rows returned plus rows a filter removed, times loops). Nothing is written. For the test that
// keeps incremental runs incremental, and for bench:scale.
import type { Sql } from "postgres";
import { sourceKeys } from "./catalog.ts";
import type { Model, SqlTest } from "./models.ts";
import { bindSources, withParams } from "./scope.ts";

export interface ModelReads {
  model: string;
  /** `schema.table` → rows read */
  rows: Record<string, number>;
  ms: number;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Schema?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  "Heap Fetches"?: number;
  Plans?: PlanNode[];
}

export interface ExplainOptions {
  now?: Date;
  defaultTimeZone?: string;
  /** planner costs at test sizes favour reading small tables whole; this asks what the filters allow */
  noSeqScans?: boolean;
  /** the keyed SQL tests too (their scoped form, as an incremental run checks them) */
  tests?: SqlTest[];
  /** leave the sources unbound (what an unscoped run would read), for comparison */
  unbound?: boolean;
}

export async function explainIncremental(
  sql: Sql,
  models: Model[],
  scope: { members: number[]; groups: number[]; groupMembers: number[] },
  options: ExplainOptions = {},
): Promise<ModelReads[]> {
  const reads: ModelReads[] = [];
  await sql
    .begin(async (tx) => {
      await tx`select set_config('pump.now', ${(options.now ?? new Date()).toISOString()}, true),
                      set_config('pump.default_tz', ${options.defaultTimeZone ?? "UTC"}, true),
                      set_config('jit', 'off', true)`;
      if (options.noSeqScans) await tx`select set_config('enable_seqscan', 'off', true)`;
      const keys = await sourceKeys(tx, models);
      const queries = [
        ...models.map((m) => ({ name: m.relation, sql: m.sql, key: m.incrementalKey })),
        ...(options.tests ?? []).map((t) => ({ name: `test ${t.name}`, sql: t.sql, key: t.key })),
      ];
      for (const query of queries) {
        if (query.key === "static" || query.key === null) continue;
        const bound = options.unbound ? query.sql : bindSources(query.sql, keys, { scope: query.key });
        const byGroup = query.key === "group_id";
        const filter = byGroup ? "{{groups}}" : "{{members}}";
        const { text, params } = withParams(
          `explain (analyze, verbose, format json) select * from (${bound}) q where q.${query.key} = any(${filter})`,
          { members: byGroup ? scope.groupMembers : scope.members, groups: scope.groups },
        );
        const started = performance.now();
        const [row] = await tx.unsafe<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(text, params);
        const rows: Record<string, number> = {};
        collect(row!["QUERY PLAN"][0]!.Plan, rows);
        reads.push({ model: query.name, rows, ms: performance.now() - started });
      }
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return reads;
}

class Rollback extends Error {}

function collect(node: PlanNode, rows: Record<string, number>): void {
  if (node["Relation Name"] && node.Schema) {
    const read =
      ((node["Actual Rows"] ?? 0) +
        (node["Rows Removed by Filter"] ?? 0) +
        (node["Rows Removed by Index Recheck"] ?? 0)) *
      (node["Actual Loops"] ?? 1);
    const relation = `${node.Schema}.${node["Relation Name"]}`;
    rows[relation] = (rows[relation] ?? 0) + read;
  }
  for (const child of node.Plans ?? []) collect(child, rows);
}
