import { describe, expect, it } from "vitest";
import { PODIUM_HEADER, PODIUM_HEIGHT, STEP_COLORS } from "../../src/charts/challenge-podium-chart.ts";
import { renderChallengePodiumChart } from "../../src/charts/index.ts";
import { colors } from "../../src/charts/theme.ts";
import type { ChallengePodiumInput, ChallengePodiumRow } from "../../src/charts/types.ts";
import { colorNear, decode, differingPixels, PNG_SIGNATURE } from "./pixels.ts";

const row = (name: string, rank: number, score: number, extra: Partial<ChallengePodiumRow> = {}) => ({
  name,
  rank,
  tied: false,
  score,
  noiseClass: "real" as const,
  reached: false,
  flagged: false,
  ...extra,
});

const input = (rows: ChallengePodiumRow[]): ChallengePodiumInput => ({
  title: "Spring Cut",
  subtitle: "Iron Crew · Body composition score",
  unitLabel: "pts",
  rows,
  notRanked: ["Ravi"],
});

const board = [
  row("Alex", 1, 5.3),
  row("Priya", 2, 4.6, { flagged: true }),
  row("Sam", 3, 1.8),
  row("Mia", 4, 0.5, { tied: true, noiseClass: "within_noise" }),
  row("Noah", 4, -0.3, { tied: true, noiseClass: "within_noise" }),
];

describe("renderChallengePodiumChart", () => {
  it("draws the title band and the three podium steps in their colours", async () => {
    const png = await renderChallengePodiumChart(input(board));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const pic = await decode(png);
    expect(pic.width).toBe(840);
    expect(colorNear(pic, 5, PODIUM_HEADER / 2, colors.blue, 0)).toBe(true);
    // 10 px above the podium floor, at the centre of each step (2nd left, 1st middle, 3rd right)
    const y = PODIUM_HEADER + PODIUM_HEIGHT - 10;
    expect(colorNear(pic, 92, y, STEP_COLORS[1], 1)).toBe(true);
    expect(colorNear(pic, 210, y, STEP_COLORS[0], 1)).toBe(true);
    expect(colorNear(pic, 328, y, STEP_COLORS[2], 1)).toBe(true);
  });

  it("lists the whole board below the podium: more entrants, a taller picture", async () => {
    const short = await decode(await renderChallengePodiumChart(input(board.slice(0, 3))));
    const long = await decode(await renderChallengePodiumChart(input(board)));
    expect(long.height).toBeGreaterThan(short.height);
  });

  it("draws the names (blank names render differently)", async () => {
    const named = await decode(await renderChallengePodiumChart(input(board)));
    const blank = await decode(
      await renderChallengePodiumChart(input(board.map((r) => ({ ...r, name: "" })))),
    );
    expect(differingPixels(named, blank)).toBeGreaterThan(500);
  });
});
