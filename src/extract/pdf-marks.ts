import type { PageContent, Rect } from "./page-content.ts";

/**
 * Check marks drawn as lines rather than glyphs, and the small boxes they sit in, from a page's pdf.js
 * operator list. The CTM is followed through save/restore/transform and form XObjects, so a mark drawn
 * in a scaled unit square lands where it is seen.
 *
 * A mark: a small stroked path with at least one slanted segment (a cross or a tick), not a rectangle.
 * A box: a small closed axis-aligned rectangle. Panel borders and rules are larger and are left out.
 */

/** pdf.js operator codes used here (`pdfjs.OPS`). */
export interface PdfOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

type Matrix = [number, number, number, number, number, number];

// pdf.js DrawOPS inside a constructPath buffer
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

const MAX_MARK = 40;
const MIN_MARK = 2;
const MAX_BOX = 40;
const MIN_BOX = 4;
/** beyond this many path operators a page is not a result sheet; stop looking (the text decides) */
const MAX_PATH_OPS = 20_000;

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied first, then n (PDF: [m] × [n])
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

type Point = [number, number];

/** Subpaths of a pdf.js path buffer, in user space. Curves keep their end points (enough for a bbox). */
function subpaths(buffer: ArrayLike<number>, ctm: Matrix): { points: Point[]; closed: boolean }[] {
  const result: { points: Point[]; closed: boolean }[] = [];
  let current: { points: Point[]; closed: boolean } | null = null;
  for (let i = 0; i < buffer.length; ) {
    const op = buffer[i++];
    const take = (count: number) => {
      const points: Point[] = [];
      for (let k = 0; k < count; k++)
        points.push(apply(ctm, buffer[i + 2 * k] ?? 0, buffer[i + 2 * k + 1] ?? 0));
      i += 2 * count;
      return points;
    };
    if (op === MOVE) {
      current = { points: take(1), closed: false };
      result.push(current);
    } else if (op === LINE || op === CURVE || op === QUAD) {
      const points = take(op === LINE ? 1 : op === CURVE ? 3 : 2);
      if (!current) {
        current = { points: [], closed: false };
        result.push(current);
      }
      current.points.push(...points);
    } else if (op === CLOSE) {
      if (current) current.closed = true;
    } else break;
  }
  return result;
}

function bounds(points: readonly Point[]): Rect {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function isRectangle(path: { points: Point[]; closed: boolean }): boolean {
  const points = [...path.points];
  const first = points[0];
  const last = points.at(-1);
  if (first && last && points.length === 5 && near(first, last)) points.pop();
  if (points.length !== 4) return false;
  if (!path.closed && !(first && last && near(first, last))) return false;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = points[i] as Point;
    const [bx, by] = points[(i + 1) % 4] as Point;
    if (Math.abs(ax - bx) > 0.5 && Math.abs(ay - by) > 0.5) return false;
  }
  return true;
}

function near(a: Point, b: Point): boolean {
  return Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) < 0.5;
}

function hasSlantedSegment(path: { points: Point[] }): boolean {
  for (let i = 1; i < path.points.length; i++) {
    const [ax, ay] = path.points[i - 1] as Point;
    const [bx, by] = path.points[i] as Point;
    const dx = Math.abs(bx - ax);
    const dy = Math.abs(by - ay);
    if (dx > 0.2 * Math.hypot(dx, dy) && dy > 0.2 * Math.hypot(dx, dy) && Math.hypot(dx, dy) >= MIN_MARK)
      return true;
  }
  return false;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** Strokes drawn piece by piece (each line of a cross its own path) are one mark. */
function joinTouching(pieces: Rect[]): Rect[] {
  const sorted = [...pieces].sort((a, b) => a.x - b.x);
  const joined: Rect[] = [];
  for (const piece of sorted) {
    // only the last few can still touch: pieces are sorted by left edge and marks are small
    let merged = piece;
    for (let i = joined.length - 1; i >= 0 && i >= joined.length - 8; i--) {
      const other = joined[i] as Rect;
      if (overlaps(other, merged)) {
        merged = union(other, merged);
        joined.splice(i, 1);
      }
    }
    joined.push(merged);
  }
  return joined.filter((mark) => Math.max(mark.width, mark.height) <= MAX_MARK);
}

/** The marks and boxes of one operator list (pure: `fnArray`/`argsArray` as pdf.js returns them). */
export function marksFromOperators(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: PdfOps,
): Required<Omit<PageContent, "items">> {
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const pieces: Rect[] = [];
  const boxes: Rect[] = [];
  const strokes = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  let pathOps = 0;
  for (let index = 0; index < fnArray.length; index++) {
    const fn = fnArray[index];
    const args = argsArray[index] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args && args.length >= 6)
      ctm = multiply(args.slice(0, 6) as Matrix, ctm);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0] as number[] | null | undefined;
      if (matrix && matrix.length >= 6) ctm = multiply(Array.from(matrix).slice(0, 6) as Matrix, ctm);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.constructPath && args) {
      if (++pathOps > MAX_PATH_OPS) break;
      const paint = args[0] as number;
      const buffer = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!buffer) continue;
      const closedStroke = paint === ops.closeStroke || paint === ops.closeFillStroke;
      for (const path of subpaths(buffer, ctm)) {
        if (closedStroke) path.closed = true;
        const box = bounds(path.points);
        if (!Number.isFinite(box.x) || !Number.isFinite(box.y)) continue;
        if (isRectangle(path)) {
          const side = Math.min(box.width, box.height);
          if (side >= MIN_BOX && Math.max(box.width, box.height) <= MAX_BOX) boxes.push(box);
        } else if (
          strokes.has(paint) &&
          Math.max(box.width, box.height) <= MAX_MARK &&
          hasSlantedSegment(path)
        ) {
          pieces.push(box);
        }
      }
    }
  }
  return { marks: joinTouching(pieces), boxes };
}

interface PdfPage {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
}

/** The drawn marks of a pdf.js page; the caller holds the page and pdf.js's `OPS`. */
export async function pageMarks(page: PdfPage, ops: PdfOps): Promise<Required<Omit<PageContent, "items">>> {
  const list = await page.getOperatorList();
  return marksFromOperators(list.fnArray, list.argsArray, ops);
}
