// The summary tick with a controlled clock: one post per group and week whatever the instances, restarts
// and crashes; on time in each group's own zone, through DST; late once within a day, skipped after.
import { describe, expect, it } from "vitest";
import { summaryRecord } from "../../src/db/queries/summaries.ts";
import { createWeeklySummaries, type SummarySchedulerDeps } from "../../src/jobs/weekly-summary.ts";
import { createLogger } from "../../src/log.ts";
import { useTestCore } from "../support/core.ts";
import { clock, makeGroup, type Posted, recordingNotifier, scans, summaryRows } from "./support.ts";

const time = clock("2026-03-01T00:00:00Z");

describe("weekly summary scheduler", () => {
  const t = useTestCore({ now: () => time.now });

  /** one running instance: its own notifier (recording into `posted`) and the shared clock */
  const instance = (posted: Posted[], extra: Partial<SummarySchedulerDeps> = {}) =>
    createWeeklySummaries({
      sql: t.current.sql,
      boardAsOf: t.current.boardAsOf,
      log: createLogger("silent"),
      charts: t.current.charts,
      defaultTimeZone: "UTC",
      notifiers: [recordingNotifier(posted)],
      now: () => time.now,
      ...extra,
    });

  const group = async (chatId: string, timeZone: string | null, title = `Group ${chatId}`) => {
    const id = await makeGroup(t.current.sql, { chatId, title, timeZone });
    await scans(t.current, { userId: `u${chatId}`, name: "Ana" }, { chatId, title }, [
      { at: "2026-02-01T07:00", weightKg: 70 + Number(chatId.slice(-2)) / 10, fatPct: 30 },
    ]);
    return id;
  };
  const toGroup = (posted: Posted[], chatId: string) =>
    posted.filter((p) => p.to === "group" && p.id === chatId);

  it("two instances at the scheduled minute post once", async () => {
    const id = await group("-201", "Europe/Amsterdam");
    const posted: Posted[] = [];
    const a = instance(posted);
    const b = instance(posted);
    time.set("2026-03-09T07:59:00Z"); // 08:59 in Amsterdam
    await Promise.all([a.tick(), b.tick()]);
    expect(toGroup(posted, "-201")).toHaveLength(0);

    time.set("2026-03-09T08:00:00Z"); // 09:00
    const results = await Promise.all([a.tick(), b.tick(), a.tick()]);
    expect(toGroup(posted, "-201")).toHaveLength(1);
    const mine = results.flat().filter((o) => o.groupId === id);
    expect(mine.filter((o) => o.result === "sent")).toHaveLength(1);
    expect(toGroup(posted, "-201")[0]!.text).toMatch(/^📊 Group -201: week to Mon 9 Mar\n/);
    expect(toGroup(posted, "-201")[0]!.text).not.toContain("late");

    time.set("2026-03-09T09:30:00Z");
    await Promise.all([a.tick(), instance(posted).tick()]);
    expect(toGroup(posted, "-201")).toHaveLength(1);
    expect(await summaryRows(t.current.sql, id)).toEqual([
      { weekStart: "2026-03-09", status: "sent", late: false, error: null },
    ]);
    // what `pump summary` reports: instants, not the server's text
    const record = await summaryRecord(t.current.sql, id, "2026-03-09");
    expect(record?.scheduledFor?.toISOString()).toBe("2026-03-09T08:00:00.000Z");
    expect(record?.sentAt.toISOString()).toBe("2026-03-09T08:00:00.000Z");
  });

  it("a restart around the scheduled time still posts exactly once, late and saying so", async () => {
    const id = await group("-202", "Europe/Amsterdam");
    const posted: Posted[] = [];
    // the first process ran until 08:58 and went down
    time.set("2026-03-09T07:58:00Z");
    await instance(posted).tick();
    // the restarted one comes up at 11:40 local
    time.set("2026-03-09T10:40:00Z");
    const restarted = instance(posted);
    await restarted.tick();
    await restarted.tick();
    expect(toGroup(posted, "-202")).toHaveLength(1);
    expect(toGroup(posted, "-202")[0]!.text.split("\n")[1]).toBe("Sent late: it was due at 09:00.");
    expect(await summaryRows(t.current.sql, id)).toEqual([
      { weekStart: "2026-03-09", status: "sent", late: true, error: null },
    ]);
  });

  it("a crash after the platform took the post but before it was marked never posts it again", async () => {
    const id = await group("-203", null);
    const posted: Posted[] = [];
    const dying = recordingNotifier(posted);
    // the post reaches the chat, then the process dies before the reply comes back
    const reachChat = dying.postToGroup;
    dying.postToGroup = async (chatId, announcement) => {
      await reachChat(chatId, announcement);
      return new Promise<never>(() => {});
    };
    time.set("2026-03-09T09:00:00Z");
    const crashed = createWeeklySummaries({
      sql: t.current.sql,
      boardAsOf: t.current.boardAsOf,
      log: createLogger("silent"),
      charts: t.current.charts,
      defaultTimeZone: "UTC",
      notifiers: [dying],
      now: () => time.now,
    });
    void crashed.tick();
    await expect.poll(() => toGroup(posted, "-203").length).toBe(1);

    time.set("2026-03-09T09:05:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-203")).toHaveLength(1);
    expect((await summaryRows(t.current.sql, id))[0]).toMatchObject({ status: "claimed" });
    // half an hour on, the stuck claim is reported and recorded as failed, still not posted again
    time.set("2026-03-09T09:40:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-203")).toHaveLength(1);
    expect((await summaryRows(t.current.sql, id))[0]).toMatchObject({ status: "failed" });
  });

  it("a crash between claim and post loses that week's summary visibly instead of risking a double", async () => {
    const id = await group("-204", null);
    const posted: Posted[] = [];
    time.set("2026-03-09T09:00:00Z");
    // the process dies while posting, before the platform took the post: the call never returns
    const dying = recordingNotifier(posted);
    let postStarted = false;
    dying.postToGroup = async () => {
      postStarted = true;
      return new Promise<never>(() => {});
    };
    void instance(posted, { notifiers: [dying] }).tick();
    await expect.poll(() => postStarted).toBe(true);
    time.set("2026-03-09T09:01:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-204")).toHaveLength(0);
    expect(await summaryRows(t.current.sql, id)).toEqual([
      { weekStart: "2026-03-09", status: "claimed", late: false, error: null },
    ]);
    // next week goes out as usual
    time.set("2026-03-16T09:00:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-204")).toHaveLength(1);
  });

  it("a failing post is recorded, not retried", async () => {
    const id = await group("-205", null);
    const posted: Posted[] = [];
    const broken = recordingNotifier(posted);
    broken.postToGroup = async () => {
      throw Object.assign(new Error("Bad Gateway"), { name: "HttpError", code: 502 });
    };
    time.set("2026-03-09T09:00:00Z");
    await createWeeklySummaries({
      sql: t.current.sql,
      boardAsOf: t.current.boardAsOf,
      log: createLogger("silent"),
      charts: t.current.charts,
      defaultTimeZone: "UTC",
      notifiers: [broken],
      now: () => time.now,
    }).tick();
    await instance(posted).tick();
    expect(toGroup(posted, "-205")).toHaveLength(0);
    expect((await summaryRows(t.current.sql, id))[0]).toMatchObject({
      status: "failed",
      error: "HttpError 502",
    });
  });

  it("more than a day late is skipped; within the day it goes once", async () => {
    const id = await group("-206", null);
    const posted: Posted[] = [];
    time.set("2026-03-10T09:01:00Z"); // 24 h 1 min after Monday 09:00 UTC
    const outcomes = await instance(posted).tick();
    expect(outcomes.find((o) => o.groupId === id)).toMatchObject({
      result: "skipped_late",
      weekStart: "2026-03-09",
    });
    expect(toGroup(posted, "-206")).toHaveLength(0);
    expect(await summaryRows(t.current.sql, id)).toEqual([]);
    time.set("2026-03-17T08:59:00Z"); // 23 h 59 min late for the week of 16 March
    await instance(posted).tick();
    expect(toGroup(posted, "-206")).toHaveLength(1);
    expect(await summaryRows(t.current.sql, id)).toEqual([
      { weekStart: "2026-03-16", status: "sent", late: true, error: null },
    ]);
  });

  it("goes at 09:00 local on both sides of the Amsterdam DST changes", async () => {
    await group("-207", "Europe/Amsterdam");
    const posted: Posted[] = [];
    const tickAt = async (iso: string) => {
      time.set(iso);
      await instance(posted).tick();
      return toGroup(posted, "-207").length;
    };
    expect(await tickAt("2026-03-23T07:59:00Z")).toBe(0); // 08:59 CET… but the week of 16 March is too old
    expect(await tickAt("2026-03-23T08:00:00Z")).toBe(1); // 09:00 CET
    expect(await tickAt("2026-03-30T06:59:00Z")).toBe(1); // 08:59 CEST (clocks went forward on Sunday)
    expect(await tickAt("2026-03-30T07:00:00Z")).toBe(2); // 09:00 CEST
    expect(await tickAt("2026-10-26T07:00:00Z")).toBe(2); // 08:00 CET (clocks went back on Sunday)
    expect(await tickAt("2026-10-26T07:59:00Z")).toBe(2);
    expect(await tickAt("2026-10-26T08:00:00Z")).toBe(3); // 09:00 CET
    expect(posted.filter((p) => p.id === "-207").every((p) => !p.text.includes("late"))).toBe(true);
  });

  it("a UTC+14 and a UTC−10 group each get theirs at 09:00 their time", async () => {
    await group("-208", "Pacific/Kiritimati");
    await group("-209", "Pacific/Honolulu");
    const posted: Posted[] = [];
    const at = async (iso: string) => {
      time.set(iso);
      await instance(posted).tick();
      return [toGroup(posted, "-208").length, toGroup(posted, "-209").length];
    };
    expect(await at("2026-03-08T18:59:00Z")).toEqual([0, 0]); // Kiritimati: Monday 08:59
    expect(await at("2026-03-08T19:00:00Z")).toEqual([1, 0]); // Kiritimati: Monday 09:00; Honolulu: Sunday 09:00
    expect(await at("2026-03-09T18:59:00Z")).toEqual([1, 0]); // Honolulu: Monday 08:59
    expect(await at("2026-03-09T19:00:00Z")).toEqual([1, 1]); // Honolulu: Monday 09:00
    expect(toGroup(posted, "-208")[0]!.text).toContain("week to Mon 9 Mar");
    expect(toGroup(posted, "-209")[0]!.text).toContain("week to Mon 9 Mar");
  });

  it("follows the group's settings: off means nothing, another day and time are honoured", async () => {
    const off = await group("-210", null);
    const friday = await group("-211", "Asia/Kolkata");
    await t.current.sql`update app.groups set summary_enabled = false where id = ${off}`;
    await t.current
      .sql`update app.groups set summary_weekday = 5, summary_time = '18:30' where id = ${friday}`;
    const posted: Posted[] = [];
    time.set("2026-03-13T12:59:00Z"); // Friday 18:29 in Kolkata (UTC+5:30)
    await instance(posted).tick();
    expect(toGroup(posted, "-211")).toHaveLength(0);
    time.set("2026-03-13T13:00:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-211")).toHaveLength(1);
    expect(toGroup(posted, "-211")[0]!.text).toContain("week to Fri 13 Mar");
    time.set("2026-03-16T09:00:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-210")).toHaveLength(0);
  });

  it("leaves groups of a platform it cannot post to unclaimed, for the instance that can", async () => {
    const id = await group("-212", null);
    time.set("2026-03-23T09:00:00Z");
    const discordOnly: Posted[] = [];
    await createWeeklySummaries({
      sql: t.current.sql,
      boardAsOf: t.current.boardAsOf,
      log: createLogger("silent"),
      charts: t.current.charts,
      defaultTimeZone: "UTC",
      notifiers: [recordingNotifier(discordOnly, undefined, "discord")],
      now: () => time.now,
    }).tick();
    expect(await summaryRows(t.current.sql, id)).toEqual([]);
    const posted: Posted[] = [];
    await instance(posted).tick();
    expect(toGroup(posted, "-212")).toHaveLength(1);
  });

  it("owes a group first seen after this week's slot nothing until next week", async () => {
    const id = await group("-213", null);
    // the bot joined the group on Monday 10:00 UTC, after the 09:00 slot
    await t.current.sql`update app.groups set created_at = '2026-03-30T10:00:00Z' where id = ${id}`;
    const posted: Posted[] = [];
    time.set("2026-03-30T10:05:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-213")).toHaveLength(0);
    expect(await summaryRows(t.current.sql, id)).toEqual([]);
    time.set("2026-04-06T09:00:00Z");
    await instance(posted).tick();
    expect(toGroup(posted, "-213")).toHaveLength(1);
  });
});
