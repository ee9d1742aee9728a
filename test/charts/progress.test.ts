import { createCanvas } from "@napi-rs/canvas";
import { Chart } from "chart.js";
import { describe, expect, it } from "vitest";
import { renderProgressChart } from "../../src/charts/index.ts";
import { type ProgressPanel, progressPanels } from "../../src/charts/progress-chart.ts";
import { progressPanelConfig } from "../../src/charts/progress-panel.ts";
import { initCharts } from "../../src/charts/setup.ts";
import { SNAPSHOT_LAYOUT } from "../../src/charts/snapshot-card.ts";
import type { ProgressChartInput } from "../../src/charts/types.ts";
import {
  close,
  colorNear,
  darkPixels,
  decode,
  differingPixels,
  distinctColors,
  hex,
  inkRatio,
  type Picture,
  PNG_SIGNATURE,
} from "./pixels.ts";
import { progressInput, progressPoints } from "./samples.ts";

/** Where chart.js puts each point of a panel, in image coordinates, read from the chart's own scales. */
function panelPixels(panel: ProgressPanel): { x: number; y: number; value: number }[] {
  initCharts();
  const canvas = createCanvas(panel.box.width, panel.box.height);
  const config = progressPanelConfig(panel.spec);
  const chart = new Chart(
    canvas.getContext("2d") as never,
    {
      ...config,
      options: { ...config.options, devicePixelRatio: 2 },
    } as never,
  );
  const xs = chart.scales.x!;
  const ys = chart.scales.y!;
  const area = { ...chart.chartArea };
  const out = panel.spec.points.map((p) => ({
    x: panel.box.x + xs.getPixelForValue(p.x),
    y: panel.box.y + ys.getPixelForValue(p.y),
    value: p.y,
  }));
  chart.destroy();
  expect(area.bottom - area.top).toBeGreaterThan(50);
  return out;
}

function expectSeriesDrawn(pic: Picture, panel: ProgressPanel, indices: number[]): void {
  const pixels = panelPixels(panel);
  for (const i of indices) {
    const p = pixels[i]!;
    expect(colorNear(pic, p.x, p.y, panel.spec.color, 3), `point ${i} of ${panel.series.metric}`).toBe(true);
  }
}

describe("renderProgressChart", () => {
  it("renders 14 scans: a PNG at 2×, every panel's line where its data is", async () => {
    const input = progressInput(14);
    const png = await renderProgressChart(input);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const pic = await decode(png);
    expect(pic.width).toBe(840);
    expect(distinctColors(pic)).toBeGreaterThan(50);
    for (const panel of progressPanels(input)) expectSeriesDrawn(pic, panel, [0, 5, 13]);
  });

  it("puts the line only where the data is (a mirrored point is empty)", async () => {
    const input = progressInput(14);
    const pic = await decode(await renderProgressChart(input));
    const weight = progressPanels(input)[0]!;
    const pixels = panelPixels(weight);
    const first = pixels[0]!;
    const last = pixels.at(-1)!;
    // Weight goes down: the first scan sits visibly above the latest one.
    expect(first.y).toBeLessThan(last.y - 20);
    expect(colorNear(pic, first.x + 3, last.y, weight.spec.color, 2)).toBe(false);
  });

  it("renders 2 scans as a line between them", async () => {
    const input = progressInput(2);
    const pic = await decode(await renderProgressChart(input));
    for (const panel of progressPanels(input)) {
      const [a, b] = panelPixels(panel);
      expect(colorNear(pic, (a!.x + b!.x) / 2, (a!.y + b!.y) / 2, panel.spec.color, 2)).toBe(true);
    }
  });

  it("renders 120 scans over years in pounds", async () => {
    const input: ProgressChartInput = { ...progressInput(120), points: progressPoints(120, 9), unit: "lb" };
    const pic = await decode(await renderProgressChart(input));
    const panels = progressPanels(input);
    expect(panels[0]!.spec.axis.unit).toBe("year");
    // Pounds: the weight series is in display units (about 2.2 × kg).
    expect(panels[0]!.spec.points[0]!.y).toBeCloseTo(input.points[0]!.weight_kg! * 2.20462262, 6);
    expect(panels[3]!.spec.points[0]!.y).toBe(input.points[0]!.body_fat_pct);
    for (const panel of panels) expectSeriesDrawn(pic, panel, [0, 30, 60, 90, 119]);
  });

  it("draws the noise band around the latest value and the goal line", async () => {
    const input = progressInput(14);
    const pic = await decode(await renderProgressChart(input));
    const fat = progressPanels(input)[3]!;
    const pixels = panelPixels(fat);
    const latest = pixels.at(-1)!;
    // Inside the band (left of the latest point, on its height) the colour is a light tint, not white.
    const [r, g, b] = hex(fat.spec.color);
    const blend = (c: number) => Math.round(255 - 0.16 * (255 - c));
    const inBand = pic.at(fat.box.x + fat.box.width * 0.45, latest.y);
    expect(close(inBand, [blend(r), blend(g), blend(b)], 15), `band tint ${inBand}`).toBe(true);
    // Well above the band (at the top of the panel) there is no tint.
    const first = pixels[0]!;
    const yOf = (v: number) =>
      first.y + ((v - first.value) * (latest.y - first.y)) / (latest.value - first.value);
    const aboveBand = yOf(latest.value + 3 * fat.spec.noise);
    expect(
      close(pic.at(fat.box.x + fat.box.width * 0.45, aboveBand), [blend(r), blend(g), blend(b)], 15),
    ).toBe(false);
    // The dashed goal line is dark ink somewhere along its row.
    const goalY = yOf(15);
    let dark = 0;
    for (let x = fat.box.x + 120; x < fat.box.x + 300; x += 1)
      if (darkPixels(pic, x, goalY - 1.5, 1, 3) > 0) dark++;
    expect(dark).toBeGreaterThan(40);
    // …and not a few pixels away from it.
    let offLine = 0;
    for (let x = fat.box.x + 120; x < fat.box.x + 300; x += 1)
      if (darkPixels(pic, x, goalY + 6, 1, 2) > 0) offLine++;
    expect(offLine).toBeLessThan(5);
  });

  it("shows a snapshot card for a single scan, with the numbers drawn", async () => {
    const one = progressInput(1);
    const png = await renderProgressChart(one);
    const pic = await decode(png);
    expect(pic.width).toBe(840);
    expect(inkRatio(pic)).toBeGreaterThan(0.05);
    const empty = await decode(
      await renderProgressChart({
        ...one,
        points: one.points.map((p) => ({
          ...p,
          weight_kg: null,
          body_fat_mass_kg: null,
          skeletal_muscle_mass_kg: null,
          body_fat_pct: null,
        })),
      }),
    );
    // The big value of the first tile is dark text; with no value only a dash remains.
    const L = SNAPSHOT_LAYOUT;
    const tile = [L.margin + 16, L.tileTop + 40, 150, 36] as const;
    expect(darkPixels(pic, ...tile)).toBeGreaterThan(3 * darkPixels(empty, ...tile));
  });

  it("renders a friendly card with no scans at all", async () => {
    const pic = await decode(await renderProgressChart({ ...progressInput(1), points: [] }));
    expect(inkRatio(pic)).toBeGreaterThan(0.03);
  });

  it("draws the title text", async () => {
    const a = await decode(await renderProgressChart(progressInput(5)));
    const b = await decode(await renderProgressChart({ ...progressInput(5), title: "" }));
    expect(differingPixels(a, b)).toBeGreaterThan(300);
  });

  it("says so in a panel whose metric is missing from every scan, and draws no line there", async () => {
    const input = progressInput(6);
    input.points = input.points.map((p) => ({ ...p, body_fat_mass_kg: null }));
    const pic = await decode(await renderProgressChart(input));
    const fat = progressPanels(input)[1]!;
    const { x, y, width, height } = fat.box;
    let orange = 0;
    for (let px = x + 45; px < x + width - 10; px += 4) {
      for (let py = y + 4; py < y + height - 4; py += 4)
        if (colorNear(pic, px, py, fat.spec.color, 0)) orange++;
    }
    expect(orange).toBe(0);
    let text = 0;
    for (let px = x + width / 2 - 60; px < x + width / 2 + 60; px += 0.5) {
      const [r, g, b] = pic.at(px, y + height / 2);
      if (r + g + b < 600) text++;
    }
    expect(text).toBeGreaterThan(10);
  });
});
