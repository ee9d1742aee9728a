// /progress and /leaderboard in words.
import { describe, expect, it } from "vitest";
import { plainText, telegramHtml } from "../../../bot/replies/markup.ts";
import {
  badMetricText,
  badPeriodText,
  leaderboardText,
  progressGroupText,
  progressText,
} from "../../../bot/replies/progress.ts";
import type { LeaderboardRow } from "../../../src/db/queries/gold.ts";
import type { ProgressResult } from "../../../src/use-cases/get-progress.ts";
import { history, NOISE } from "./builders.ts";

const rows = history([
  {
    at: "2025-12-01T07:30",
    values: { weight_kg: 90, body_fat_mass_kg: 25, body_fat_pct: 27.8, skeletal_muscle_mass_kg: 35 },
  },
  {
    at: "2026-01-05T07:30",
    values: { weight_kg: 89, body_fat_mass_kg: 24, body_fat_pct: 27, skeletal_muscle_mass_kg: 35.2 },
  },
  {
    at: "2026-02-02T07:30",
    values: { weight_kg: 87.5, body_fat_mass_kg: 22.5, body_fat_pct: 25.7, skeletal_muscle_mass_kg: 35.9 },
  },
]);

function progress(focus: Extract<ProgressResult, { kind: "ok" }>["focus"] = null) {
  return {
    kind: "ok" as const,
    chart: Buffer.from("png"),
    segmentsChart: null,
    focus,
    view: {
      memberId: 1,
      name: "Ana",
      units: "kg" as const,
      period: "all" as const,
      history: rows,
      latest: rows[2]!,
      first: rows[0]!,
      previous: rows[1]!,
      goals: [],
      noise: NOISE,
      totalScans: 3,
    },
  };
}

describe("progress", () => {
  it("tells the member what changed over the period, across a new year", () => {
    const text = progressText(progress(), plainText);
    expect(text).toContain("Ana — since the first scan");
    expect(text).toContain("3 scans, latest 2 Feb.");
    expect(text).toContain("Change since 1 Dec 2025:");
    expect(text).toContain("• fat mass −2.5 kg — a real change");
    expect(text).toContain("• muscle +0.9 kg — a real change");
  });

  it("says which word it did not understand, and when a sheet has no segments", () => {
    expect(progressText(progress({ unknown: "<arms>" }), telegramHtml)).toContain(
      `<i>I don't know "&lt;arms&gt;" — showing everything.</i>`,
    );
    expect(progressText(progress("segments"), plainText)).toContain(
      "Your latest sheet has no segment block.",
    );
  });

  it("gives the group relative changes only", () => {
    const text = progressGroupText(progress(), plainText);
    expect(text).toContain("Ana — 3 scans so far.");
    expect(text).toContain("• fat mass −10.0% — a real change");
    expect(text).not.toMatch(/\d+\.\d (kg|lb)\b/);
  });
});

describe("leaderboard", () => {
  const row = (
    name: string,
    rank: number,
    score: number,
    extra: Partial<LeaderboardRow> = {},
  ): LeaderboardRow => ({
    memberId: rank,
    name,
    rank,
    tied: false,
    score,
    withinNoise: false,
    scansInPeriod: 2,
    baselineAt: "2026-01-01T07:00",
    latestAt: "2026-02-01T07:00",
    ...extra,
  });
  const board = (rows: LeaderboardRow[], unranked: string[] = []) => ({
    kind: "ok" as const,
    chart: null,
    view: {
      groupTitle: "Crew",
      metric: "fat_loss_pct" as const,
      period: "all" as const,
      periodLabel: "since the first scan",
      rows,
      unranked,
    },
  });

  it("ranks with ties, signs and noise marked, and names who is not ranked yet", () => {
    const text = leaderboardText(
      board(
        [
          row("Ana", 1, 8.04),
          row("Ben", 2, 3, { tied: true }),
          row("Cy", 2, 3, { tied: true }),
          row("Dee", 4, -0.02, { withinNoise: true }),
        ],
        ["Eve"],
      ),
      plainText,
    );
    expect(text.split("\n").slice(0, 5)).toEqual([
      "🏆 Fat mass lost — since the first scan",
      "1. Ana +8.0 %",
      "=2. Ben +3.0 %",
      "=2. Cy +3.0 %",
      "4. Dee ±0.0 % (within noise)",
    ]);
    expect(text).toContain("Not ranked yet (need 2 scans): Eve");
  });

  it("says why nobody is ranked", () => {
    expect(leaderboardText(board([]), plainText)).toContain("the board needs two scans per person");
  });

  it("suggests the words each platform's members can use", () => {
    expect(badMetricText("abs", plainText, "telegram")).toBe(
      'I can\'t rank by "abs". Try one of: score, fat, muscle, bf, weight.',
    );
    expect(badMetricText("abs", plainText, "discord")).toContain("fat_loss_pct");
    expect(badPeriodText("1y", plainText, "leaderboard")).toBe(
      'I don\'t know the period "1y". Try one of: challenge, all, 90d, 30d.',
    );
    expect(badPeriodText("challenge", plainText, "progress")).toContain("all, 30d, 90d, 1y");
  });
});
