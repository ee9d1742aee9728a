// An incremental run costs the same on day 1000 as on day 1: for one member and their group, every model
// and every keyed SQL test reads exactly the same rows when the database holds ten times as many groups —
// read from the plans (EXPLAIN ANALYZE), not from a clock. The same models unbound read more, so the
// measurement can tell.
import { describe, expect, it } from "vitest";
import { explainIncremental, type ModelReads } from "../../pipeline/explain.ts";
import { createPipeline } from "../../pipeline/runner.ts";
import { FIXED_NOW } from "../support/core.ts";
import { writeSyntheticHistory } from "../support/synthetic-history.ts";
import { useTestDatabase } from "../support/test-db.ts";

const t = useTestDatabase();
const shape = { membersPerGroup: 6, scansPerMember: 12, now: FIXED_NOW };

const byModel = (reads: ModelReads[]) => Object.fromEntries(reads.map((r) => [r.model, r.rows]));

describe("incremental runs", () => {
  it("read about as many rows for one member at 2 groups and at 20 groups, in every model and keyed test", async () => {
    const { sql } = t.current;
    const pipeline = createPipeline(sql);
    const small = await writeSyntheticHistory(sql, { ...shape, groups: 2 });
    await sql`insert into app.goals (member_id, metric, target) values (${small.memberIds[0]!}, 'weight_kg', 70)`;
    await pipeline.run({ fullRefresh: true, now: FIXED_NOW });
    const member = small.memberIds[0]!;
    const scope = {
      members: [member],
      groups: [small.groupIds[0]!],
      groupMembers: small.memberIds.slice(0, shape.membersPerGroup),
    };
    const measure = (unbound = false) =>
      explainIncremental(sql, pipeline.models, scope, {
        now: FIXED_NOW,
        noSeqScans: true,
        tests: pipeline.tests,
        unbound,
      });
    const before = byModel(await measure());
    const unboundBefore = byModel(await measure(true));

    await writeSyntheticHistory(sql, { ...shape, groups: 18, firstGroup: 2 });
    await pipeline.run({ fullRefresh: true, now: FIXED_NOW });
    const after = byModel(await measure());
    const unboundAfter = byModel(await measure(true));

    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(Object.keys(after).filter((name) => name.startsWith("test ")).length).toBeGreaterThan(3);
    // Ten times the data, at most half as many rows read again: the join strategy the planner picks may
    // change with the size (a lookup repeated per row, a tiny table read whole), the scope may not.
    // A table that stays tiny (memberships, groups: 120 rows here) may be read whole where the planner
    // prefers a merge join over its primary key (PostgreSQL 15 does); what must not grow is what grows with
    // history, and at this size every such table is far larger than that.
    const tiny = new Set<string>();
    for (const relation of new Set(Object.values(after).flatMap((reads) => Object.keys(reads)))) {
      const [count] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${relation}`);
      if (count!.n <= 150) tiny.add(relation);
    }
    expect(tiny.has("silver.scans")).toBe(false);
    for (const name of Object.keys(before)) {
      expect(Object.keys(after[name]!).sort()).toEqual(Object.keys(before[name]!).sort());
      for (const [relation, rows] of Object.entries(after[name]!)) {
        if (tiny.has(relation)) continue;
        const bound = Math.max(1.5 * before[name]![relation]!, 2 * shape.scansPerMember);
        expect({ name, relation, rows: Math.min(rows, bound) }).toEqual({ name, relation, rows });
      }
    }
    // the member's own scans are read (12 per member, the group's 6 members for the board)
    expect(before["gold.member_progress"]!["silver.scans"]).toBe(shape.scansPerMember);
    expect(before["gold.leaderboard"]!["silver.scans"]).toBeGreaterThanOrEqual(
      shape.scansPerMember * shape.membersPerGroup,
    );
    // without the binding (a filter on the final SELECT only, as before) these read the whole database
    for (const name of ["gold.goal_status", "gold.sheet_rows"]) {
      const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);
      expect(total(unboundAfter[name]!)).toBeGreaterThan(5 * total(unboundBefore[name]!));
    }
  });
});
