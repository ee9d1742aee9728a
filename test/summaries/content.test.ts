// The summary of a fixed week of scans, word for word: real changes only, noise said honestly, movers
// against the ranks the previous summary showed, goals and personal bests, who is due — and hidden
// members nowhere.
import { describe, expect, it } from "vitest";
import { weeklySummaryText } from "../../bot/replies/announcements.ts";
import { plainText } from "../../bot/replies/markup.ts";
import { findGroup } from "../../src/db/queries/people.ts";
import {
  buildWeeklySummary,
  occurrenceFor,
  weeklySummaryChartInput,
} from "../../src/use-cases/weekly-summary.ts";
import { useTestCore } from "../support/core.ts";
import { hide, makeGroup, scans } from "./support.ts";

const crew = { chatId: "-1001", title: "Iron Crew" };
const html = {
  bold: (t: string) => `<b>${t}</b>`,
  italic: (t: string) => `<i>${t}</i>`,
  escape: (t: string) => t.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"),
};

describe("weekly summary content", () => {
  const t = useTestCore({ now: () => new Date("2026-03-09T08:00:00Z") });

  it("tells the golden week as it was", async () => {
    const core = t.current;
    const groupId = await makeGroup(core.sql, { ...crew, timeZone: "Europe/Amsterdam" });
    // Ana: two earlier scans, then a real fat loss this week that reaches her body-fat goal
    const ana = await scans(core, { userId: "1", name: "Ana" }, crew, [
      { at: "2026-01-05T07:00", weightKg: 70, fatPct: 30 },
      { at: "2026-02-02T07:00", weightKg: 69, fatPct: 28 },
    ]);
    await core.sql`insert into app.goals (member_id, metric, target) values (${ana}, 'body_fat_pct', 26)`;
    await scans(core, { userId: "1", name: "Ana" }, crew, [
      { at: "2026-03-04T07:00", weightKg: 68, fatPct: 25 },
    ]);
    // Ben: a rescan this week that changed nothing beyond noise
    await scans(core, { userId: "2", name: "Ben" }, crew, [
      { at: "2026-02-01T08:00", weightKg: 90, fatPct: 20 },
      { at: "2026-03-05T08:00", weightKg: 90.2, fatPct: 20.1 },
    ]);
    // Cleo: her very first scan
    await scans(core, { userId: "3", name: "Cleo <3" }, crew, [
      { at: "2026-03-06T18:30", weightKg: 60, fatPct: 27 },
    ]);
    // Dan: last scanned seven weeks ago
    await scans(core, { userId: "4", name: "Dan" }, crew, [
      { at: "2025-12-01T07:00", weightKg: 80, fatPct: 25 },
      { at: "2026-01-20T07:00", weightKg: 79, fatPct: 24 },
    ]);
    // Eve: hidden in this group — a big change this week, and due, but the group hears nothing of her
    const eve = await scans(core, { userId: "5", name: "Eve" }, crew, [
      { at: "2026-01-01T07:00", weightKg: 75, fatPct: 35 },
      { at: "2026-03-03T07:00", weightKg: 72, fatPct: 31 },
    ]);
    await hide(core.sql, groupId, eve);
    await core.runPipeline([], true);
    // what last week's summary showed on the board
    const ranks = { metric: "composite", period: "all", ranks: {} as Record<string, number> };
    const ids = await core.sql<
      { id: number; name: string }[]
    >`select id::int, display_name as name from app.members`;
    const id = (name: string) => String(ids.find((r) => r.name === name)!.id);
    ranks.ranks = { [id("Ben")]: 1, [id("Ana")]: 2, [id("Dan")]: 3 };
    await core.sql`insert into app.summaries_sent (group_id, week_start, status, ranks)
                   values (${groupId}, '2026-03-02', 'sent', ${JSON.stringify(ranks)}::jsonb)`;

    const group = (await findGroup(core.sql, "telegram", crew.chatId))!;
    const occurrence = occurrenceFor(group, "UTC", "2026-03-09");
    expect(occurrence.window).toEqual({ from: "2026-03-02T09:00", to: "2026-03-09T09:00" });
    expect(occurrence.at.toISOString()).toBe("2026-03-09T08:00:00.000Z");
    const summary = await buildWeeklySummary(core.sql, group, occurrence, core.boardAsOf);

    expect(weeklySummaryText(summary, plainText)).toBe(
      [
        "📊 Iron Crew: week to Mon 9 Mar",
        "",
        "Scanned this week (3)",
        "Ana: fat mass −11.9%, body fat −3.0 pts (real)",
        "Ben: within noise, steady",
        "Cleo <3: first scan, baseline set",
        "",
        "Leaderboard (body composition score)",
        "Ana ▲ #2 → #1",
        "Dan ▲ #3 → #2",
        "Ben ▼ #1 → #3",
        "",
        "🎯 Goals reached",
        "Ana: body fat",
        "",
        "🏅 Personal bests",
        "Ana: fat mass, body fat, lean mass",
        "",
        "Due a rescan (4+ weeks): Dan",
      ].join("\n"),
    );
    // group text: names escaped, no body values
    const text = weeklySummaryText(summary, html, { late: true });
    expect(text).toContain("Cleo &lt;3: first scan");
    expect(text).toContain("<i>Sent late: it was due at 09:00.</i>");
    expect(text).not.toMatch(/kg|lb|Eve/);
    for (const [number] of text.matchAll(/[−+±]?\d+(?:\.\d)?(?:%| pts)/g)) expect(number).toMatch(/^[−+±]/);

    expect(weeklySummaryChartInput(summary)).toEqual({
      groupName: "Iron Crew",
      weekLabel: "Week 10 · 2–9 Mar 2026",
      scanned: ["Ana", "Ben", "Cleo <3"],
      realChanges: [
        { name: "Ana", label: "fat mass −11.9%", good: true },
        { name: "Ana", label: "body fat −3.0 pts", good: true },
      ],
      movers: [
        { name: "Ana", from: 2, to: 1 },
        { name: "Dan", from: 3, to: 2 },
        { name: "Ben", from: 1, to: 3 },
      ],
      dueRescan: ["Dan"],
      goalsReached: [{ name: "Ana", label: "body fat" }],
    });
    const png = await core.charts.weeklySummary(weeklySummaryChartInput(summary));
    expect(png.subarray(1, 4).toString()).toBe("PNG");

    // a scan half an hour after the scheduled time belongs to next week, not to this one
    await scans(core, { userId: "2", name: "Ben" }, crew, [
      { at: "2026-03-09T09:30", weightKg: 88, fatPct: 18 },
    ]);
    const again = await buildWeeklySummary(core.sql, group, occurrence, core.boardAsOf);
    expect(again.scanned.map((s) => [s.name, s.verdict])).toEqual([
      ["Ana", "real"],
      ["Ben", "noise"],
      ["Cleo <3", "first"],
    ]);
    const next = await buildWeeklySummary(
      core.sql,
      group,
      occurrenceFor(group, "UTC", "2026-03-16"),
      core.boardAsOf,
    );
    expect(next.scanned.map((s) => [s.name, s.verdict, s.real.map((c) => c.label)])).toEqual([
      ["Ben", "real", ["fat mass −12.7%", "body fat −2.1 pts"]],
    ]);
    // two weeks later nobody scanned: a short nudge instead of an empty report
    const quiet = await buildWeeklySummary(
      core.sql,
      group,
      occurrenceFor(group, "UTC", "2026-03-23"),
      core.boardAsOf,
    );
    expect(quiet.quiet).toBe(true);
    expect(weeklySummaryText(quiet, plainText)).toBe(
      [
        "📊 Iron Crew: week to Mon 23 Mar",
        "",
        "Quiet week: no new scans.",
        "Due a rescan (4+ weeks): Dan.",
        "Book one and send me the PDF 💪",
      ].join("\n"),
    );
  });
});
