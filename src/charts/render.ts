// chart.js → PNG on @napi-rs/canvas, at 2× for phone screens.
import { type Canvas, createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration, type ChartType, type DefaultDataPoint } from "chart.js";
import { type Box, insetCanvas } from "./inset-canvas.ts";
import { initCharts } from "./setup.ts";
import { encodePng } from "./surface.ts";
import { PIXEL_RATIO } from "./theme.ts";
import type { ChartSize } from "./types.ts";

type AnyConfig = ChartConfiguration<ChartType, DefaultDataPoint<ChartType>, unknown>;

/**
 * Draws a chart.js config onto a fresh canvas (width × height CSS px, 2× pixels) and hands the canvas to
 * `use`. The chart is destroyed afterwards (destroy() clears the canvas, so use it inside `use`).
 */
export async function withChart<T extends ChartType, R>(
  config: ChartConfiguration<T, DefaultDataPoint<T>, unknown>,
  size: ChartSize,
  use: (canvas: Canvas) => R | Promise<R>,
): Promise<R> {
  initCharts();
  const canvas = createCanvas(size.width, size.height);
  const base = config as unknown as AnyConfig;
  const chart = new Chart(canvas.getContext("2d") as never, {
    ...base,
    options: { ...base.options, devicePixelRatio: PIXEL_RATIO, responsive: false, animation: false },
  });
  try {
    return await use(canvas);
  } finally {
    chart.destroy();
  }
}

/** Renders a chart.js config to a PNG: `width × 2` by `height × 2` pixels, white background. */
export function renderChart<T extends ChartType>(
  config: ChartConfiguration<T, DefaultDataPoint<T>, unknown>,
  size: ChartSize,
): Promise<Buffer> {
  return withChart(config, size, encodePng);
}

/**
 * Draws a chart.js config into `box` (logical px) of an existing 2× surface, clipped to the box. The
 * surface keeps its transform afterwards.
 */
export function drawChartInto<T extends ChartType>(
  target: SKRSContext2D,
  box: Box,
  config: ChartConfiguration<T, DefaultDataPoint<T>, unknown>,
): void {
  initCharts();
  const base = config as unknown as AnyConfig;
  target.save();
  target.beginPath();
  target.rect(box.x, box.y, box.width, box.height);
  target.clip();
  try {
    // The surface is already white: no background pass (a destination-over fill of the whole box).
    const plugins = { ...base.options?.plugins, whiteBackground: false } as never;
    const chart = new Chart(insetCanvas(target, box) as never, {
      ...base,
      options: {
        ...base.options,
        plugins,
        devicePixelRatio: PIXEL_RATIO,
        responsive: false,
        animation: false,
      },
    });
    chart.destroy();
  } finally {
    target.restore();
  }
}
