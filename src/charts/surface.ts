// A 2× canvas with a white background for charts drawn by hand (cards, composed panels).
import { type Canvas, createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { encodeCanvasPng } from "./png.ts";
import { initCharts } from "./setup.ts";
import { colors, PIXEL_RATIO } from "./theme.ts";

export interface Surface {
  canvas: Canvas;
  /** Scaled so that drawing happens in logical (CSS) pixels. */
  ctx: SKRSContext2D;
  width: number;
  height: number;
}

export function createSurface(width: number, height: number): Surface {
  // Fonts must be registered before the first text is drawn, or Skia settles on a system font.
  initCharts();
  const canvas = createCanvas(Math.round(width * PIXEL_RATIO), Math.round(height * PIXEL_RATIO));
  const ctx = canvas.getContext("2d");
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);
  return { canvas, ctx, width, height };
}

export function encodePng(canvas: Canvas): Promise<Buffer> {
  return encodeCanvasPng(canvas);
}

/** A canvas only for measuring text. */
let measurer: SKRSContext2D | undefined;
export function measureContext(): SKRSContext2D {
  initCharts();
  measurer ??= createCanvas(4, 4).getContext("2d");
  return measurer;
}
