// Perspective correction: the paper's quadrilateral mapped back onto an upright rectangle (a homography,
// sampled bilinearly from the photo for every output pixel).
import type { Point, Quad } from "./find-paper.ts";
import { type GrayImage, grayImage } from "./gray-image.ts";

/** The 3×3 homography (row-major, h22 = 1) taking the unit square's corners onto `quad`. */
export function squareToQuad([[x0, y0], [x1, y1], [x2, y2], [x3, y3]]: Quad): number[] {
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = det === 0 ? 0 : (sx * dy2 - dx2 * sy) / det;
  const h = det === 0 ? 0 : (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

const distance = ([ax, ay]: Point, [bx, by]: Point) => Math.hypot(ax - bx, ay - by);

/** The upright size of the paper: its sides' mean lengths, scaled so the width is `width`. */
export function uprightSize(quad: Quad, width: number): { width: number; height: number } {
  const across = (distance(quad[0], quad[1]) + distance(quad[3], quad[2])) / 2;
  const down = (distance(quad[0], quad[3]) + distance(quad[1], quad[2])) / 2;
  return { width, height: Math.round((width * down) / Math.max(1, across)) };
}

export function warpQuad(image: GrayImage, quad: Quad, width: number, height: number): GrayImage {
  const m = squareToQuad(quad);
  const out = grayImage(width, height);
  const { data, width: sw, height: sh } = image;
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const z = (m[6] as number) * u + (m[7] as number) * v + 1;
      const px = ((m[0] as number) * u + (m[1] as number) * v + (m[2] as number)) / z - 0.5;
      const py = ((m[3] as number) * u + (m[4] as number) * v + (m[5] as number)) / z - 0.5;
      const x0 = Math.floor(px);
      const y0 = Math.floor(py);
      if (x0 < 0 || y0 < 0 || x0 >= sw - 1 || y0 >= sh - 1) {
        out.data[y * width + x] = 255;
        continue;
      }
      const fx = px - x0;
      const fy = py - y0;
      const at = y0 * sw + x0;
      const top = (data[at] as number) * (1 - fx) + (data[at + 1] as number) * fx;
      const bottom = (data[at + sw] as number) * (1 - fx) + (data[at + sw + 1] as number) * fx;
      out.data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}
