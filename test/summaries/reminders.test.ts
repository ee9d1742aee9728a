// Rescan reminders with a controlled clock: due after 28 days, sent in the member's daytime, at most once
// per due period; unreachable members are tried again the next day; /reminders off is respected.
import { describe, expect, it } from "vitest";
import { setReminders } from "../../src/db/queries/people.ts";
import { reminderRecords } from "../../src/db/queries/summaries.ts";
import { createRescanReminders } from "../../src/jobs/reminders.ts";
import { createLogger } from "../../src/log.ts";
import { useTestCore } from "../support/core.ts";
import { clock, makeGroup, type Posted, recordingNotifier, scans } from "./support.ts";

const time = clock("2026-03-01T00:00:00Z");

describe("rescan reminders", () => {
  const t = useTestCore({ now: () => time.now });
  const posted: Posted[] = [];
  const notifier = recordingNotifier(posted);
  const reminders = () =>
    createRescanReminders({
      sql: t.current.sql,
      log: createLogger("silent"),
      defaultTimeZone: "UTC",
      notifiers: [notifier],
      now: () => time.now,
    });
  const to = (userId: string) => posted.filter((p) => p.to === "user" && p.id === userId);
  const crew = { chatId: "-301", title: "Crew" };

  it("reminds a due member once, from 10:00 in their group's zone", async () => {
    await makeGroup(t.current.sql, { ...crew, timeZone: "Europe/Amsterdam" });
    const dan = await scans(t.current, { userId: "401", name: "Dan" }, crew, [
      { at: "2026-02-09T08:00", weightKg: 80, fatPct: 25 },
    ]);
    time.set("2026-03-09T07:30:00Z"); // 28 days on, but 08:30 in Amsterdam
    await Promise.all([reminders().tick(), reminders().tick()]);
    expect(to("401")).toHaveLength(0);
    time.set("2026-03-09T09:00:00Z"); // 10:00
    await Promise.all([reminders().tick(), reminders().tick()]);
    expect(to("401")).toHaveLength(1);
    expect(to("401")[0]!.text).toBe(
      [
        "Hi Dan 👋",
        "Your last Evolt scan was 4 weeks ago. Evolt recommends one every 4 weeks, so you're due.",
        "Book a scan and send me the PDF: I'll show what changed.",
        "Don't want these? Send /reminders off.",
      ].join("\n"),
    );
    time.set("2026-03-10T09:00:00Z");
    await reminders().tick();
    time.set("2026-03-20T12:00:00Z");
    await reminders().tick();
    expect(to("401")).toHaveLength(1);
    expect(await reminderRecords(t.current.sql, dan)).toEqual([
      { lastScanAt: "2026-02-09T08:00", status: "sent", attempts: 1 },
    ]);

    // a new scan starts a new period: reminded again 28 days after it, not before
    await scans(t.current, { userId: "401", name: "Dan" }, crew, [
      { at: "2026-03-21T08:00", weightKg: 79, fatPct: 24 },
    ]);
    time.set("2026-04-17T12:00:00Z"); // 27 days
    await reminders().tick();
    expect(to("401")).toHaveLength(1);
    time.set("2026-04-18T12:00:00Z");
    await reminders().tick();
    expect(to("401")).toHaveLength(2);
  });

  it("does not nudge in the evening or at night", async () => {
    await scans(t.current, { userId: "402", name: "Eli" }, crew, [
      { at: "2026-05-01T21:00", weightKg: 70, fatPct: 20 },
    ]);
    time.set("2026-05-29T19:30:00Z"); // 21:30 in Amsterdam, 28 days after
    await reminders().tick();
    expect(to("402")).toHaveLength(0);
    time.set("2026-05-30T08:00:00Z"); // 10:00 the next morning
    await reminders().tick();
    expect(to("402")).toHaveLength(1);
  });

  it("tries an unreachable member again the next day, and stops after they are reached", async () => {
    const fay = await scans(t.current, { userId: "403", name: "Fay" }, crew, [
      { at: "2026-06-01T08:00", weightKg: 65, fatPct: 28 },
    ]);
    notifier.unreachable.add("403");
    time.set("2026-06-29T09:00:00Z");
    await reminders().tick();
    time.set("2026-06-29T15:00:00Z"); // same day: not again
    await reminders().tick();
    expect(await reminderRecords(t.current.sql, fay)).toEqual([
      { lastScanAt: "2026-06-01T08:00", status: "unreachable", attempts: 1 },
    ]);
    notifier.unreachable.delete("403"); // she opened a private chat with the bot
    time.set("2026-06-30T09:00:00Z");
    await reminders().tick();
    time.set("2026-07-01T09:00:00Z");
    await reminders().tick();
    expect(to("403")).toHaveLength(1);
    expect(await reminderRecords(t.current.sql, fay)).toEqual([
      { lastScanAt: "2026-06-01T08:00", status: "sent", attempts: 2 },
    ]);
  });

  it("respects /reminders off, and members without a scan are never due", async () => {
    const gus = await scans(t.current, { userId: "404", name: "Gus" }, crew, [
      { at: "2026-08-01T08:00", weightKg: 90, fatPct: 30 },
    ]);
    await setReminders(t.current.sql, gus, false);
    time.set("2026-09-15T09:00:00Z");
    await reminders().tick();
    expect(to("404")).toHaveLength(0);
    await setReminders(t.current.sql, gus, true);
    await reminders().tick();
    expect(to("404")).toHaveLength(1);
  });
});
