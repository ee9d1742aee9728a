// Diagonal hatching for "within noise" bars: readable without colour, and in greyscale.
import { type CanvasPattern, createCanvas } from "@napi-rs/canvas";
import { colors } from "./theme.ts";

let pattern: CanvasPattern | undefined;

export function hatchPattern(): CanvasPattern {
  if (pattern) return pattern;
  const size = 8;
  const tile = createCanvas(size, size);
  const ctx = tile.getContext("2d");
  ctx.fillStyle = "#eef0f3";
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = colors.noise;
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  for (const offset of [-size, 0, size]) {
    ctx.moveTo(offset, size);
    ctx.lineTo(offset + size, 0);
  }
  ctx.stroke();
  pattern = ctx.createPattern(tile, "repeat");
  return pattern;
}
