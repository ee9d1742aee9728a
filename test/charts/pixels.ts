// Decode a rendered PNG and look at its pixels, in logical (CSS) coordinates (the PNG is 2×).
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { PIXEL_RATIO } from "../../src/charts/theme.ts";

export type Rgb = [number, number, number];

export interface Picture {
  width: number;
  height: number;
  data: Uint8ClampedArray;
  /** Device-pixel colour at logical (x, y). */
  at(x: number, y: number): Rgb;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function decode(png: Buffer): Promise<Picture> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return {
    width: image.width,
    height: image.height,
    data,
    at(x, y) {
      const px = Math.min(image.width - 1, Math.max(0, Math.round(x * PIXEL_RATIO)));
      const py = Math.min(image.height - 1, Math.max(0, Math.round(y * PIXEL_RATIO)));
      const i = (py * image.width + px) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}

export function hex(color: string): Rgb {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function close(a: Rgb, b: Rgb, tolerance = 40): boolean {
  return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tolerance;
}

/** Whether `color` appears within `radius` logical px of (x, y). */
export function colorNear(
  pic: Picture,
  x: number,
  y: number,
  color: string,
  radius = 3,
  tolerance = 40,
): boolean {
  const target = hex(color);
  for (let dy = -radius; dy <= radius; dy += 0.5) {
    for (let dx = -radius; dx <= radius; dx += 0.5) {
      if (close(pic.at(x + dx, y + dy), target, tolerance)) return true;
    }
  }
  return false;
}

/** Fraction of pixels that are not (near) white. */
export function inkRatio(pic: Picture): number {
  let ink = 0;
  for (let i = 0; i < pic.data.length; i += 4) {
    if (pic.data[i]! + pic.data[i + 1]! + pic.data[i + 2]! < 735) ink++;
  }
  return ink / (pic.data.length / 4);
}

/** Number of distinct colours, quantised to 4 bits per channel. */
export function distinctColors(pic: Picture): number {
  const seen = new Set<number>();
  for (let i = 0; i < pic.data.length; i += 4) {
    seen.add(((pic.data[i]! >> 4) << 8) | ((pic.data[i + 1]! >> 4) << 4) | (pic.data[i + 2]! >> 4));
  }
  return seen.size;
}

/** Count of dark (text-like) pixels inside a logical rectangle. */
export function darkPixels(pic: Picture, x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (let py = Math.round(y * PIXEL_RATIO); py < Math.round((y + h) * PIXEL_RATIO); py++) {
    for (let px = Math.round(x * PIXEL_RATIO); px < Math.round((x + w) * PIXEL_RATIO); px++) {
      const i = (py * pic.width + px) * 4;
      if (pic.data[i]! + pic.data[i + 1]! + pic.data[i + 2]! < 300) n++;
    }
  }
  return n;
}

export function differingPixels(a: Picture, b: Picture): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) n++;
  }
  return n;
}
