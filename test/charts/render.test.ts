import { GlobalFonts } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { initCharts, renderChart } from "../../src/charts/index.ts";
import { encodeCanvasPng } from "../../src/charts/png.ts";
import { withChart } from "../../src/charts/render.ts";
import { FONT_FAMILY } from "../../src/charts/theme.ts";
import { expectLineDrawn } from "./line-assertions.ts";
import { lineConfig } from "./line-probe.ts";
import { decode, differingPixels, distinctColors, PNG_SIGNATURE } from "./pixels.ts";

describe("renderChart", () => {
  it("returns a PNG at 2× the requested size", async () => {
    const png = await renderChart(lineConfig(), { width: 300, height: 200 });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const pic = await decode(png);
    expect([pic.width, pic.height]).toEqual([600, 400]);
  });

  it("paints a white background", async () => {
    const pic = await decode(await renderChart(lineConfig(false), { width: 300, height: 200 }));
    expect(pic.at(1, 1)).toEqual([255, 255, 255]);
    expect(pic.data[3]).toBe(255);
  });

  it("registers the bundled font, idempotently", () => {
    initCharts();
    initCharts();
    expect(GlobalFonts.has(FONT_FAMILY)).toBe(true);
    const inter = GlobalFonts.families.find((f) => f.family === FONT_FAMILY);
    expect(inter?.styles.map((s) => s.weight).sort()).toEqual([400, 600, 700]);
  });

  it("draws tick labels (a render with labels differs from one without)", async () => {
    const withLabels = await decode(await renderChart(lineConfig(true), { width: 300, height: 200 }));
    const without = await decode(await renderChart(lineConfig(false), { width: 300, height: 200 }));
    expect(differingPixels(withLabels, without)).toBeGreaterThan(500);
  });

  it("draws the line where the data is", async () => {
    await expectLineDrawn();
  });

  it("encodes PNGs losslessly (same pixels as Skia's own encoder)", async () => {
    const [ours, skia] = await withChart(lineConfig(), { width: 300, height: 200 }, async (canvas) => [
      await encodeCanvasPng(canvas),
      await canvas.encode("png"),
    ]);
    const a = await decode(ours!);
    const b = await decode(skia!);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    expect(differingPixels(a, b)).toBe(0);
    expect(distinctColors(a)).toBeGreaterThan(10);
  });
});
