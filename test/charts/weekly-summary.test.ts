import { describe, expect, it } from "vitest";
import { renderWeeklySummaryChart } from "../../src/charts/index.ts";
import { colors } from "../../src/charts/theme.ts";
import { isQuietWeek, WEEKLY_HEADER_HEIGHT } from "../../src/charts/weekly-summary-chart.ts";
import { colorNear, decode, differingPixels, distinctColors, inkRatio, PNG_SIGNATURE } from "./pixels.ts";
import { LEADERBOARD_NAMES, quietWeekInput, weeklySummaryInput } from "./samples.ts";

describe("renderWeeklySummaryChart", () => {
  it("renders a busy week with header, sections and text", async () => {
    const png = await renderWeeklySummaryChart(weeklySummaryInput());
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const pic = await decode(png);
    expect(pic.width).toBe(840);
    expect(colorNear(pic, 5, WEEKLY_HEADER_HEIGHT / 2, colors.blue, 0)).toBe(true);
    expect(distinctColors(pic)).toBeGreaterThan(40);
    expect(inkRatio(pic)).toBeGreaterThan(0.1);
  });

  it("draws names (blank names render differently)", async () => {
    const input = weeklySummaryInput();
    const a = await decode(await renderWeeklySummaryChart(input));
    const b = await decode(
      await renderWeeklySummaryChart({ ...input, scanned: input.scanned.map(() => "") }),
    );
    expect(differingPixels(a, b)).toBeGreaterThan(500);
  });

  it("renders a quiet week as a friendly card, shorter than a busy week", async () => {
    expect(isQuietWeek(quietWeekInput())).toBe(true);
    expect(isQuietWeek(weeklySummaryInput())).toBe(false);
    const quiet = await decode(await renderWeeklySummaryChart(quietWeekInput()));
    const busy = await decode(await renderWeeklySummaryChart(weeklySummaryInput()));
    expect(quiet.height).toBeLessThan(busy.height);
    expect(distinctColors(quiet)).toBeGreaterThan(20);
  });

  it("keeps long lists bounded", async () => {
    const many = LEADERBOARD_NAMES.concat(LEADERBOARD_NAMES);
    const small = await decode(
      await renderWeeklySummaryChart({ ...weeklySummaryInput(), scanned: many.slice(0, 8) }),
    );
    const big = await decode(
      await renderWeeklySummaryChart({
        ...weeklySummaryInput(),
        scanned: many,
        movers: many.map((name, i) => ({ name, from: i + 2, to: i + 1 })),
      }),
    );
    // At most three lines of names and five movers (+ "more"), however many there are.
    expect(big.height - small.height).toBeLessThanOrEqual(2 * (2 * 20 + 2 * 24 + 20));
  });
});
