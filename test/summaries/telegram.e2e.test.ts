// Summaries and reminders through the real Telegram bot (grammY) against the stand-in Bot API: the group
// gets one photo with the summary as its caption; members get a private nudge, or count as unreachable
// when they never pressed Start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBot } from "../../bot/platform.ts";
import { createTelegramBot } from "../../bot/telegram/index.ts";
import { reminderRecords } from "../../src/db/queries/summaries.ts";
import { createRescanReminders } from "../../src/jobs/reminders.ts";
import { createWeeklySummaries } from "../../src/jobs/weekly-summary.ts";
import { createLogger } from "../../src/log.ts";
import { FakeTelegram } from "../fakes/telegram/fake-telegram.ts";
import { handledInDatabase } from "../fakes/telegram/handled-in-database.ts";
import { useTestCore } from "../support/core.ts";
import { clock, makeGroup, scans, summaryRows } from "./support.ts";

const time = clock("2026-03-01T00:00:00Z");

describe("summaries and reminders through the Telegram bot", () => {
  const t = useTestCore({ now: () => time.now });
  let tg: FakeTelegram;
  let bot: RunningBot;

  beforeAll(async () => {
    tg = new FakeTelegram({ defaultTimeoutMs: 15_000 });
    await tg.start();
    handledInDatabase(tg, t.current.sql);
    bot = createTelegramBot({
      services: t.current.services,
      log: createLogger("silent"),
      defaultTimeZone: "UTC",
      token: tg.token,
      apiRoot: tg.apiRoot,
      webhook: null,
      throttle: false,
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await tg?.stop();
  });

  it("posts the weekly summary once, as a photo with its caption, and nudges due members privately", async () => {
    const ana = tg.createUser({ firstName: "Ana" });
    const ben = tg.createUser({ firstName: "Ben & Co", startedBot: false });
    const chat = tg.createGroup({ title: "Iron <Crew>", admins: [ana], members: [ben] });
    const crew = { chatId: String(chat.id), title: "Iron <Crew>" };
    const groupId = await makeGroup(t.current.sql, { ...crew, timeZone: "Europe/Amsterdam" });
    await scans(t.current, { userId: String(ana.id), name: "Ana" }, crew, [
      { at: "2026-02-02T07:00", weightKg: 70, fatPct: 30 },
      { at: "2026-03-04T07:00", weightKg: 68, fatPct: 26 },
    ]);
    await scans(t.current, { userId: String(ben.id), name: "Ben & Co" }, crew, [
      { at: "2026-01-12T07:00", weightKg: 90, fatPct: 22 },
    ]);

    const deps = {
      sql: t.current.sql,
      boardAsOf: t.current.boardAsOf,
      log: createLogger("silent"),
      defaultTimeZone: "UTC",
      notifiers: [bot.notifier],
      now: () => time.now,
    };
    const summaries = createWeeklySummaries({ ...deps, charts: t.current.charts });
    time.set("2026-03-09T08:00:00Z"); // Monday 09:00 in Amsterdam
    await Promise.all([
      summaries.tick(),
      createWeeklySummaries({ ...deps, charts: t.current.charts }).tick(),
    ]);
    await summaries.tick();

    const inGroup = tg.sent.filter((s) => s.chatId === chat.id);
    expect(inGroup.map((s) => s.method)).toEqual(["sendPhoto"]);
    expect(inGroup[0]!.photo?.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(inGroup[0]!.plainText).toBe(
      [
        "📊 Iron <Crew>: week to Mon 9 Mar",
        "",
        "Scanned this week (1)",
        "Ana: fat mass −15.7%, body fat −4.0 pts (real)",
        "",
        "Due a rescan (4+ weeks): Ben & Co",
      ].join("\n"),
    );
    expect(await summaryRows(t.current.sql, groupId)).toEqual([
      { weekStart: "2026-03-09", status: "sent", late: false, error: null },
    ]);

    // reminders at 10:00 Amsterdam: Ben is due but never pressed Start → unreachable, nothing sent
    const reminders = createRescanReminders(deps);
    time.set("2026-03-09T09:00:00Z");
    await reminders.tick();
    expect(tg.sent.filter((s) => s.chatId === ben.id)).toEqual([]);
    const benMember = await t.current.sql<{ id: number }[]>`
      select member_id::int as id from app.identities where platform = 'telegram' and platform_user_id = ${String(ben.id)}`;
    expect(await reminderRecords(t.current.sql, benMember[0]!.id)).toMatchObject([{ status: "unreachable" }]);

    // he presses Start; the next day's run reaches him, once
    tg.setUserFlags(ben, { startedBot: true });
    time.set("2026-03-10T09:00:00Z");
    await reminders.tick();
    await reminders.tick();
    const toBen = tg.sent.filter((s) => s.chatId === ben.id);
    expect(toBen.map((s) => s.method)).toEqual(["sendMessage"]);
    expect(toBen[0]!.plainText).toMatch(/^Hi Ben & Co 👋\nYour last Evolt scan was 8 weeks ago\./);
    expect(toBen[0]!.plainText).toContain("Send /reminders off.");
    expect(tg.sent.filter((s) => s.chatId === ana.id)).toEqual([]); // Ana scanned 6 days ago
  });
});
