// With one scan there is no line to draw: show the numbers as a card and say what comes next.
import { drawText, fillRoundRect } from "./draw.ts";
import {
  formatDay,
  formatNumber,
  METRIC_INFO,
  parseLocal,
  toDisplay,
  unitSuffix,
  withUnit,
} from "./format.ts";
import { createSurface, encodePng } from "./surface.ts";
import { fitText, wrapText } from "./text.ts";
import { colors, font, IMAGE_WIDTH } from "./theme.ts";
import {
  PROGRESS_METRICS,
  type ProgressChartInput,
  type ProgressMetric,
  type ProgressPoint,
} from "./types.ts";

const TILE_COLORS: Record<ProgressMetric, string> = {
  weight_kg: colors.blue,
  body_fat_mass_kg: colors.orange,
  skeletal_muscle_mass_kg: colors.green,
  body_fat_pct: colors.purple,
};

export const SNAPSHOT_LAYOUT = {
  width: IMAGE_WIDTH,
  margin: 16,
  tileTop: 72,
  tileHeight: 92,
  tileGap: 12,
} as const;

export async function renderSnapshotCard(
  input: ProgressChartInput,
  point: ProgressPoint | null,
): Promise<Buffer> {
  const L = SNAPSHOT_LAYOUT;
  const tileWidth = (L.width - 2 * L.margin - L.tileGap) / 2;
  const messageTop = L.tileTop + 2 * L.tileHeight + L.tileGap + 16;
  const height = messageTop + (input.goal ? 100 : 78);
  const { canvas, ctx } = createSurface(L.width, height);

  ctx.font = font(20, 700);
  drawText(ctx, fitText(ctx, input.title ?? "Your progress", L.width - 2 * L.margin), L.margin, 30, {
    size: 20,
    weight: 700,
  });
  const subtitle = point ? `First scan \u00B7 ${formatDay(parseLocal(point.at))}` : "No scans yet";
  drawText(ctx, subtitle, L.margin, 52, { size: 13, color: colors.muted });

  PROGRESS_METRICS.forEach((metric, i) => {
    const x = L.margin + (i % 2) * (tileWidth + L.tileGap);
    const y = L.tileTop + Math.floor(i / 2) * (L.tileHeight + L.tileGap);
    fillRoundRect(ctx, x, y, tileWidth, L.tileHeight, 12, colors.card);
    ctx.fillStyle = TILE_COLORS[metric];
    ctx.fillRect(x, y + 14, 4, L.tileHeight - 28);
    const info = METRIC_INFO[metric];
    ctx.font = font(13, 600);
    drawText(ctx, fitText(ctx, info.label, tileWidth - 28), x + 16, y + 28, {
      size: 13,
      weight: 600,
      color: colors.muted,
    });
    const raw = point?.[metric] ?? null;
    const suffix = unitSuffix(info.mass, input.unit);
    if (raw === null) {
      drawText(ctx, "\u2014", x + 16, y + 68, { size: 28, weight: 700, color: colors.faint });
      return;
    }
    const value = formatNumber(toDisplay(raw, info.mass, input.unit));
    const w = drawText(ctx, value, x + 16, y + 68, { size: 30, weight: 700 });
    drawText(ctx, suffix, x + 16 + w + (suffix === "%" ? 2 : 5), y + 68, {
      size: 15,
      weight: 600,
      color: colors.muted,
    });
  });

  const messageHeight = height - messageTop - 16;
  fillRoundRect(ctx, L.margin, messageTop, L.width - 2 * L.margin, messageHeight, 12, "#eaf4fb");
  const message = point
    ? "Your progress chart starts with your next scan. Rescan in 4\u20138 weeks to see what changed."
    : "Send the PDF of an Evolt 360 scan and your numbers will show up here.";
  ctx.font = font(13);
  const lines = wrapText(ctx, message, L.width - 2 * L.margin - 32);
  lines.slice(0, 3).forEach((line, i) => {
    drawText(ctx, line, L.margin + 16, messageTop + 26 + i * 18, { size: 13, color: colors.ink });
  });
  if (input.goal) {
    const info = METRIC_INFO[input.goal.metric];
    const target = withUnit(
      formatNumber(toDisplay(input.goal.target, info.mass, input.unit)),
      unitSuffix(info.mass, input.unit),
    );
    drawText(ctx, `Goal: ${info.short} ${target}`, L.margin + 16, messageTop + 26 + lines.length * 18 + 8, {
      size: 13,
      weight: 700,
      color: colors.blue,
    });
  }
  return encodePng(canvas);
}
