// Time passes without new scans: the hourly clock refresh moves each group's time-dependent rows on
// ("last 30 days", the current week, "due a rescan") in small transactions, and ends with the rows a full
// rebuild at that moment would make.
import type { Sql } from "postgres";
import { describe, expect, it } from "vitest";
import { createPipeline } from "../../pipeline/runner.ts";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

const t = useTestCore();
const LATER = new Date("2026-07-15T12:00:00Z");

const clockRows = async (sql: Sql) => ({
  weeks: await sql`select * from gold.weekly_activity order by group_id, member_id, week_start`,
  board: await sql`select * from gold.leaderboard order by group_id, period, metric, member_id`,
});

describe("the clock refresh", () => {
  it("moves a group's boards and weeks on to the clock, as a rebuild at that time would", async () => {
    const { sql } = t.current;
    let groupId = 0;
    for (const [day, weight] of [
      ["2026-05-20", 81],
      ["2026-05-27", 80],
    ] as const) {
      const out = await t.current.ingestScan({
        bytes: recordBytes(makeRecord({ scannedAt: `${day}T08:00`, weightKg: weight, fatPct: 24 })),
        fileName: null,
        mimeType: null,
        platform: "telegram",
        sender: { platform: "telegram", userId: "1", displayName: "Ana" },
        group: { platform: "telegram", chatId: "-9", title: "Clock gym" },
      });
      if (out.kind !== "accepted") throw new Error(out.kind);
      groupId = out.groupId!;
    }
    const [before] = await sql<{ n: number }[]>`
      select count(*)::int as n from gold.leaderboard where group_id = ${groupId} and period = '30d'`;
    expect(before!.n).toBeGreaterThan(0);

    const pipeline = createPipeline(sql);
    await pipeline.refreshClock(groupId, { now: LATER });
    const [after] = await sql<{ n: number }[]>`
      select count(*)::int as n from gold.leaderboard where group_id = ${groupId} and period = '30d'`;
    expect(after!.n).toBe(0);
    const [week] = await sql<{ week_start: string; due_rescan: boolean; days: number }[]>`
      select to_char(week_start, 'YYYY-MM-DD') as week_start, due_rescan, days_since_last_scan as days
      from gold.weekly_activity where group_id = ${groupId} order by week_start desc limit 1`;
    expect(week).toEqual({ week_start: "2026-07-13", due_rescan: true, days: 49 });

    const refreshed = await clockRows(sql);
    await pipeline.run({ fullRefresh: true, now: LATER });
    expect(await clockRows(sql)).toEqual(refreshed);
  });
});
