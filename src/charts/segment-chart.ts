// Lean and fat per segment against the ranges printed on the sheet. Evolt frames balance as descriptive,
// so the wording is "below / within / above range" and the colours never signal bad.
import type { SKRSContext2D } from "@napi-rs/canvas";
import { drawText, fillRoundRect } from "./draw.ts";
import { formatNumber, toDisplay, withUnit } from "./format.ts";
import { createSurface, encodePng } from "./surface.ts";
import { colors, IMAGE_WIDTH, withAlpha } from "./theme.ts";
import type { MassUnit, SegmentChartInput, SegmentName, SegmentValues } from "./types.ts";

const W = IMAGE_WIDTH;
const M = 16;
export const SEGMENT_LAYOUT = {
  headerHeight: 70,
  sectionTitle: 30,
  rowHeight: 30,
  pairGap: 10,
  sectionGap: 16,
  labelWidth: 78,
  valueWidth: 104,
} as const;

const GROUPS: { label: string; members: SegmentName[] }[] = [
  { label: "Arms", members: ["left_arm", "right_arm"] },
  { label: "Torso", members: ["torso"] },
  { label: "Legs", members: ["left_leg", "right_leg"] },
];

const ROW_LABEL: Record<SegmentName, string> = {
  left_arm: "Left arm",
  right_arm: "Right arm",
  torso: "Torso",
  left_leg: "Left leg",
  right_leg: "Right leg",
};

type Kind = "lean" | "fat";
export const SEGMENT_COLORS: Record<Kind, string> = { lean: colors.blue, fat: colors.orange };

function pick(s: SegmentValues, kind: Kind): { value: number | null; range: [number, number] | null } {
  return kind === "lean"
    ? { value: s.lean_kg, range: s.lean_range }
    : { value: s.fat_kg, range: s.fat_range };
}

export function rangeWord(value: number, range: [number, number] | null): string {
  if (!range) return "";
  if (value < range[0]) return "below range";
  if (value > range[1]) return "above range";
  return "within range";
}

/** Track geometry (logical px) shared by drawing and tests. */
export function trackBox(): { x: number; width: number } {
  const x = M + SEGMENT_LAYOUT.labelWidth;
  return { x, width: W - M - SEGMENT_LAYOUT.valueWidth - x };
}

function sectionHeight(): number {
  const L = SEGMENT_LAYOUT;
  return L.sectionTitle + 5 * L.rowHeight + 2 * L.pairGap;
}

/** Row centre (logical px) for a segment in the lean (0) or fat (1) section. */
export function segmentRowY(section: 0 | 1, segment: SegmentName): number {
  const L = SEGMENT_LAYOUT;
  let y = L.headerHeight + section * (sectionHeight() + L.sectionGap) + L.sectionTitle;
  for (const group of GROUPS) {
    for (const member of group.members) {
      if (member === segment) return y + L.rowHeight / 2;
      y += L.rowHeight;
    }
    y += L.pairGap;
  }
  throw new Error(`unknown segment ${segment}`);
}

/** The scale of a group: left and right share it, so the pair compares at a glance. Starts at zero. */
export function groupMax(input: SegmentChartInput, members: SegmentName[], kind: Kind): number {
  let max = 0;
  for (const m of members) {
    const { value, range } = pick(input.segments[m], kind);
    if (value !== null) max = Math.max(max, value);
    if (range) max = Math.max(max, range[1]);
  }
  return max > 0 ? max * 1.12 : 1;
}

function drawRow(
  ctx: SKRSContext2D,
  y: number,
  segment: SegmentName,
  values: SegmentValues,
  kind: Kind,
  max: number,
  unit: MassUnit,
): void {
  const { x, width } = trackBox();
  const { value, range } = pick(values, kind);
  const px = (v: number) => x + (Math.max(0, Math.min(v, max)) / max) * width;
  drawText(ctx, ROW_LABEL[segment], M, y, { size: 13, color: colors.ink, baseline: "middle" });
  fillRoundRect(ctx, x, y - 9, width, 18, 4, "#f1f3f6");
  if (range) {
    const a = px(range[0]);
    const b = px(range[1]);
    ctx.fillStyle = withAlpha(colors.green, 0.2);
    ctx.fillRect(a, y - 11, b - a, 22);
    ctx.strokeStyle = withAlpha(colors.green, 0.55);
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const edge of [a, b]) {
      ctx.moveTo(Math.round(edge) + 0.5, y - 11);
      ctx.lineTo(Math.round(edge) + 0.5, y + 11);
    }
    ctx.stroke();
  }
  const right = W - M;
  if (value === null) {
    drawText(ctx, "not measured", right, y, {
      size: 12,
      color: colors.faint,
      align: "right",
      baseline: "middle",
    });
    return;
  }
  fillRoundRect(ctx, x, y - 5, Math.max(3, px(value) - x), 10, 3, SEGMENT_COLORS[kind]);
  ctx.beginPath();
  ctx.arc(px(value), y, 6, 0, Math.PI * 2);
  ctx.fillStyle = SEGMENT_COLORS[kind];
  ctx.fill();
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 2;
  ctx.stroke();
  drawText(ctx, withUnit(formatNumber(toDisplay(value, true, unit), 2), unit), right, y - 6, {
    size: 13,
    weight: 700,
    align: "right",
    baseline: "middle",
  });
  drawText(ctx, rangeWord(value, range), right, y + 8, {
    size: 11,
    color: colors.muted,
    align: "right",
    baseline: "middle",
  });
}

export async function renderSegmentChart(input: SegmentChartInput): Promise<Buffer> {
  const L = SEGMENT_LAYOUT;
  const footer = 46;
  const height = L.headerHeight + 2 * sectionHeight() + L.sectionGap + footer;
  const { canvas, ctx } = createSurface(W, height);
  drawText(ctx, input.title ?? "Segment balance", M, 30, { size: 20, weight: 700 });
  drawText(ctx, input.subtitle ?? "Latest scan", M, 52, { size: 13, color: colors.muted });

  (["lean", "fat"] as const).forEach((kind, s) => {
    const top = L.headerHeight + s * (sectionHeight() + L.sectionGap);
    ctx.fillStyle = SEGMENT_COLORS[kind];
    ctx.fillRect(M, top + 6, 4, 16);
    drawText(ctx, kind === "lean" ? "Lean mass" : "Fat mass", M + 10, top + 19, { size: 15, weight: 700 });
    for (const group of GROUPS) {
      const max = groupMax(input, group.members, kind);
      for (const segment of group.members) {
        drawRow(
          ctx,
          segmentRowY(s as 0 | 1, segment),
          segment,
          input.segments[segment],
          kind,
          max,
          input.unit,
        );
      }
    }
  });

  const fy = height - footer + 16;
  ctx.fillStyle = withAlpha(colors.green, 0.2);
  ctx.fillRect(M, fy - 9, 18, 12);
  drawText(ctx, "Range printed on your sheet. Left and right share a scale.", M + 24, fy + 1, {
    size: 12,
    color: colors.muted,
  });
  drawText(ctx, "Bars start at zero.", M + 24, fy + 17, { size: 12, color: colors.muted });
  return encodePng(canvas);
}
