// Where the sheet of paper lies in a photo: the largest bright region that does not fill the frame (paper
// on a desk, a screenshot inside an app's chrome), as the four corners of a quadrilateral. Looked for on a
// small copy; a photo whose paper fills the frame (or a plain screenshot) has no corners to find.
import type { GrayImage } from "./gray-image.ts";

export type Point = [number, number];
/** top-left, top-right, bottom-right, bottom-left, in the full image's pixels */
export type Quad = [Point, Point, Point, Point];

const PROBE_SIDE = 400;
/** paper smaller than this share of the frame is not the subject of the photo */
const MIN_SHARE = 0.15;
/** a bright region over this share is the page itself filling the frame: nothing around it to cut */
const MAX_SHARE = 0.93;

export function findPaper(image: GrayImage): Quad | null {
  const scale = Math.min(1, PROBE_SIDE / Math.max(image.width, image.height));
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const small = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      small[y * w + x] = image.data[
        Math.min(image.height - 1, Math.floor(y / scale)) * image.width +
          Math.min(image.width - 1, Math.floor(x / scale))
      ] as number;
    }
  }
  const bright = closeGaps(thresholdMask(small), w, h);
  const region = largestRegion(bright, w, h);
  if (!region) return null;
  const share = region.size / (w * h);
  if (share < MIN_SHARE || share > MAX_SHARE) return null;
  // extreme points along the diagonals are the corners of a quadrilateral turned less than 45°
  let tl = Number.POSITIVE_INFINITY;
  let br = Number.NEGATIVE_INFINITY;
  let tr = Number.NEGATIVE_INFINITY;
  let bl = Number.POSITIVE_INFINITY;
  const corners: Point[] = [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  for (let i = 0; i < region.pixels.length; i++) {
    const at = region.pixels[i] as number;
    const x = at % w;
    const y = (at - x) / w;
    if (x + y < tl) [tl, corners[0]] = [x + y, [x, y]];
    if (x - y > tr) [tr, corners[1]] = [x - y, [x + 1, y]];
    if (x + y > br) [br, corners[2]] = [x + y, [x + 1, y + 1]];
    if (x - y < bl) [bl, corners[3]] = [x - y, [x, y + 1]];
  }
  return corners.map(([x, y]) => [x / scale, y / scale]) as Quad;
}

/** Otsu's threshold: paper is the bright class. */
function thresholdMask(gray: Uint8Array): Uint8Array {
  const histogram = new Array<number>(256).fill(0);
  for (const value of gray) histogram[value] = (histogram[value] as number) + 1;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * (histogram[v] as number);
  let weightBelow = 0;
  let sumBelow = 0;
  let best = 0;
  let threshold = 128;
  for (let v = 0; v < 256; v++) {
    weightBelow += histogram[v] as number;
    if (weightBelow === 0) continue;
    const weightAbove = gray.length - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += v * (histogram[v] as number);
    const between =
      weightBelow * weightAbove * (sumBelow / weightBelow - (sum - sumBelow) / weightAbove) ** 2;
    if (between > best) [best, threshold] = [between, v];
  }
  return gray.map((value) => (value > threshold ? 1 : 0));
}

/** Text and ruled lines are dark holes in the paper: a 2-pixel closing fills them. */
function closeGaps(mask: Uint8Array, w: number, h: number): Uint8Array {
  const grow = (source: Uint8Array, value: number) => {
    const out = source.slice();
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (source[y * w + x] === value) continue;
        for (let dy = -2; dy <= 2; dy++) {
          for (let dx = -2; dx <= 2; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w && source[yy * w + xx] === value) {
              out[y * w + x] = value;
              dy = 3;
              break;
            }
          }
        }
      }
    }
    return out;
  };
  return grow(grow(mask, 1), 0);
}

function largestRegion(mask: Uint8Array, w: number, h: number): { size: number; pixels: Int32Array } | null {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let best: { size: number; id: number } | null = null;
  let id = 0;
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || label[start] !== 0) continue;
    id++;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    label[start] = id;
    while (top > 0) {
      const at = stack[--top] as number;
      size++;
      const x = at % w;
      const neighbours = [x > 0 ? at - 1 : -1, x < w - 1 ? at + 1 : -1, at - w, at + w];
      for (const next of neighbours) {
        if (next < 0 || next >= mask.length || mask[next] !== 1 || label[next] !== 0) continue;
        label[next] = id;
        stack[top++] = next;
      }
    }
    if (!best || size > best.size) best = { size, id };
  }
  if (!best) return null;
  const pixels = new Int32Array(best.size);
  let n = 0;
  for (let at = 0; at < label.length; at++) if (label[at] === best.id) pixels[n++] = at;
  return { size: best.size, pixels };
}
