// A full refresh without stopping anyone: every model is built from bronze into `<model>__next` tables in
// one repeatable-read transaction (ingests and reads go on against the live tables meanwhile), the SQL
// tests check the new tables, and then one short transaction swaps them in. Runs that changed members or
// groups during the build left their transaction id in app.model_changes; those the build's snapshot did
// not see are rebuilt in the new tables — in rounds beside everyone while they are many, the last few
// inside the swap — so nothing they published is lost.
import type { Sql, TransactionSql } from "postgres";
import { BUILD_SUFFIX, modelComment, sourceKeys } from "./catalog.ts";
import { PipelineModelFailed, PipelineTestFailed } from "./errors.ts";
import type { Model, SqlTest } from "./models.ts";
import { refreshScope } from "./refresh.ts";
import { bindSources } from "./scope.ts";

export interface BuildContext {
  models: Model[];
  tests: SqlTest[];
  /** sets pump.now and friends for the transaction */
  configure(tx: TransactionSql): Promise<void>;
  /** called inside the build, after its snapshot is taken (tests act there: ingests, reads, a forget) */
  duringBuild?: () => Promise<void>;
}

const INDEXED = ["member_id", "group_id", "scan_id"];
/** the swap holds off writers while it catches up; beyond this many changes a round runs first */
const FEW_ENOUGH_TO_SWAP = 4;
const MAX_CATCH_UP_ROUNDS = 5;
/** how long the swap waits for a table before it gives way to the reads queued behind it */
const SWAP_LOCK_TIMEOUT_MS = 2000;
const SWAP_ATTEMPTS = 10;

/** Builds beside, then swaps; returns milliseconds per model and test. */
export async function buildAndSwap(sql: Sql, context: BuildContext): Promise<Record<string, number>> {
  const { models, tests } = context;
  const names = new Set(models.map((m) => m.relation));
  const rename = (r: string) => (names.has(r) ? `${r}${BUILD_SUFFIX}` : undefined);
  const timings: Record<string, number> = {};

  const snapshot = await sql.begin("isolation level repeatable read", async (tx) => {
    await context.configure(tx);
    const [snap] = await tx<{ snapshot: string }[]>`select pg_current_snapshot()::text as snapshot`;
    await context.duringBuild?.();
    for (const model of models) {
      const started = performance.now();
      try {
        await buildOne(tx, model, bindSources(model.sql, new Map(), { scope: null, rename }));
      } catch (error) {
        throw new PipelineModelFailed(model.relation, error);
      }
      timings[model.relation] = performance.now() - started;
    }
    for (const test of tests) {
      const started = performance.now();
      const bound = bindSources(test.sql, new Map(), { scope: null, rename });
      const [row] = await tx.unsafe<{ n: number }[]>(`select count(*)::int as n from (${bound}) failing`);
      if (row!.n > 0) throw new PipelineTestFailed(test.name, row!.n);
      timings[`test ${test.name}`] = performance.now() - started;
    }
    return snap!.snapshot;
  });

  // what ran meanwhile, caught up in rounds outside any lock while it is many members, then in the swap
  const catchUpStarted = performance.now();
  let seen = snapshot;
  for (let round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
    const caught = await sql.begin("isolation level repeatable read", async (tx) => {
      await context.configure(tx);
      const [snap] = await tx<{ snapshot: string }[]>`select pg_current_snapshot()::text as snapshot`;
      return { count: await catchUp(tx, context, seen), snapshot: snap!.snapshot };
    });
    seen = caught.snapshot;
    if (caught.count <= FEW_ENOUGH_TO_SWAP) break;
  }
  timings["catch-up"] = performance.now() - catchUpStarted;

  const swapStarted = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await swap(sql, context, seen);
      break;
    } catch (error) {
      // a long reader holds a table: let the readers queued behind the swap go, and try again
      if ((error as { code?: string }).code !== "55P03" || attempt >= SWAP_ATTEMPTS) throw error;
    }
  }
  timings.swap = performance.now() - swapStarted;
  return timings;
}

/** Catches up the last runs and renames the build's tables into place, in one short transaction. */
async function swap(sql: Sql, context: BuildContext, seen: string): Promise<void> {
  const { models } = context;
  await sql.begin(async (tx) => {
    await context.configure(tx);
    await tx`select set_config('lock_timeout', ${`${SWAP_LOCK_TIMEOUT_MS}ms`}, true)`;
    const live = await tx<{ relation: string }[]>`
      select n.nspname || '.' || c.relname as relation from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('silver', 'gold') and c.relkind = 'r'`;
    const existing = new Set(live.map((r) => r.relation));
    const lockable = models.map((m) => m.relation).filter((r) => existing.has(r));
    // writers wait from here (in model order, the order every run writes in); readers do not
    if (lockable.length > 0) await tx.unsafe(`lock table ${lockable.join(", ")} in exclusive mode`);
    await catchUp(tx, context, seen);
    for (const model of models) {
      await tx.unsafe(`drop table if exists ${model.relation} cascade`);
      await tx.unsafe(`alter table ${model.relation}${BUILD_SUFFIX} rename to ${model.name}`);
    }
  });
}

/** Rebuilds, in the build's tables, the members and groups changed by runs `snapshot` did not see. */
async function catchUp(tx: TransactionSql, context: BuildContext, snapshot: string): Promise<number> {
  const changed = await tx<{ kind: string; ids: number[] }[]>`
    select kind, array_agg(key::int order by key) as ids from app.model_changes
    where not pg_visible_in_snapshot(xid::text::xid8, ${snapshot}::pg_snapshot)
    group by kind`;
  const members = changed.find((c) => c.kind === "member")?.ids ?? [];
  const groups = changed.find((c) => c.kind === "group")?.ids ?? [];
  if (members.length === 0 && groups.length === 0) return 0;
  const keys = await sourceKeys(tx, context.models, BUILD_SUFFIX);
  const target = { ...context, keys, suffix: BUILD_SUFFIX, skipGroupLocks: true };
  if (members.length > 0) await refreshScope(tx, target, { members });
  if (groups.length > 0) await refreshScope(tx, target, { members: [], groups });
  return members.length + groups.length;
}

async function buildOne(tx: TransactionSql, model: Model, boundSql: string): Promise<void> {
  const table = `${model.relation}${BUILD_SUFFIX}`;
  await tx.unsafe(`create schema if not exists ${model.schema}`);
  await tx.unsafe(`drop table if exists ${table} cascade`);
  await tx.unsafe(`create table ${table} as ${boundSql}`);
  const columns = await tx<{ name: string }[]>`
    select attname::text as name from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`;
  const keys = INDEXED.filter((c) => columns.some((col) => col.name === c)).map((c) => [c]);
  for (const index of [...keys, ...model.indexes]) {
    await tx.unsafe(`create index on ${table} (${index.join(", ")})`);
  }
  await tx.unsafe(`comment on table ${table} is '${modelComment(model).replaceAll("'", "''")}'`);
  await tx.unsafe(`analyze ${table}`);
}
