// Lets chart.js draw into a rectangle of an existing canvas instead of onto its own canvas, so composed
// images (the progress panels) need no extra canvases and no canvas-to-canvas copies.
// chart.js only ever sets the whole transform, clears the whole canvas and resizes it: the proxy offsets
// the first, ignores the other two, and reports the rectangle's size as the canvas size.
import type { SKRSContext2D } from "@napi-rs/canvas";
import { PIXEL_RATIO } from "./theme.ts";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface InsetCanvas {
  width: number;
  height: number;
  getContext(kind: "2d"): SKRSContext2D;
}

export function insetCanvas(target: SKRSContext2D, box: Box): InsetCanvas {
  const ox = box.x * PIXEL_RATIO;
  const oy = box.y * PIXEL_RATIO;
  const bound = new Map<PropertyKey, unknown>();
  let width = box.width;
  let height = box.height;
  const canvas: InsetCanvas = {
    get width() {
      return width;
    },
    set width(value) {
      width = value;
    },
    get height() {
      return height;
    },
    set height(value) {
      height = value;
    },
    getContext: () => ctx,
  };
  const overrides: Record<PropertyKey, unknown> = {
    canvas,
    setTransform: (a: number, b: number, c: number, d: number, e: number, f: number) =>
      target.setTransform(a, b, c, d, e + ox, f + oy),
    resetTransform: () => target.setTransform(1, 0, 0, 1, ox, oy),
    clearRect: () => {},
  };
  const ctx = new Proxy(target, {
    get(t, prop) {
      if (prop in overrides) return overrides[prop];
      const value = Reflect.get(t, prop, t);
      if (typeof value !== "function") return value;
      let fn = bound.get(prop);
      if (!fn) {
        fn = value.bind(t);
        bound.set(prop, fn);
      }
      return fn;
    },
    set(t, prop, value) {
      return Reflect.set(t, prop, value, t);
    },
  });
  return canvas;
}
