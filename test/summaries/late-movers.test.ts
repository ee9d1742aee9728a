// A weekly summary posted late ranks the week it summarises: leaderboard movers count only the scans made
// before the week's slot, whatever came in between the slot and the late post.
import { describe, expect, it } from "vitest";
import { createWeeklySummaries } from "../../src/jobs/weekly-summary.ts";
import { createLogger } from "../../src/log.ts";
import { useTestCore } from "../support/core.ts";
import { clock, makeGroup, type Posted, recordingNotifier, scans } from "./support.ts";

const time = clock("2026-03-09T08:00:00Z");
const crew = { chatId: "-2001", title: "Late Crew" };

describe("leaderboard movers of a late summary", () => {
  const t = useTestCore({ now: () => time.now });

  it("leave out scans made after the week's slot, and count them the week after", async () => {
    const core = t.current;
    const groupId = await makeGroup(core.sql, { ...crew, timeZone: "UTC" });
    const ana = await scans(core, { userId: "1", name: "Ana" }, crew, [
      { at: "2026-02-02T07:00", weightKg: 70, fatPct: 30 },
      { at: "2026-03-03T07:00", weightKg: 69.6, fatPct: 29.5 },
    ]);
    const ben = await scans(core, { userId: "2", name: "Ben" }, crew, [
      { at: "2026-02-01T08:00", weightKg: 90, fatPct: 22 },
      { at: "2026-03-04T08:00", weightKg: 88, fatPct: 19 },
    ]);
    // last week's summary showed Ben first, Ana second
    const shown = { metric: "composite", period: "all", ranks: { [ben]: 1, [ana]: 2 } };
    await core.sql`insert into app.summaries_sent (group_id, week_start, status, ranks)
                   values (${groupId}, '2026-03-02', 'sent', ${JSON.stringify(shown)}::jsonb)`;

    // the slot (Monday 09:00) passes with the bot down; at 11:00 Ana rescans with a big change
    time.set("2026-03-09T11:00:00Z");
    await scans(core, { userId: "1", name: "Ana" }, crew, [
      { at: "2026-03-09T11:00", weightKg: 66, fatPct: 23 },
    ]);
    const board = await core.sql<{ memberId: number; rank: number }[]>`
      select member_id::int as "memberId", rank::int from gold.leaderboard
      where group_id = ${groupId} and period = 'all' and metric = 'composite' order by rank`;
    expect(board.map((r) => r.memberId)).toEqual([ana, ben]); // the board now has Ana on top

    // the bot comes back at 14:00: the summary goes out late
    time.set("2026-03-09T14:00:00Z");
    const posted: Posted[] = [];
    const summaries = createWeeklySummaries({
      sql: core.sql,
      boardAsOf: core.boardAsOf,
      log: createLogger("silent"),
      charts: core.charts,
      defaultTimeZone: "UTC",
      notifiers: [recordingNotifier(posted)],
      now: () => time.now,
    });
    const [outcome] = await summaries.tick();
    expect(outcome).toMatchObject({ result: "sent", late: true });
    const text = posted.at(-1)!.text;
    expect(text).toContain("Sent late");
    expect(text).not.toMatch(/#\d → #\d/); // the board at 09:00 was last week's: nobody moved
    const [row] = await core.sql<{ ranks: typeof shown }[]>`
      select ranks from app.summaries_sent where group_id = ${groupId} and week_start = '2026-03-09'`;
    expect(row!.ranks.ranks).toEqual({ [ben]: 1, [ana]: 2 });

    // the week after, Ana's rescan counts
    time.set("2026-03-16T09:00:00Z");
    await summaries.tick();
    expect(posted.at(-1)!.text).toContain("Ana ▲ #2 → #1");
  });
});
