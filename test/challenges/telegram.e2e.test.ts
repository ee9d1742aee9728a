// A challenge end to end through the real Telegram bot (grammY) on the stand-in Bot API, with a controlled
// clock: an admin starts it, members join by the button and by /join, baselines land in and out of the
// entry window, the kind warnings and the final-scan nudge go out privately once, and at the end (in the
// group's time zone) two instances — two cores on one database — post the podium exactly once and every
// entrant gets their own result privately.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBot } from "../../bot/platform.ts";
import { createTelegramBot } from "../../bot/telegram/index.ts";
import { buildCore, type Core } from "../../src/compose-core.ts";
import { connect } from "../../src/db/client.ts";
import { noticeRecords } from "../../src/db/queries/challenges.ts";
import { createChallengeJobs } from "../../src/jobs/challenge-finish.ts";
import { createLogger } from "../../src/log.ts";
import { FakeTelegram } from "../fakes/telegram/fake-telegram.ts";
import { handledInDatabase } from "../fakes/telegram/handled-in-database.ts";
import { clock, makeGroup, scans } from "../summaries/support.ts";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes, recordExtractor } from "../support/records.ts";

const time = clock("2026-03-01T09:00:00Z");
const silent = createLogger("silent");

describe("a challenge through the Telegram bot", () => {
  const t = useTestCore({ now: () => time.now });
  let tg: FakeTelegram;
  let bot: RunningBot;
  let second: { core: Core; close(): Promise<void> };

  beforeAll(async () => {
    tg = new FakeTelegram({ defaultTimeoutMs: 15_000 });
    await tg.start();
    handledInDatabase(tg, t.current.sql);
    bot = createTelegramBot({
      services: t.current.services,
      log: silent,
      defaultTimeZone: "UTC",
      token: tg.token,
      apiRoot: tg.apiRoot,
      webhook: null,
      throttle: false,
    });
    await bot.start();
    const { sql } = connect(t.db.url, 4);
    const core = await buildCore(
      { sql, url: t.db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      silent,
      {
        extractor: recordExtractor(),
        now: () => time.now,
      },
    );
    second = { core, close: () => sql.end() };
  });
  afterAll(async () => {
    await bot?.stop();
    await tg?.stop();
    await second?.close();
  });

  it("runs from the announcement to one podium, with fair windows, noise and private results", async () => {
    const [ana, ben, cy, dee, eve, fay] = ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay"].map((firstName) =>
      tg.createUser({ firstName }),
    ) as [ReturnType<typeof tg.createUser>, ...ReturnType<typeof tg.createUser>[]];
    const chat = tg.createGroup({
      title: "Iron Crew",
      admins: [ana],
      members: [ben!, cy!, dee!, eve!, fay!],
    });
    const crew = { chatId: String(chat.id), title: "Iron Crew" };
    await makeGroup(t.current.sql, { ...crew, timeZone: "Europe/Amsterdam" });
    const say = async (from: typeof ana, text: string) => {
      const seq = tg.sent.at(-1)?.seq ?? 0;
      const { update } = tg.sendText({ chat, from, text });
      await tg.waitUntilHandled(update);
      return tg.sent.filter((s) => s.seq > seq && s.chatId === chat.id);
    };
    const privately = (user: typeof ana) =>
      tg.sent.filter((s) => s.chatId === user.id).map((s) => s.plainText);

    // only admins start one; bad words get the usage
    expect((await say(ben!, '/challenge new "Spring Cut" 2026-03-02 12w'))[0]!.plainText).toBe(
      "Only admins can start, end or cancel a challenge.",
    );
    expect((await say(ana, '/challenge new "Spring Cut" 2026-13-02 12w'))[0]!.plainText).toContain(
      '"2026-13-02" is not a start date',
    );
    const [announcement] = await say(ana, '/challenge new "Spring Cut" 2026-03-02 12w');
    expect(announcement!.plainText).toContain("New challenge: Spring Cut");
    expect(announcement!.plainText).toContain("Baseline: your first scan by 15 Mar");
    expect((await say(ana, '/challenge new "Second" 2026-03-09 4w'))[0]!.plainText).toContain(
      "Spring Cut is still running",
    );

    // join by the button (twice: once counts) and by /join
    const join = (announcement!.replyMarkup as { inline_keyboard: { callback_data: string }[][] })
      .inline_keyboard[0]![0]!;
    for (const user of [ben!, ben!, eve!, fay!]) {
      const press = tg.pressButton({ from: user, message: announcement!.message!, data: join.callback_data });
      await tg.waitUntilHandled(press.update);
    }
    expect(
      tg.sent.filter((s) => s.chatId === chat.id && /Ben joined Spring Cut/.test(s.plainText ?? "")),
    ).toHaveLength(1);
    for (const user of [ana, cy!, dee!]) await say(user, "/join");
    expect((await say(ben!, "/join"))[0]!.plainText).toBe("Ben, you are already in Spring Cut.");

    // baselines: Ana, Ben, Eve, Fay inside the entry window (2–15 Mar); Cy only after it; Dee never
    const member = async (
      user: typeof ana,
      name: string,
      list: { at: string; weightKg: number; fatPct: number }[],
    ) => scans(t.current, { userId: String(user.id), name }, crew, list);
    await member(ana, "Ana", [{ at: "2026-03-03T07:00", weightKg: 80, fatPct: 30 }]);
    await member(ben!, "Ben", [{ at: "2026-03-05T07:00", weightKg: 90, fatPct: 22 }]);
    await member(eve!, "Eve", [{ at: "2026-03-04T07:00", weightKg: 70, fatPct: 25 }]);
    await member(fay!, "Fay", [{ at: "2026-03-06T07:00", weightKg: 60, fatPct: 30 }]);
    await member(cy!, "Cy", [{ at: "2026-03-20T07:00", weightKg: 75, fatPct: 20 }]);

    const jobs = createChallengeJobs({
      sql: t.current.sql,
      log: silent,
      charts: t.current.charts,
      defaultTimeZone: "UTC",
      notifiers: [bot.notifier],
      now: () => time.now,
      runPipeline: t.current.runPipeline,
    });
    // the entry window's last days, during the day in Amsterdam: Dee (no scan) and Cy (none yet) are told once
    time.set("2026-03-13T09:05:00Z");
    await jobs.tick();
    await jobs.tick();
    expect(privately(dee!)).toEqual([expect.stringContaining("I have no baseline scan from you yet")]);
    expect(privately(cy!)).toHaveLength(1);
    expect(privately(ana)).toEqual([]);

    // live status: entrants and who still needs a baseline
    time.set("2026-04-01T09:00:00Z");
    const status = (await say(cy!, "/challenge"))[0]!.plainText!;
    expect(status).toContain("Spring Cut — 53 days left");
    expect(status).toContain("6 entrants");
    expect(status).toContain("Baseline in, result still to come: Ana, Ben, Eve, Fay");
    expect(status).toContain("No baseline scan yet: Cy, Dee");

    // a week before the end: those with a baseline and no scan in the final week are nudged, once
    time.set("2026-05-18T09:05:00Z");
    await jobs.tick();
    await jobs.tick();
    expect(privately(ana)).toEqual([
      expect.stringContaining("Spring Cut ends on 24 May. Book your final scan"),
    ]);
    expect(privately(ben!)).toHaveLength(1);
    expect(privately(dee!)).toHaveLength(1); // no baseline: no final-scan nudge

    // results: Ana loses 5 kg fat (real), Ben scans in the evening (unusual hour), Eve and Fay within noise
    await member(ana, "Ana", [{ at: "2026-05-20T07:00", weightKg: 76, fatPct: 25 }]);
    // Ben posts his final sheet in the group: privately he gets one optional tap about the conditions
    const sheet = (name: string, at: string, weightKg: number, fatPct: number) =>
      recordBytes(makeRecord({ name, scannedAt: at, weightKg, fatPct }));
    const benPost = tg.sendDocument({
      chat,
      from: ben!,
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      bytes: sheet("Ben", "2026-05-22T18:00", 89, 20),
    });
    await tg.waitUntilHandled(benPost.update);
    const question = tg.sent.filter((s) => s.chatId === ben!.id).at(-1)!;
    expect(question.plainText).toContain("how was this scan taken?");
    const trained = (
      question.replyMarkup as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard
      .flat()
      .find((b) => b.text === "🏋️ Trained today")!;
    const tap = tg.pressButton({ from: ben!, message: question.message!, data: trained.callback_data });
    await tg.waitUntilHandled(tap.update);
    const answered = tg.history(tg.privateChat(ben!)).find((msg) => msg.message_id === question.messageId)!;
    expect(answered.text).toContain("part of this change may be water, not muscle or fat");
    // /progress marks the latest scan and explains the water swing
    const progress = tg.sendText({ from: ben!, text: "/progress" });
    await tg.waitUntilHandled(progress.update);
    expect(privately(ben!).at(-1)).toContain(
      "Your latest scan was taken after training and at an unusual hour.",
    );

    // Eve switched the question off: her sheet comes without it
    const off = tg.sendText({ from: eve!, text: "/conditions off" });
    await tg.waitUntilHandled(off.update);
    const evePost = tg.sendDocument({
      chat,
      from: eve!,
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      bytes: sheet("Eve", "2026-05-21T07:00", 70, 24.8),
    });
    await tg.waitUntilHandled(evePost.update);
    expect(privately(eve!).some((text) => text?.includes("how was this scan taken?"))).toBe(false);
    await member(fay!, "Fay", [{ at: "2026-05-21T07:00", weightKg: 60.2, fatPct: 30 }]);
    await member(cy!, "Cy", [{ at: "2026-05-21T07:00", weightKg: 74, fatPct: 19 }]);
    // a scan after the end does not count
    await member(ana, "Ana", [{ at: "2026-05-25T07:00", weightKg: 90, fatPct: 40 }]);

    // not over yet in Amsterdam at 23:59 on the last day
    const groupPosts = () => tg.sent.filter((s) => s.chatId === chat.id && s.method === "sendPhoto");
    time.set("2026-05-24T21:59:00Z");
    await jobs.tick();
    expect(groupPosts()).toEqual([]);

    // midnight in Amsterdam: two instances race; one podium, one result per entrant
    time.set("2026-05-24T22:01:00Z");
    const other = createChallengeJobs({
      ...second.core,
      notifiers: [bot.notifier],
      now: () => time.now,
    });
    await Promise.all([jobs.tick(), other.tick()]);
    await Promise.all([jobs.tick(), other.tick()]);
    expect(groupPosts()).toHaveLength(1);
    const final = groupPosts()[0]!;
    expect(final.photo?.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(final.plainText).toContain("Spring Cut: final results");
    expect(final.plainText).toMatch(/🥇 Ana\n🥈 Ben\n🥉 Eve\n🥉 Fay/);
    expect(final.plainText).toMatch(/1\. Ana \+8\.0 pts \(real\)/);
    expect(final.plainText).toMatch(/2\. Ben \+3\.6 pts \(real\) ⚠️ after training, unusual hour/);
    expect(final.plainText).toMatch(/=3\. Eve [+−]0\.\d pts \(within noise\)/);
    expect(final.plainText).toMatch(/=3\. Fay [+−]0\.\d pts \(within noise\)/);
    expect(final.plainText).toContain("No baseline scan yet: Cy, Dee");
    expect(final.plainText).not.toMatch(/kg/); // relative scores only in the group

    expect(privately(ana).at(-1)).toContain("Your result: +8.0 pts (real), place 1 of 4.");
    expect(privately(ben!).at(-1)).toContain("part of the change may be water");
    expect(privately(eve!).at(-1)).toContain("within measurement noise");
    expect(privately(cy!).at(-1)).toContain("no baseline scan arrived in the entry window");
    const notices = await noticeRecords(t.current.sql, 1);
    expect(notices.filter((n) => n.kind === "result")).toHaveLength(6);
    expect(notices.every((n) => n.status === "sent")).toBe(true);

    // the boards are models: a full refresh from bronze reproduces them exactly
    const boards = () =>
      t.current.sql`
        select b.*, s.entry_id, s.rank as sheet_rank from gold.challenge_board b
        left join gold.challenge_sheet_rows s on s.member_id = b.member_id and s.group_id = b.group_id
        order by b.challenge_id, b.member_id`;
    const incremental = await boards();
    expect(incremental.filter((r) => r.entry_id)).toHaveLength(6);
    await t.current.runPipeline([], true);
    expect(await boards()).toEqual(incremental);

    // the history keeps it; a new one may start; the leaderboard's challenge period follows the start
    expect((await say(eve!, "/challenge history"))[0]!.plainText).toContain(
      "Spring Cut (2 Mar – 24 May), 6 entrants: won by Ana",
    );
    expect((await say(ana, '/challenge new "Summer" 2026-06-01 4w'))[0]!.plainText).toContain(
      "New challenge: Summer",
    );
    expect((await say(ana, "/challenge cancel"))[0]!.plainText).toBe(
      "Summer was cancelled. No results will be posted.",
    );
  });
});
