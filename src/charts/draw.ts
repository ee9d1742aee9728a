// Small canvas drawing helpers shared by the hand-drawn charts.
import type { CanvasPattern, SKRSContext2D } from "@napi-rs/canvas";
import { fitText } from "./text.ts";
import { colors, font } from "./theme.ts";

export function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}

export function fillRoundRect(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
  fill: string | CanvasPattern,
): void {
  roundRect(ctx, x, y, w, h, r);
  ctx.fillStyle = fill;
  ctx.fill();
}

export interface TextStyle {
  size: number;
  weight?: 400 | 600 | 700;
  color?: string;
  align?: "left" | "right" | "center";
  baseline?: "alphabetic" | "middle" | "top" | "bottom";
}

export function drawText(ctx: SKRSContext2D, text: string, x: number, y: number, style: TextStyle): number {
  ctx.font = font(style.size, style.weight ?? 400);
  ctx.fillStyle = style.color ?? colors.ink;
  ctx.textAlign = style.align ?? "left";
  ctx.textBaseline = style.baseline ?? "alphabetic";
  ctx.fillText(text, x, y);
  return ctx.measureText(text).width;
}

/** A filled triangle pointing up or down, centred on (x, y). */
export function drawTriangle(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  size: number,
  direction: "up" | "down",
  color: string,
): void {
  const h = size * 0.9;
  ctx.beginPath();
  if (direction === "up") {
    ctx.moveTo(x, y - h / 2);
    ctx.lineTo(x + size / 2, y + h / 2);
    ctx.lineTo(x - size / 2, y + h / 2);
  } else {
    ctx.moveTo(x, y + h / 2);
    ctx.lineTo(x + size / 2, y - h / 2);
    ctx.lineTo(x - size / 2, y - h / 2);
  }
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
}

/** A check mark in a filled circle (goal reached). */
export function drawCheckBadge(ctx: SKRSContext2D, x: number, y: number, r: number, color: string): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x - r * 0.45, y + r * 0.02);
  ctx.lineTo(x - r * 0.1, y + r * 0.38);
  ctx.lineTo(x + r * 0.5, y - r * 0.35);
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = Math.max(1.5, r * 0.28);
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.stroke();
}

/** The blue title band of the hand-drawn cards: a bold title over a lighter subtitle, both cut to fit. */
export function drawBanner(
  ctx: SKRSContext2D,
  title: string,
  subtitle: string,
  width: number,
  height: number,
  margin: number,
): void {
  ctx.fillStyle = colors.blue;
  ctx.fillRect(0, 0, width, height);
  ctx.font = font(20, 700);
  drawText(ctx, fitText(ctx, title, width - 2 * margin), margin, 34, {
    size: 20,
    weight: 700,
    color: "#ffffff",
  });
  ctx.font = font(14);
  drawText(ctx, fitText(ctx, subtitle, width - 2 * margin), margin, 58, { size: 14, color: "#dbeefa" });
}
