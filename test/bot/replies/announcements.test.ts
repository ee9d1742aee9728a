// What the jobs post, in words: the weekly summary and the rescan reminder.
import { describe, expect, it } from "vitest";
import { announcementImage, announcementText } from "../../../bot/replies/announcements.ts";
import { plainText, telegramHtml } from "../../../bot/replies/markup.ts";
import type { WeeklySummary } from "../../../src/use-cases/weekly-summary.ts";

const week: WeeklySummary = {
  groupId: 3,
  groupTitle: "Iron & Co",
  occurrence: {
    at: new Date("2026-03-09T08:00:00Z"),
    localDate: "2026-03-09",
    weekStart: "2026-03-09",
    window: { from: "2026-03-02T09:00", to: "2026-03-09T09:00" },
  },
  visibleMembers: 4,
  scanned: [
    {
      memberId: 1,
      name: "Ana",
      scans: 1,
      verdict: "real",
      real: [{ metric: "body_fat_mass_kg", label: "fat mass −8.1%", good: true, cls: "real" }],
    },
    { memberId: 2, name: "Ben", scans: 1, verdict: "noise", real: [] },
    { memberId: 3, name: "Cy", scans: 1, verdict: "first", real: [] },
  ],
  board: {
    metric: "composite",
    title: "Body composition score",
    shown: { metric: "composite", period: "all", ranks: {} },
  },
  movers: [
    { memberId: 1, name: "Ana", from: 3, to: 1 },
    { memberId: 3, name: "Cy", from: null, to: 4 },
  ],
  goalsReached: [{ memberId: 1, name: "Ana", metrics: ["body_fat_mass_kg"] }],
  personalBests: [],
  dueRescan: [{ memberId: 4, name: "Dee", days: 35 }],
  quiet: false,
};

describe("weekly summary", () => {
  it("lists who scanned with what is real, the movers, goals and who is due", () => {
    const text = announcementText(
      { kind: "weekly_summary", summary: week, late: false, chart: null },
      plainText,
    );
    expect(text.split("\n")).toEqual([
      "📊 Iron & Co: week to Mon 9 Mar",
      "",
      "Scanned this week (3)",
      "Ana: fat mass −8.1% (real)",
      "Ben: within noise, steady",
      "Cy: first scan, baseline set",
      "",
      "Leaderboard (body composition score)",
      "Ana ▲ #3 → #1",
      "Cy: new on the board at #4",
      "",
      "🎯 Goals reached",
      "Ana: fat mass",
      "",
      "Due a rescan (4+ weeks): Dee",
    ]);
  });

  it("escapes names for the platform and says when it is late", () => {
    const text = announcementText(
      { kind: "weekly_summary", summary: week, late: true, chart: null },
      telegramHtml,
    );
    expect(text.split("\n").slice(0, 2)).toEqual([
      "📊 <b>Iron &amp; Co: week to Mon 9 Mar</b>",
      "<i>Sent late: it was due at 09:00.</i>",
    ]);
  });

  it("is a short nudge in a quiet week", () => {
    const quiet = { ...week, scanned: [], movers: [], goalsReached: [], quiet: true };
    const text = announcementText(
      { kind: "weekly_summary", summary: quiet, late: false, chart: null },
      plainText,
    );
    expect(text).toContain("Quiet week: no new scans.");
    expect(text).toContain("Due a rescan (4+ weeks): Dee.");
  });

  it("carries its card as a PNG named for the week", () => {
    const chart = Buffer.from("png");
    expect(announcementImage({ kind: "weekly_summary", summary: week, late: false, chart })).toEqual({
      bytes: chart,
      fileName: "summary-2026-03-09.png",
    });
    expect(announcementImage({ kind: "weekly_summary", summary: week, late: false, chart: null })).toBeNull();
  });
});

describe("rescan reminder", () => {
  it("counts whole weeks and says how to stop them", () => {
    const text = announcementText({ kind: "rescan_reminder", name: "Ana", daysSinceLastScan: 36 }, plainText);
    expect(text).toContain("Hi Ana 👋");
    expect(text).toContain("Your last Evolt scan was 5 weeks ago.");
    expect(text).toContain("Send /reminders off.");
    expect(announcementImage({ kind: "rescan_reminder", name: "Ana", daysSinceLastScan: 36 })).toBeNull();
  });
});
