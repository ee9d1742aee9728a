// Decimal points tesseract missed. The sheet's figures carry a point that is a few pixels wide and often
// kerned tight against its digits (`27.6`, `8.1`): the recogniser drops it and reads `276`. The point is
// still in the pixels: a small blob of ink on the digits' baseline, between two of them. A figure read
// without a point gets one only where the pixels show exactly one such blob and exactly as many digit
// blobs as tesseract read digits; anything less clear leaves the text as read (the settle step still
// judges the figure's decimals, so a point placed where the sheet prints none drops the figure).
import type { GrayImage } from "./gray-image.ts";
import type { OcrLine, OcrWord } from "./tesseract.ts";

type Box = { x0: number; y0: number; x1: number; y1: number };

/** The lines with a found decimal point written into each word that lost one. */
export function mendDecimalPoints(lines: readonly OcrLine[], page: GrayImage): OcrLine[] {
  return lines.map((line) => ({
    ...line,
    words: line.words.map((word) => {
      const text = withPoints({ ...word, text: colonAsPoint(word.text) }, page);
      return text === word.text ? word : { ...word, text };
    }),
  }));
}

/** A point read as a colon (`11:9`): a time has two digits after its colon, a figure one (`08:45` stays). */
const colonAsPoint = (text: string) => text.replace(/^(\d{1,3}):(\d)(?!\d)/, "$1.$2");

/** Each run of two or more digits without a point, checked in the pixels for the point it lost. */
function withPoints(word: OcrWord, page: GrayImage): string {
  // a date or a time has no decimal point, and a colon's lower dot looks like one
  if (/:|\d[-/.]\d{1,2}[-/.]\d/.test(word.text)) return word.text;
  const symbols = word.symbols ?? [];
  if (symbols.map((symbol) => symbol.text).join("") !== word.text) return word.text;
  let text = "";
  let at = 0;
  for (const match of word.text.matchAll(/\d{2,}/g)) {
    const start = match.index;
    const end = start + match[0].length;
    // a run that is part of a figure with a point already (`2.276`), or a thousands group, stays
    const before = word.text[start - 1] ?? "";
    const after = word.text[end] ?? "";
    if (/[.,]/.test(before) || /[.,]/.test(after)) continue;
    const digits = symbols.slice(start, end).map((symbol) => symbol.box);
    const point = pointAfter(page, digits);
    if (point === null) continue;
    text += `${word.text.slice(at, start + point)}.`;
    at = start + point;
  }
  return text + word.text.slice(at);
}

/**
 * How many of the digits stand before the one decimal point the pixels show among them, or null when the
 * pixels do not show exactly that.
 */
function pointAfter(page: GrayImage, digits: readonly Box[]): number | null {
  const first = digits[0];
  const last = digits.at(-1);
  if (!first || !last) return null;
  const top = Math.min(...digits.map((box) => box.y0));
  const bottom = Math.max(...digits.map((box) => box.y1));
  const height = bottom - top + 1;
  if (height < 8) return null;
  const margin = Math.ceil(height * 0.15);
  const region = {
    x0: Math.max(0, first.x0 - 1),
    x1: Math.min(page.width - 1, last.x1 + 1),
    y0: Math.max(0, top - margin),
    y1: Math.min(page.height - 1, bottom + margin),
  };
  const { blobs, label, width } = inkBlobs(page, region);
  const tall = blobs.filter((blob) => blob.y1 - blob.y0 + 1 >= 0.55 * height);
  if (tall.length !== digits.length) return null;
  const baseline = median(tall.map((blob) => blob.y1));
  const digitHeight = median(tall.map((blob) => blob.y1 - blob.y0 + 1));
  const points = blobs.filter((blob) => {
    const w = blob.x1 - blob.x0 + 1;
    const h = blob.y1 - blob.y0 + 1;
    return (
      h <= 0.3 * digitHeight &&
      w <= 0.35 * digitHeight &&
      Math.min(w, h) >= Math.max(2, 0.07 * digitHeight) &&
      Math.max(w, h) <= 1.6 * Math.min(w, h) &&
      blob.area >= 0.5 * w * h &&
      Math.abs(blob.y1 - baseline) <= 0.12 * digitHeight &&
      standsApart(blob, label, width, baseline - 0.25 * digitHeight)
    );
  });
  if (points.length !== 1) return null;
  const point = points[0] as Blob;
  const centre = (point.x0 + point.x1) / 2;
  // a 7's arm may reach over its point: digits are placed by their centres
  const sorted = [...tall].sort((a, b) => a.x0 + a.x1 - b.x0 - b.x1);
  const before = sorted.filter((blob) => (blob.x0 + blob.x1) / 2 < centre).length;
  if (before === 0 || before === sorted.length) return null;
  // both neighbours reach the baseline: a digit cut short above it lost its foot, which is no point
  const reach = Math.max(1, 0.06 * digitHeight);
  const neighbours = [sorted[before - 1] as Blob, sorted[before] as Blob];
  return neighbours.every((blob) => blob.y1 >= baseline - reach) ? before : null;
}

interface Blob extends Box {
  area: number;
  id: number;
}

/**
 * A point stands apart: in its columns, from its baseline up to `top`, there is no other ink (a 7's arm
 * above it is fine; a 3's ball terminal broken off its stroke is not).
 */
function standsApart(blob: Blob, label: Int32Array, width: number, top: number): boolean {
  const height = label.length / width;
  for (let y = Math.max(0, Math.floor(top)); y <= Math.min(height - 1, blob.y1); y++) {
    for (let x = blob.x0; x <= blob.x1; x++) {
      const id = label[y * width + x] as number;
      if (id !== 0 && id !== blob.id) return false;
    }
  }
  return true;
}

/** The dark connected pieces (8-neighbourhood) of a region, dark meaning below the region's Otsu threshold. */
function inkBlobs(page: GrayImage, region: Box): { blobs: Blob[]; label: Int32Array; width: number } {
  const w = Math.max(0, region.x1 - region.x0 + 1);
  const h = Math.max(0, region.y1 - region.y0 + 1);
  const gray = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      gray[y * w + x] = page.data[(region.y0 + y) * page.width + region.x0 + x] as number;
    }
  }
  const threshold = otsu(gray);
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  const blobs: Blob[] = [];
  for (let start = 0; start < gray.length; start++) {
    if (label[start] !== 0 || (gray[start] as number) > threshold) continue;
    const blob: Blob = { x0: w, y0: h, x1: -1, y1: -1, area: 0, id: blobs.length + 1 };
    label[start] = blob.id;
    stack.push(start);
    while (stack.length > 0) {
      const at = stack.pop() as number;
      const x = at % w;
      const y = (at - x) / w;
      blob.area++;
      blob.x0 = Math.min(blob.x0, x);
      blob.x1 = Math.max(blob.x1, x);
      blob.y0 = Math.min(blob.y0, y);
      blob.y1 = Math.max(blob.y1, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const next = yy * w + xx;
          if (label[next] !== 0 || (gray[next] as number) > threshold) continue;
          label[next] = blob.id;
          stack.push(next);
        }
      }
    }
    blobs.push(blob);
  }
  return { blobs, label, width: w };
}

function otsu(gray: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of gray) histogram[value] = (histogram[value] as number) + 1;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * (histogram[v] as number);
  let below = 0;
  let sumBelow = 0;
  let best = -1;
  let threshold = 127;
  for (let v = 0; v < 256; v++) {
    below += histogram[v] as number;
    if (below === 0) continue;
    const above = gray.length - below;
    if (above === 0) break;
    sumBelow += v * (histogram[v] as number);
    const between = below * above * (sumBelow / below - (sum - sumBelow) / above) ** 2;
    if (between > best) [best, threshold] = [between, v];
  }
  return threshold;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}
