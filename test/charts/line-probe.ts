// A plain line chart whose pixel positions the tests can compute from chart.js's own scales.

import { createCanvas } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration } from "chart.js";
import { initCharts } from "../../src/charts/setup.ts";

export const LINE_COLOR = "#0072B2";
export const LINE_POINTS = [
  { x: 0, y: 10 },
  { x: 1, y: 80 },
  { x: 2, y: 30 },
  { x: 3, y: 90 },
];

export function lineConfig(labels = true): ChartConfiguration<"line", { x: number; y: number }[]> {
  return {
    type: "line",
    data: { datasets: [{ data: LINE_POINTS, borderColor: LINE_COLOR, borderWidth: 3, pointRadius: 0 }] },
    options: {
      layout: { padding: 10 },
      scales: {
        x: { type: "linear", min: 0, max: 3, ticks: { display: labels } },
        y: { type: "linear", min: 0, max: 100, ticks: { display: labels } },
      },
    },
  };
}

/** Pixel positions (logical px) of the points of LINE_POINTS on a width × height chart. */
export function expectedLinePixels(width: number, height: number, labels = true): { x: number; y: number }[] {
  initCharts();
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas.getContext("2d") as never, {
    ...lineConfig(labels),
    options: { ...lineConfig(labels).options, devicePixelRatio: 2 },
  });
  const x = chart.scales.x!;
  const y = chart.scales.y!;
  const out = LINE_POINTS.map((p) => ({ x: x.getPixelForValue(p.x), y: y.getPixelForValue(p.y) }));
  chart.destroy();
  return out;
}
