// Runs the SQL models and their tests. An incremental run (after a scan, a goal, a setting) rebuilds only
// the rows of the members it is given and of their groups, from sources bound to them (scope.ts), under
// per-member and per-group locks (locks.ts), in one transaction that publishes only if the scoped tests
// pass. A full refresh builds beside the live tables and swaps (build.ts); it runs only when the models
// changed or when asked, and never blocks ingests or reads. Time-dependent rows follow the clock group by
// group (refreshClock), in small transactions.
import type { Sql, TransactionSql } from "postgres";
import { buildAndSwap } from "./build.ts";
import { sourceKeys, staleModels } from "./catalog.ts";
import { lockMembers, tryBuildLock, unlockBuild, waitForBuild } from "./locks.ts";
import { discoverModels, discoverTests, type Model, type SqlTest } from "./models.ts";
import { refreshScope, type Scope } from "./refresh.ts";

export { PipelineModelFailed, PipelineTestFailed } from "./errors.ts";

export interface RunOptions {
  /** Rebuild every model from bronze (beside the live tables, then swapped in). */
  fullRefresh?: boolean;
  /** Otherwise only these members' rows (and their groups') are rebuilt. */
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
  /** a full refresh asked while another was running waited for that one instead of running twice */
  joined?: boolean;
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
  /** A full refresh only if a model's SQL changed (or a table is missing); null when all are current. */
  ensureCurrent(options?: Omit<RunOptions, "memberIds" | "fullRefresh">): Promise<RunReport | null>;
  /**
   * The clock-dependent rows of one group ("last 30 days", "due a rescan", the current week), in small
   * transactions: its members in chunks, then its boards.
   */
  refreshClock(groupId: number, options?: Omit<RunOptions, "memberIds" | "fullRefresh">): Promise<void>;
  /**
   * At start-up: ensureCurrent, then an incremental run for members with accepted reports that never
   * reached silver (the process stopped between recording and transforming).
   */
  catchUp(options?: Omit<RunOptions, "memberIds" | "fullRefresh">): Promise<void>;
  models: Model[];
  tests: SqlTest[];
}

const MEMBERS_PER_CLOCK_TRANSACTION = 5;

export interface PipelineOptions {
  models?: Model[];
  tests?: SqlTest[];
  /** inside a full refresh, after its snapshot (for tests) */
  duringBuild?: () => Promise<void>;
}

export function createPipeline(sql: Sql, options: PipelineOptions = {}): Pipeline {
  const models = options.models ?? discoverModels();
  const tests = options.tests ?? discoverTests();
  let building: Promise<RunReport> | null = null;

  const configure = (runOptions: RunOptions) => async (tx: TransactionSql) => {
    await tx`select set_config('pump.now', ${(runOptions.now ?? new Date()).toISOString()}, true),
                    set_config('pump.default_tz', ${runOptions.defaultTimeZone ?? "UTC"}, true),
                    -- JIT compiling these small queries costs more (~1 s) than running them
                    set_config('jit', 'off', true)`;
  };

  // Once this process knows the tables match its models (checked, or it built them), the per-run catalog
  // reads are skipped: the models of a process never change, and only a full refresh changes the tables.
  let current = false;
  let keysOfSources: Awaited<ReturnType<typeof sourceKeys>> | null = null;

  /** One full refresh at a time: in this process by promise, across processes by the build lock. */
  function fullRefresh(runOptions: RunOptions): Promise<RunReport> {
    building ??= (async () => {
      const started = performance.now();
      const conn = await sql.reserve();
      try {
        if (!(await tryBuildLock(conn))) {
          await waitForBuild(conn);
          return report("full", {}, started, true);
        }
        try {
          const timings = await buildAndSwap(sql, {
            models,
            tests,
            configure: configure(runOptions),
            ...(options.duringBuild ? { duringBuild: options.duringBuild } : {}),
          });
          current = true;
          keysOfSources = null;
          return report("full", timings, started);
        } finally {
          await unlockBuild(conn).catch(() => {});
        }
      } finally {
        conn.release();
      }
    })().finally(() => {
      building = null;
    });
    return building;
  }

  async function ensureCurrent(runOptions: RunOptions = {}): Promise<RunReport | null> {
    if (current) return null;
    if ((await staleModels(sql, models)).length === 0) {
      current = true;
      return null;
    }
    // another process's build, waited for, is checked again on the next run: it may be of other models
    return fullRefresh(runOptions);
  }

  async function run(runOptions: RunOptions = {}): Promise<RunReport> {
    if (runOptions.fullRefresh) return fullRefresh(runOptions);
    const started = performance.now();
    const members = [...new Set(runOptions.memberIds ?? [])];
    // models changed since they were built (a deploy): wait for the rebuild, once
    await ensureCurrent(runOptions);
    if (members.length === 0) return report("incremental", {}, started);
    const timings = await scoped(runOptions, { members }, models);
    return report("incremental", timings, started);
  }

  async function scoped(runOptions: RunOptions, asked: Scope, which: Model[]) {
    return sql.begin(async (tx) => {
      await configure(runOptions)(tx);
      const scope = { ...asked, members: await withMergedMembers(tx, asked.members) };
      await lockMembers(tx, scope.members);
      const keys = keysOfSources ?? (await sourceKeys(tx, models));
      if (current) keysOfSources = keys;
      const { timings, groups } = await refreshScope(tx, { models: which, tests, keys }, scope);
      await recordChanges(tx, scope.members, groups);
      return timings;
    });
  }

  async function refreshClock(groupId: number, runOptions: RunOptions = {}): Promise<void> {
    const clocked = models.filter((m) => m.clockDependent);
    const [row] = await sql<{ ids: number[] }[]>`
      select coalesce(array_agg(member_id::int order by member_id), '{}') as ids
      from app.memberships where group_id = ${groupId}`;
    const memberModels = clocked.filter((m) => m.incrementalKey === "member_id");
    for (let i = 0; i < row!.ids.length && memberModels.length > 0; i += MEMBERS_PER_CLOCK_TRANSACTION) {
      const members = row!.ids.slice(i, i + MEMBERS_PER_CLOCK_TRANSACTION);
      await scoped(runOptions, { members, groups: [] }, memberModels);
    }
    const groupModels = clocked.filter((m) => m.incrementalKey === "group_id");
    if (groupModels.length > 0) await scoped(runOptions, { members: [], groups: [groupId] }, groupModels);
  }

  function report(
    mode: RunReport["mode"],
    timings: Record<string, number>,
    started: number,
    joined = false,
  ): RunReport {
    return {
      mode,
      models: models.map((m) => m.relation),
      timings,
      tests: tests.length,
      ms: performance.now() - started,
      ...(joined ? { joined } : {}),
    };
  }

  async function catchUp(runOptions: RunOptions = {}): Promise<void> {
    await ensureCurrent(runOptions);
    const rows = await sql<{ id: number }[]>`
      select distinct r.member_id::int as id from bronze.scan_reports r
      where r.status = 'accepted'
        and not exists (select 1 from silver.stg_scans s where s.scan_report_id = r.id)
        and not exists (
          select 1 from app.voided_scans v join bronze.scan_reports vr on vr.id = v.scan_report_id
          where vr.raw_sha256 = r.raw_sha256 and vr.member_id = r.member_id
        )`;
    if (rows.length > 0) await run({ ...runOptions, memberIds: rows.map((r) => r.id) });
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

  return { run, evaluate, ensureCurrent, refreshClock, catchUp, models, tests };
}

/**
 * A member merged into another (/link) is one person with them: their bronze rows feed the person's silver,
 * so a run for either covers both (the sources are bound by the senders' ids).
 */
async function withMergedMembers(tx: TransactionSql, members: number[]): Promise<number[]> {
  if (members.length === 0) return members;
  const [merges] = await tx<
    { present: boolean }[]
  >`select to_regclass('app.member_merges') is not null as present`;
  if (!merges!.present) return members;
  const rows = await tx<{ ids: number[] }[]>`
    select coalesce(array_agg(distinct id), '{}') as ids from (
      select merged_member_id::int as id from app.member_merges
      where into_member_id = any(${members}::bigint[]) or merged_member_id = any(${members}::bigint[])
      union select into_member_id::int from app.member_merges
      where into_member_id = any(${members}::bigint[]) or merged_member_id = any(${members}::bigint[])
    ) m`;
  return [...new Set([...members, ...rows[0]!.ids])];
}

/** A full refresh running meanwhile rebuilds these in its tables before it swaps them in (build.ts). */
async function recordChanges(tx: TransactionSql, members: number[], groups: number[]): Promise<void> {
  const rows = [
    ...members.map((key) => ({ kind: "member", key })),
    ...groups.map((key) => ({ kind: "group", key })),
  ];
  if (rows.length === 0) return;
  await tx`
    insert into app.model_changes (kind, key, xid)
    select kind, key, pg_current_xact_id()::text::bigint
    from unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.key)}::bigint[]) as c(kind, key)
    on conflict (kind, key) do update set xid = excluded.xid`;
}
