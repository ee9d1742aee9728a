// The job family on real pg-boss: two instances share the database, each with the tick worker registered;
// however many tick jobs run on either of them, the group gets one summary.
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { startBoss } from "../../src/jobs/boss.ts";
import { REMINDER_QUEUE, rescanReminderJobs } from "../../src/jobs/reminders.ts";
import { SUMMARY_QUEUE, weeklySummaryJobs } from "../../src/jobs/weekly-summary.ts";
import { createLogger } from "../../src/log.ts";
import { useTestCore } from "../support/core.ts";
import { clock, makeGroup, type Posted, recordingNotifier, scans } from "./support.ts";

const time = clock("2026-03-09T09:00:00Z");

describe("weekly summary job family", () => {
  const t = useTestCore({ now: () => time.now });
  const bosses: PgBoss[] = [];
  afterAll(async () => {
    for (const boss of bosses) await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  });

  it("the summary and reminder families register their queues and schedules; ticks on two instances post once", async () => {
    const crew = { chatId: "-501", title: "Crew" };
    await makeGroup(t.current.sql, crew);
    await scans(t.current, { userId: "601", name: "Ana" }, crew, [
      { at: "2026-03-03T07:00", weightKg: 70, fatPct: 30 },
    ]);
    const posted: Posted[] = [];
    for (let i = 0; i < 2; i++) {
      const boss = await startBoss(t.current.database, createLogger("silent"), {
        schedule: false,
        pollingIntervalSeconds: 0.5,
      });
      bosses.push(boss);
      const context = { boss, core: t.current, notifiers: [recordingNotifier(posted)] };
      for (const family of [weeklySummaryJobs, rescanReminderJobs]) await family(context);
    }
    const schedules = (await bosses[0]!.getSchedules()).map((s) => [s.name, s.cron]).sort();
    expect(schedules).toEqual([
      [REMINDER_QUEUE, "*/5 * * * *"],
      [SUMMARY_QUEUE, "* * * * *"],
    ]);

    const ids: string[] = [];
    for (const boss of [...bosses, ...bosses]) {
      const id = await boss.send(SUMMARY_QUEUE, {});
      if (id) ids.push(id);
      await expect
        .poll(async () => (await boss.getJobById(SUMMARY_QUEUE, id ?? ids.at(-1)!))?.state, {
          timeout: 15_000,
        })
        .toBe("completed");
    }
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(posted.filter((p) => p.to === "group")).toHaveLength(1);
  });
});
