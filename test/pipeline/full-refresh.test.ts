// A full refresh is built beside the live tables and swapped in: ingests, reads and a /forget go on while
// it builds (each finishes inside the build — had it waited for the build, the build would never end),
// what they changed is in the swapped-in tables, and a second full refresh asked meanwhile waits for the
// first instead of running again.
import type { Sql } from "postgres";
import { describe, expect, it } from "vitest";
import { createPipeline } from "../../pipeline/runner.ts";
import { FIXED_NOW, useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

const t = useTestCore();
const group = { platform: "telegram", chatId: "-5", title: "Crew" };
const sender = (id: number) => ({ platform: "telegram", userId: String(id), displayName: `Member ${id}` });

async function ingest(userId: number, day: number) {
  const record = makeRecord({
    scannedAt: `2026-05-${String(day).padStart(2, "0")}T08:00`,
    weightKg: 80 - day * 0.1,
    fatPct: 24 - day * 0.05,
  });
  const outcome = await t.current.ingestScan({
    bytes: recordBytes(record),
    fileName: null,
    mimeType: null,
    platform: "telegram",
    sender: sender(userId),
    group,
  });
  if (outcome.kind !== "accepted") throw new Error(outcome.kind);
  return outcome;
}

const GOLD = [
  "gold.member_progress",
  "gold.sheet_rows",
  "gold.leaderboard",
  "gold.weekly_activity",
  "gold.goal_status",
];

async function goldRows(sql: Sql): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of GOLD) out[table] = await sql.unsafe(`select * from ${table} order by 1, 2, 3, 4`);
  return out;
}

async function buildLockWaiters(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = 7710012 and not granted
      and database = (select oid from pg_database where datname = current_database())`;
  return row!.n;
}

describe("a full refresh", () => {
  it("lets ingests, reads and a forget through while it builds, and keeps what they changed", async () => {
    const { sql } = t.current;
    for (const user of [1, 2, 3]) for (const day of [1, 8]) await ingest(user, day + user);
    const forgotten = (
      await sql<{ id: number }[]>`
      select member_id::int as id from app.identities where platform_user_id = '2'`
    )[0]!.id;
    let during: { scanId: string; readRows: number } | null = null;
    const pipeline = createPipeline(sql, {
      duringBuild: async () => {
        const added = await ingest(1, 20);
        const read = await sql`select * from gold.member_progress where member_id = ${added.memberId}`;
        await t.current.services.forget({ actor: sender(2) });
        during = { scanId: added.scanId, readRows: read.length };
      },
    });
    const report = await pipeline.run({ fullRefresh: true, now: FIXED_NOW });
    expect(report.mode).toBe("full");
    expect(during).not.toBeNull();
    expect(during!.readRows).toBe(3);

    const swapped = await goldRows(sql);
    const progress = swapped["gold.member_progress"] as { scan_id: string; member_id: string | number }[];
    expect(progress.some((r) => r.scan_id === during!.scanId)).toBe(true);
    for (const table of GOLD) {
      expect({
        table,
        forgotten: (swapped[table] as { member_id: unknown }[]).filter(
          (r) => Number(r.member_id) === forgotten,
        ),
      }).toEqual({ table, forgotten: [] });
    }
    // the same rows a rebuild from bronze makes now
    await createPipeline(sql).run({ fullRefresh: true, now: FIXED_NOW });
    expect(await goldRows(sql)).toEqual(swapped);
  });

  it("asked twice at once (two processes), builds once: the second waits for the first", async () => {
    const { sql } = t.current;
    let builds = 0;
    let second: Promise<{ joined?: boolean }> | null = null;
    const other = createPipeline(sql, {
      duringBuild: async () => {
        builds++;
      },
    });
    const first = createPipeline(sql, {
      duringBuild: async () => {
        builds++;
        second = other.run({ fullRefresh: true, now: FIXED_NOW });
        while ((await buildLockWaiters(sql)) === 0) await new Promise((r) => setTimeout(r, 20));
      },
    });
    const report = await first.run({ fullRefresh: true, now: FIXED_NOW });
    expect(report.joined).toBeUndefined();
    expect((await second!).joined).toBe(true);
    expect(builds).toBe(1);
  });
});
