import { describe, expect, it } from "vitest";
import { renderLeaderboardChart } from "../../src/charts/index.ts";
import {
  BAR_COLORS,
  LEADERBOARD_LAYOUT,
  leaderboardLayout,
  rankLabel,
} from "../../src/charts/leaderboard-chart.ts";
import type { LeaderboardChartInput } from "../../src/charts/types.ts";
import { colorNear, decode, differingPixels, distinctColors, type Picture, PNG_SIGNATURE } from "./pixels.ts";
import { leaderboardInput } from "./samples.ts";

function barPixel(input: LeaderboardChartInput, index: number): { x: number; y: number; zero: number } {
  const { plot, min, max, rows } = leaderboardLayout(input);
  const x = (v: number) => plot.left + ((v - min) / (max - min)) * (plot.right - plot.left);
  const band = (plot.bottom - plot.top) / rows.length;
  return { x: x(rows[index]!.score / 2), y: plot.top + (index + 0.5) * band, zero: x(0) };
}

function barColorAt(pic: Picture, input: LeaderboardChartInput, index: number, color: string): boolean {
  const p = barPixel(input, index);
  return colorNear(pic, p.x, p.y, color, 1, 30);
}

const input: LeaderboardChartInput = {
  title: "Body fat % change",
  periodLabel: "Last 12 weeks",
  unitLabel: "%",
  higherIsBetter: false,
  rows: [
    { name: "Priya", rank: 2, tied: true, score: -2.1, withinNoise: false },
    { name: "Sam", rank: 1, tied: false, score: -3.4, withinNoise: false },
    { name: "Jordan", rank: 2, tied: true, score: -2.1, withinNoise: false },
    { name: "Lena", rank: 4, tied: false, score: -0.4, withinNoise: true },
    { name: "Chris \u{1F4AA}\u{1F3FD}", rank: 5, tied: false, score: 1.9, withinNoise: false },
  ],
};

describe("renderLeaderboardChart", () => {
  it("returns a 2× PNG that grows with the number of rows", async () => {
    const one = await decode(await renderLeaderboardChart(leaderboardInput(1)));
    const thirty = await decode(await renderLeaderboardChart(leaderboardInput(30)));
    expect(one.width).toBe(LEADERBOARD_LAYOUT.width * 2);
    expect(thirty.height - one.height).toBe(29 * LEADERBOARD_LAYOUT.rowHeight * 2);
    expect((await renderLeaderboardChart(input)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it("sorts by rank and labels ties as =N", () => {
    const { rows } = leaderboardLayout(input);
    expect(rows.map((r) => r.name)).toEqual(["Sam", "Jordan", "Priya", "Lena", rows[4]!.name]);
    expect(rows.map(rankLabel)).toEqual(["1", "=2", "=2", "4", "5"]);
  });

  it("draws each bar where its score is, coloured by direction, hatched when within noise", async () => {
    const pic = await decode(await renderLeaderboardChart(input));
    expect(distinctColors(pic)).toBeGreaterThan(30);
    // Lower is better: negative scores are "better" blue, the positive one is orange.
    expect(barColorAt(pic, input, 0, BAR_COLORS.better)).toBe(true);
    expect(barColorAt(pic, input, 1, BAR_COLORS.better)).toBe(true);
    expect(barColorAt(pic, input, 4, BAR_COLORS.worse)).toBe(true);
    expect(barColorAt(pic, input, 4, BAR_COLORS.better)).toBe(false);
    // Within noise: neither colour.
    expect(barColorAt(pic, input, 3, BAR_COLORS.better)).toBe(false);
    expect(barColorAt(pic, input, 3, BAR_COLORS.worse)).toBe(false);
    // Bars grow from zero: on the other side of zero from Sam's bar there is no blue at his row.
    const sam = barPixel(input, 0);
    expect(colorNear(pic, sam.zero + (sam.zero - sam.x), sam.y, BAR_COLORS.better, 1, 30)).toBe(false);
  });

  it("flips colours when higher is better", async () => {
    const flipped = { ...input, higherIsBetter: true };
    const pic = await decode(await renderLeaderboardChart(flipped));
    expect(barColorAt(pic, flipped, 0, BAR_COLORS.worse)).toBe(true);
  });

  it("draws the tie marks (a render without ties differs in the rank column)", async () => {
    const noTies = { ...input, rows: input.rows.map((r) => ({ ...r, tied: false })) };
    const a = await decode(await renderLeaderboardChart(input));
    const b = await decode(await renderLeaderboardChart(noTies));
    expect(differingPixels(a, b)).toBeGreaterThan(50);
  });

  it("draws the names (a render with blank names differs)", async () => {
    const a = await decode(await renderLeaderboardChart(input));
    const b = await decode(
      await renderLeaderboardChart({ ...input, rows: input.rows.map((r) => ({ ...r, name: "" })) }),
    );
    expect(differingPixels(a, b)).toBeGreaterThan(500);
  });

  it("renders an empty board as a message, not a blank image", async () => {
    const pic = await decode(await renderLeaderboardChart({ ...input, rows: [] }));
    expect(distinctColors(pic)).toBeGreaterThan(10);
  });
});
