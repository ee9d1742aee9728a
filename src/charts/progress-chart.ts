// A member's progress: weight, fat mass, muscle mass and body fat % stacked on one shared time axis.
// Stacked full-width panels stay readable at phone width, where a 2×2 grid squeezes the dates.
import type { SKRSContext2D } from "@napi-rs/canvas";
import { drawText } from "./draw.ts";
import {
  formatDay,
  formatNumber,
  formatSigned,
  METRIC_INFO,
  parseLocal,
  toDisplay,
  unitSuffix,
  withUnit,
} from "./format.ts";
import { type PanelPoint, type PanelSpec, progressPanelConfig } from "./progress-panel.ts";
import { drawChartInto } from "./render.ts";
import { renderSnapshotCard } from "./snapshot-card.ts";
import { createSurface, encodePng } from "./surface.ts";
import { fitText, wrapText } from "./text.ts";
import { colors, font, IMAGE_WIDTH } from "./theme.ts";
import { timeAxisFor } from "./time-axis.ts";
import {
  PROGRESS_METRICS,
  type ProgressChartInput,
  type ProgressMetric,
  type ProgressPoint,
} from "./types.ts";

export const METRIC_COLORS: Record<ProgressMetric, string> = {
  weight_kg: colors.blue,
  body_fat_mass_kg: colors.orange,
  skeletal_muscle_mass_kg: colors.green,
  body_fat_pct: colors.purple,
};

export const PROGRESS_LAYOUT = {
  width: IMAGE_WIDTH,
  margin: 16,
  headerHeight: 66,
  panelHeaderHeight: 36,
  panelChartHeight: 104,
  timeTicksHeight: 22,
  panelGap: 12,
  yAxisWidth: 40,
} as const;

export interface Series {
  metric: ProgressMetric;
  points: PanelPoint[];
  noise: number;
  goal: number | null;
  suffix: string;
}

/** Scans sorted by time with a valid date; shared by the chart and its tests. */
export function sortedPoints(points: ProgressPoint[]): { at: number; point: ProgressPoint }[] {
  return points
    .map((point) => ({ at: parseLocal(point.at).getTime(), point }))
    .filter((p) => Number.isFinite(p.at))
    .sort((a, b) => a.at - b.at);
}

function seriesFor(input: ProgressChartInput, scans: { at: number; point: ProgressPoint }[]): Series[] {
  return PROGRESS_METRICS.map((metric) => {
    const { mass } = METRIC_INFO[metric];
    const points: PanelPoint[] = [];
    for (const { at, point } of scans) {
      const value = point[metric];
      if (value !== null && Number.isFinite(value))
        points.push({ x: at, y: toDisplay(value, mass, input.unit) });
    }
    const goal = input.goal?.metric === metric ? toDisplay(input.goal.target, mass, input.unit) : null;
    return {
      metric,
      points,
      noise: toDisplay(input.noise[metric], mass, input.unit),
      goal,
      suffix: unitSuffix(mass, input.unit),
    };
  });
}

function drawPanelHeader(ctx: SKRSContext2D, s: Series, x: number, y: number, width: number): void {
  const { label } = METRIC_INFO[s.metric];
  const first = s.points[0];
  const latest = s.points.at(-1);
  ctx.fillStyle = METRIC_COLORS[s.metric];
  ctx.fillRect(x, y + 4, 4, 28);
  drawText(ctx, label, x + 12, y + 17, { size: 15, weight: 700 });
  const now = latest ? `now ${withUnit(formatNumber(latest.y), s.suffix)}` : "no data";
  drawText(ctx, now, x + 12, y + 33, { size: 12, color: colors.muted });
  const right = x + width;
  if (!first || !latest || s.points.length < 2) {
    drawText(ctx, s.points.length === 1 ? "one scan so far" : "", right, y + 17, {
      size: 12,
      color: colors.muted,
      align: "right",
    });
    return;
  }
  const change = latest.y - first.y;
  const real = Math.abs(change) > s.noise;
  drawText(ctx, withUnit(formatSigned(change), s.suffix), right, y + 17, {
    size: 15,
    weight: 700,
    color: real ? colors.ink : colors.faint,
    align: "right",
  });
  const note = real ? "real change" : `within noise (\u00B1${formatNumber(s.noise)})`;
  drawText(ctx, `${note} since ${formatDay(new Date(first.x))}`, right, y + 33, {
    size: 12,
    color: colors.muted,
    align: "right",
  });
}

function drawFooter(ctx: SKRSContext2D, y: number, hasGoal: boolean): void {
  const { margin, width } = PROGRESS_LAYOUT;
  let x = margin;
  ctx.fillStyle = "rgba(0, 114, 178, 0.18)";
  ctx.fillRect(x, y + 2, 18, 12);
  x += 24;
  const textWidth = width - margin - x;
  ctx.font = font(12);
  const lines = wrapText(
    ctx,
    "Shaded band: measurement noise around your latest value. A change inside it may not be real.",
    textWidth,
  );
  lines.forEach((line, i) => {
    drawText(ctx, line, x, y + 12 + i * 16, { size: 12, color: colors.muted });
  });
  if (hasGoal) {
    const gy = y + 12 + lines.length * 16 + 4;
    ctx.strokeStyle = colors.ink;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(margin, gy - 4);
    ctx.lineTo(margin + 18, gy - 4);
    ctx.stroke();
    ctx.setLineDash([]);
    drawText(ctx, "Your goal", x, gy, { size: 12, color: colors.muted });
  }
}

/** Where panel `index`'s chart canvas sits in the image (logical px); tests use it to find the line. */
export function panelChartBox(index: number): { x: number; y: number; width: number; height: number } {
  const L = PROGRESS_LAYOUT;
  const y =
    L.headerHeight + index * (L.panelHeaderHeight + L.panelChartHeight + L.panelGap) + L.panelHeaderHeight;
  const height = L.panelChartHeight + (index === PROGRESS_METRICS.length - 1 ? L.timeTicksHeight : 0);
  return { x: L.margin, y, width: L.width - 2 * L.margin, height };
}

export interface ProgressPanel {
  series: Series;
  box: { x: number; y: number; width: number; height: number };
  spec: PanelSpec;
}

/** Every panel's place and chart spec; the renderer draws exactly these (tests read positions from them). */
export function progressPanels(input: ProgressChartInput): ProgressPanel[] {
  const scans = sortedPoints(input.points);
  const series = seriesFor(input, scans);
  const axis = timeAxisFor(scans.map((s) => s.at));
  return series.map((s, i) => ({
    series: s,
    box: panelChartBox(i),
    spec: {
      points: s.points,
      noise: s.noise,
      goal: s.goal,
      axis,
      showTimeTicks: i === series.length - 1,
      color: METRIC_COLORS[s.metric],
      yAxisWidth: PROGRESS_LAYOUT.yAxisWidth,
    },
  }));
}

export async function renderProgressChart(input: ProgressChartInput): Promise<Buffer> {
  const scans = sortedPoints(input.points);
  if (scans.length < 2) return renderSnapshotCard(input, scans.at(-1)?.point ?? null);

  const L = PROGRESS_LAYOUT;
  const panels = progressPanels(input);
  const last = panelChartBox(panels.length - 1);
  const footerHeight = input.goal ? 66 : 48;
  const surface = createSurface(L.width, last.y + last.height + 10 + footerHeight);
  const { ctx } = surface;

  const title = input.title ?? "Your progress";
  ctx.font = font(20, 700);
  drawText(ctx, fitText(ctx, title, L.width - 2 * L.margin), L.margin, 30, { size: 20, weight: 700 });
  const first = scans[0]!.at;
  const latest = scans.at(-1)!.at;
  drawText(
    ctx,
    formatDay(new Date(first)) === formatDay(new Date(latest))
      ? `${scans.length} scans \u00B7 ${formatDay(new Date(first))}`
      : `${scans.length} scans \u00B7 ${formatDay(new Date(first))} \u2013 ${formatDay(new Date(latest))}`,
    L.margin,
    52,
    { size: 13, color: colors.muted },
  );

  for (const { series, box, spec } of panels) {
    drawPanelHeader(ctx, series, L.margin, box.y - L.panelHeaderHeight, box.width);
    drawChartInto(ctx, box, progressPanelConfig(spec));
  }
  drawFooter(ctx, last.y + last.height + 10, Boolean(input.goal));
  return encodePng(surface.canvas);
}
