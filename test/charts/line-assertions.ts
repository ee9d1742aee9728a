// Shared proof that a line chart's line was actually stroked where the data is.
import { expect } from "vitest";
import { renderChart } from "../../src/charts/render.ts";
import { expectedLinePixels, LINE_COLOR, LINE_POINTS, lineConfig } from "./line-probe.ts";
import { colorNear, decode } from "./pixels.ts";

export async function expectLineDrawn(): Promise<void> {
  const png = await renderChart(lineConfig(), { width: 300, height: 200 });
  const pic = await decode(png);
  const points = expectedLinePixels(300, 200);
  for (const p of points) expect(colorNear(pic, p.x, p.y, LINE_COLOR, 2)).toBe(true);
  // Midpoints of each segment lie on the line too…
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    expect(colorNear(pic, (a.x + b.x) / 2, (a.y + b.y) / 2, LINE_COLOR, 2)).toBe(true);
  }
  // …and mirrored positions (where there is no data) are free of it, so the checks above can fail.
  const top = Math.min(...points.map((p) => p.y));
  const bottom = Math.max(...points.map((p) => p.y));
  expect(LINE_POINTS.length).toBe(points.length);
  const a = points[0]!;
  expect(colorNear(pic, a.x + 20, top + bottom - a.y, LINE_COLOR, 2)).toBe(false);
}
