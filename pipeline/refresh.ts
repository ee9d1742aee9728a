// One scoped refresh inside a transaction: the models' rows of some members (and of groups) are deleted
// and recomputed from sources bound to that scope, then the keyed SQL tests check the same scope.
import type { TransactionSql } from "postgres";
import { PipelineModelFailed, PipelineTestFailed } from "./errors.ts";
import { lockGroups } from "./locks.ts";
import type { Model, SqlTest } from "./models.ts";
import { bindSources, type SourceKeys, withParams } from "./scope.ts";

export interface Scope {
  /** members whose member-keyed rows are rebuilt (their locks are held by the caller) */
  members: number[];
  /** groups whose group-keyed rows are rebuilt; absent → the members' groups (now and before) */
  groups?: number[];
}

export interface RefreshTarget {
  models: Model[];
  tests: SqlTest[];
  keys: SourceKeys;
  /** model tables are read and written under this suffix (a build's tables) */
  suffix?: string;
  /** the group locks are the caller's (a swap holds the tables instead) */
  skipGroupLocks?: boolean;
}

/** Runs the scoped refresh; returns milliseconds per model and test, and the groups it rebuilt. */
export async function refreshScope(
  tx: TransactionSql,
  target: RefreshTarget,
  scope: Scope,
): Promise<{ timings: Record<string, number>; groups: number[] }> {
  const suffix = target.suffix ?? "";
  const names = new Set(target.models.map((m) => m.relation));
  const rename = suffix ? (r: string) => (names.has(r) ? `${r}${suffix}` : undefined) : undefined;
  const timings: Record<string, number> = {};
  const members = scope.members;
  let groups: number[] | null = null;
  let groupMembers: number[] = [];

  const resolveGroups = async () => {
    if (groups) return;
    groups = scope.groups ?? (await groupsOf(tx, target, members, suffix));
    if (!target.skipGroupLocks) await lockGroups(tx, groups);
    const [row] = await tx<{ ids: number[] }[]>`
      select coalesce(array_agg(distinct member_id::int), '{}') as ids
      from app.memberships where group_id = any(${groups}::bigint[])`;
    groupMembers = row!.ids;
  };

  for (const model of target.models) {
    const started = performance.now();
    const table = `${model.relation}${suffix}`;
    try {
      if (model.incrementalKey === "member_id" && members.length > 0) {
        const bound = bindSources(model.sql, target.keys, { scope: "member_id", rename });
        await exec(tx, `delete from ${table} where member_id = any({{members}})`, members, []);
        await exec(
          tx,
          `insert into ${table} select * from (${bound}) m where m.member_id = any({{members}})`,
          members,
          [],
        );
      } else if (model.incrementalKey === "group_id") {
        await resolveGroups();
        if (groups!.length === 0) continue;
        const bound = bindSources(model.sql, target.keys, { scope: "group_id", rename });
        await exec(tx, `delete from ${table} where group_id = any({{groups}})`, [], groups!);
        await exec(
          tx,
          `insert into ${table} select * from (${bound}) m where m.group_id = any({{groups}})`,
          groupMembers,
          groups!,
        );
      } else continue;
    } catch (error) {
      throw new PipelineModelFailed(model.relation, error);
    }
    timings[model.relation] = performance.now() - started;
  }

  for (const test of target.tests) {
    if (test.key === "member_id" && members.length === 0) continue;
    if (test.key === "group_id") await resolveGroups();
    if (test.key === null || (test.key === "group_id" && groups!.length === 0)) continue;
    const started = performance.now();
    const bound = bindSources(test.sql, target.keys, { scope: test.key, rename });
    const filter = test.key === "member_id" ? "{{members}}" : "{{groups}}";
    const [row] = await exec<{ n: number }>(
      tx,
      `select count(*)::int as n from (${bound}) failing where failing.${test.key} = any(${filter})`,
      test.key === "member_id" ? members : groupMembers,
      groups ?? [],
    );
    if (row!.n > 0) throw new PipelineTestFailed(test.name, row!.n);
    timings[`test ${test.name}`] = performance.now() - started;
  }
  return { timings, groups: groups ?? [] };
}

async function exec<T = unknown>(
  tx: TransactionSql,
  bound: string,
  members: number[],
  groups: number[],
): Promise<T[]> {
  const { text, params } = withParams(bound, { members, groups });
  return tx.unsafe<T[]>(text, params);
}

/** The members' groups now, and the groups they have rows in (a forgotten member has no membership left). */
async function groupsOf(
  tx: TransactionSql,
  target: RefreshTarget,
  members: number[],
  suffix: string,
): Promise<number[]> {
  if (members.length === 0) return [];
  const withRows = target.models
    .filter((m) => m.incrementalKey === "group_id" && target.keys.get(m.relation)?.member)
    .map((m) => `union select group_id from ${m.relation}${suffix} where member_id = any($1::bigint[])`);
  const [row] = await tx.unsafe<{ ids: number[] }[]>(
    `select coalesce(array_agg(distinct group_id::int), '{}') as ids from (
       select group_id from app.memberships where member_id = any($1::bigint[]) ${withRows.join(" ")}
     ) g where group_id is not null`,
    [members],
  );
  return row!.ids;
}
