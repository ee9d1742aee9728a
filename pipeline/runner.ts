// Runs the SQL models in one transaction together with the SQL tests, and publishes only if every test
// passes; otherwise everything rolls back and the previously published silver/gold stay as they were.
import type { Sql, TransactionSql } from "postgres";
import { discoverModels, discoverTests, type Model, type SqlTest } from "./models.ts";

const PIPELINE_LOCK = 7710002;

export class PipelineTestFailed extends Error {
  override name = "PipelineTestFailed";
  constructor(
    readonly test: string,
    readonly failingRows: number,
  ) {
    super(`SQL test ${test} failed (${failingRows} row${failingRows === 1 ? "" : "s"})`);
  }
}

export class PipelineModelFailed extends Error {
  override name = "PipelineModelFailed";
  constructor(
    readonly model: string,
    cause: unknown,
  ) {
    super(`model ${model} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface RunOptions {
  /** Rebuild every model from bronze. Otherwise only rows of `memberIds` in incremental models are rebuilt. */
  fullRefresh?: boolean;
  memberIds?: number[];
  /** The clock the models see (current_setting('pump.now')); tests pin it. */
  now?: Date;
  defaultTimeZone?: string;
}

export interface RunReport {
  mode: "full" | "incremental";
  models: string[];
  /** milliseconds per model and for the SQL tests, in run order */
  timings: Record<string, number>;
  tests: number;
  ms: number;
}

export interface EvaluateOptions {
  /** the clock the model sees */
  now: Date;
  defaultTimeZone: string;
  /** only scans printed before this local time ("YYYY-MM-DDTHH:MM") count, for models that honour it */
  scansBefore?: string;
  /** the rows of one group */
  groupId: number;
}

export interface Pipeline {
  run(options?: RunOptions): Promise<RunReport>;
  /** A model's rows as they would be at another time, without publishing anything (read-only). */
  evaluate<T extends object>(relation: string, options: EvaluateOptions): Promise<T[]>;
  models: Model[];
}

export function createPipeline(sql: Sql, options: { models?: Model[]; tests?: SqlTest[] } = {}): Pipeline {
  const models = options.models ?? discoverModels();
  const tests = options.tests ?? discoverTests();

  async function run(runOptions: RunOptions = {}): Promise<RunReport> {
    const started = performance.now();
    let mode: RunReport["mode"] = runOptions.fullRefresh ? "full" : "incremental";
    const timings: Record<string, number> = {};
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${PIPELINE_LOCK})`;
      await tx`select set_config('pump.now', ${(runOptions.now ?? new Date()).toISOString()}, true),
                      set_config('pump.default_tz', ${runOptions.defaultTimeZone ?? "UTC"}, true),
                      -- JIT compiling these small queries costs more (~1 s) than running them
                      set_config('jit', 'off', true)`;
      if (mode === "incremental" && !(await modelsAreCurrent(tx, models))) mode = "full";
      for (const model of models) {
        const modelStarted = performance.now();
        try {
          if (mode === "full") await rebuild(tx, model);
          else await refresh(tx, model, runOptions.memberIds ?? []);
        } catch (error) {
          throw new PipelineModelFailed(model.relation, error);
        }
        timings[model.relation] = performance.now() - modelStarted;
      }
      for (const test of tests) {
        const testStarted = performance.now();
        const scoped = mode === "incremental" && test.byMember;
        const [row] = scoped
          ? await tx.unsafe<{ n: number }[]>(
              `select count(*)::int as n from (${test.sql}) failing where failing.member_id = any($1::bigint[])`,
              [runOptions.memberIds ?? []],
            )
          : await tx.unsafe<{ n: number }[]>(`select count(*)::int as n from (${test.sql}) failing`);
        if (row!.n > 0) throw new PipelineTestFailed(test.name, row!.n);
        timings[`test ${test.name}`] = performance.now() - testStarted;
      }
    });
    return {
      mode,
      models: models.map((m) => m.relation),
      timings,
      tests: tests.length,
      ms: performance.now() - started,
    };
  }

  async function evaluate<T extends object>(relation: string, options: EvaluateOptions): Promise<T[]> {
    const model = models.find((m) => m.relation === relation);
    if (!model) throw new Error(`no model ${relation}`);
    return (await sql.begin("read only", async (tx) => {
      await tx`select set_config('pump.now', ${options.now.toISOString()}, true),
                      set_config('pump.default_tz', ${options.defaultTimeZone}, true),
                      set_config('pump.scans_before', ${options.scansBefore ?? ""}, true),
                      set_config('jit', 'off', true)`;
      return tx.unsafe<T[]>(`select * from (${model.sql}) m where m.group_id = $1`, [options.groupId]);
    })) as T[];
  }

  return { run, evaluate, models };
}

/** A model whose table is missing or was built from other SQL forces a full refresh. */
async function modelsAreCurrent(tx: TransactionSql, models: Model[]): Promise<boolean> {
  const rows = await tx<{ relation: string; comment: string | null }[]>`
    select n.nspname || '.' || c.relname as relation, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('silver', 'gold') and c.relkind = 'r'`;
  const built = new Map(rows.map((r) => [r.relation, r.comment]));
  return models.every((m) => built.get(m.relation) === modelComment(m));
}

function modelComment(model: Model): string {
  return `model ${model.hash}: ${model.grain}`;
}

async function rebuild(tx: TransactionSql, model: Model): Promise<void> {
  await tx.unsafe(`create schema if not exists ${model.schema}`);
  await tx.unsafe(`drop table if exists ${model.relation} cascade`);
  await tx.unsafe(`create table ${model.relation} as ${model.sql}`);
  if (model.incrementalKey === "member_id" || model.incrementalKey === "group_id") {
    await tx.unsafe(`create index on ${model.relation} (${model.incrementalKey})`);
  }
  await tx.unsafe(`comment on table ${model.relation} is '${modelComment(model).replaceAll("'", "''")}'`);
  await tx.unsafe(`analyze ${model.relation}`);
}

async function refresh(tx: TransactionSql, model: Model, memberIds: number[]): Promise<void> {
  switch (model.incrementalKey) {
    case "static":
      return;
    case "member_id": {
      if (memberIds.length === 0) return;
      await tx.unsafe(`delete from ${model.relation} where member_id = any($1::bigint[])`, [memberIds]);
      await tx.unsafe(
        `insert into ${model.relation} select * from (${model.sql}) m where m.member_id = any($1::bigint[])`,
        [memberIds],
      );
      return;
    }
    case "group_id": {
      if (memberIds.length === 0) return;
      // the members' groups now, and the groups they had rows in (a forgotten member has no membership left)
      const groups = `select group_id from app.memberships where member_id = any($1::bigint[])
                      union select group_id from ${model.relation} where member_id = any($1::bigint[])`;
      const [row] = await tx.unsafe<{ ids: number[] }[]>(
        `select coalesce(array_agg(distinct group_id), '{}') as ids from (${groups}) g`,
        [memberIds],
      );
      const groupIds = row!.ids;
      if (groupIds.length === 0) return;
      await tx.unsafe(`delete from ${model.relation} where group_id = any($1::bigint[])`, [groupIds]);
      await tx.unsafe(
        `insert into ${model.relation} select * from (${model.sql}) m where m.group_id = any($1::bigint[])`,
        [groupIds],
      );
      return;
    }
    case null:
      await tx.unsafe(`delete from ${model.relation}`);
      await tx.unsafe(`insert into ${model.relation} ${model.sql}`);
  }
}
