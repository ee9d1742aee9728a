// The group's ranking as horizontal bars: ranks (ties as "=2"), names, signed scores, and members whose
// change is within measurement noise hatched in grey.
import type { CanvasPattern, SKRSContext2D } from "@napi-rs/canvas";
import type { Chart, ChartConfiguration, Plugin } from "chart.js";
import { drawText, fillRoundRect } from "./draw.ts";
import { formatSigned, withUnit } from "./format.ts";
import { hatchPattern } from "./hatch.ts";
import { withChart } from "./render.ts";
import { createSurface, encodePng, measureContext } from "./surface.ts";
import { cleanName, fitText } from "./text.ts";
import { colors, font, IMAGE_WIDTH } from "./theme.ts";
import type { LeaderboardChartInput, LeaderboardRow } from "./types.ts";

export const LEADERBOARD_LAYOUT = {
  width: IMAGE_WIDTH,
  margin: 16,
  headerHeight: 100,
  rowHeight: 30,
  barThickness: 18,
  rankWidth: 34,
  nameWidth: 112,
  footerHeight: 34,
} as const;

export const BAR_COLORS = { better: colors.blue, worse: colors.orange } as const;

export function rankLabel(row: Pick<LeaderboardRow, "rank" | "tied">): string {
  return row.tied ? `=${row.rank}` : String(row.rank);
}

function sortRows(input: LeaderboardChartInput): LeaderboardRow[] {
  const sign = input.higherIsBetter ? -1 : 1;
  return [...input.rows].sort(
    (a, b) => a.rank - b.rank || sign * (a.score - b.score) || a.name.localeCompare(b.name),
  );
}

function isBetter(score: number, higherIsBetter: boolean): boolean {
  return higherIsBetter ? score > 0 : score < 0;
}

/**
 * x-scale bounds leaving `labelRoom` px for the value labels on whichever sides bars grow.
 */
export function scoreBounds(
  scores: number[],
  plotWidth: number,
  labelRoom: number,
): { min: number; max: number } {
  const lo = Math.min(0, ...scores);
  const hi = Math.max(0, ...scores);
  const roomLeft = lo < 0 ? labelRoom : 6;
  const roomRight = hi > 0 ? labelRoom : 6;
  const span = hi - lo || 1;
  const perPx = span / Math.max(40, plotWidth - roomLeft - roomRight);
  return { min: lo - roomLeft * perPx, max: hi + roomRight * perPx };
}

function valueLabel(row: LeaderboardRow, unitLabel: string): string {
  return withUnit(formatSigned(row.score), unitLabel);
}

function decorations(rows: LeaderboardRow[], input: LeaderboardChartInput): Plugin<"bar"> {
  const L = LEADERBOARD_LAYOUT;
  return {
    id: "leaderboardDecorations",
    beforeDatasetsDraw(chart: Chart<"bar">) {
      const { ctx, chartArea } = chart;
      const x0 = Math.round(chart.scales.x!.getPixelForValue(0)) + 0.5;
      ctx.save();
      ctx.strokeStyle = colors.axis;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x0, chartArea.top - 4);
      ctx.lineTo(x0, chartArea.bottom + 4);
      ctx.stroke();
      ctx.restore();
    },
    afterDatasetsDraw(chart: Chart<"bar">) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      const x = chart.scales.x!;
      const y = chart.scales.y!;
      rows.forEach((row, i) => {
        const cy = y.getPixelForValue(i);
        const rank = rankLabel(row);
        drawText(ctx as never, rank, L.margin + L.rankWidth - 8, cy, {
          size: 14,
          weight: 700,
          color: colors.ink,
          align: "right",
          baseline: "middle",
        });
        (ctx as unknown as SKRSContext2D).font = font(14, 400);
        const name = fitText(ctx as never, cleanName(row.name), L.nameWidth - 8);
        drawText(ctx as never, name, L.margin + L.rankWidth, cy, {
          size: 14,
          color: colors.ink,
          baseline: "middle",
        });
        const bar = meta.data[i];
        if (!bar) return;
        const end = x.getPixelForValue(row.score);
        const right = row.score >= 0;
        drawText(ctx as never, valueLabel(row, input.unitLabel), end + (right ? 6 : -6), cy, {
          size: 13,
          weight: row.withinNoise ? 400 : 700,
          color: row.withinNoise ? colors.muted : colors.ink,
          align: right ? "left" : "right",
          baseline: "middle",
        });
      });
    },
  };
}

export interface LeaderboardLayout {
  rows: LeaderboardRow[];
  /** x-scale bounds (score units). */
  min: number;
  max: number;
  /** The bar plot in image coordinates (logical px). */
  plot: { left: number; right: number; top: number; bottom: number };
}

export function leaderboardLayout(input: LeaderboardChartInput): LeaderboardLayout {
  const L = LEADERBOARD_LAYOUT;
  const rows = sortRows(input);
  const inner = L.width - 2 * L.margin;
  const measure = measureContext();
  measure.font = font(13, 700);
  const labelRoom =
    Math.max(0, ...rows.map((r) => measure.measureText(valueLabel(r, input.unitLabel)).width)) + 10;
  const { min, max } = scoreBounds(
    rows.map((r) => r.score),
    inner - L.rankWidth - L.nameWidth,
    labelRoom,
  );
  const top = L.headerHeight;
  return {
    rows,
    min,
    max,
    plot: {
      left: L.margin + L.rankWidth + L.nameWidth,
      right: L.margin + inner,
      top,
      bottom: top + chartHeight(rows),
    },
  };
}

function chartHeight(rows: LeaderboardRow[]): number {
  return Math.max(1, rows.length) * LEADERBOARD_LAYOUT.rowHeight + 8;
}

function barConfig({ rows, min, max }: LeaderboardLayout, input: LeaderboardChartInput) {
  const L = LEADERBOARD_LAYOUT;
  const config: ChartConfiguration<"bar", number[], string> = {
    type: "bar",
    data: {
      labels: rows.map((_, i) => String(i)),
      datasets: [
        {
          data: rows.map((r) => r.score),
          backgroundColor: rows.map((r) =>
            r.withinNoise
              ? (hatchPattern() as never)
              : isBetter(r.score, input.higherIsBetter)
                ? BAR_COLORS.better
                : BAR_COLORS.worse,
          ),
          borderColor: rows.map((r) => (r.withinNoise ? colors.noise : "rgba(0,0,0,0)")),
          borderWidth: rows.map((r) => (r.withinNoise ? 1 : 0)),
          borderRadius: 4,
          borderSkipped: false,
          barThickness: L.barThickness,
          minBarLength: 2,
        },
      ],
    },
    options: {
      indexAxis: "y",
      layout: {
        padding: {
          left: L.margin + L.rankWidth + L.nameWidth,
          right: L.margin,
          top: L.headerHeight,
          bottom: L.footerHeight,
        },
      },
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: { type: "linear", min, max, display: false },
        y: { type: "category", display: false, offset: true },
      },
    },
    plugins: [decorations(rows, input), frame(rows, input)],
  };
  return config;
}

function drawLegend(ctx: Parameters<typeof drawText>[0], y: number): void {
  const L = LEADERBOARD_LAYOUT;
  let x = L.margin;
  const item = (fill: string | CanvasPattern, label: string, border?: string) => {
    fillRoundRect(ctx, x, y - 10, 14, 12, 3, fill);
    if (border) {
      ctx.strokeStyle = border;
      ctx.lineWidth = 1;
      ctx.strokeRect(x + 0.5, y - 9.5, 13, 11);
    }
    x += 19;
    x += drawText(ctx, label, x, y, { size: 12, color: colors.muted }) + 14;
  };
  item(BAR_COLORS.better, "improved");
  item(BAR_COLORS.worse, "went the other way");
  item(hatchPattern(), "within noise", colors.noise);
}

/** Title, period, direction and legend above the bars. */
function drawHeader(ctx: SKRSContext2D, input: LeaderboardChartInput): void {
  const L = LEADERBOARD_LAYOUT;
  const inner = L.width - 2 * L.margin;
  ctx.font = font(19, 700);
  drawText(ctx, fitText(ctx, input.title, inner), L.margin, 30, { size: 19, weight: 700 });
  ctx.font = font(13);
  drawText(ctx, fitText(ctx, input.periodLabel, inner), L.margin, 51, { size: 13, color: colors.muted });
  const direction = input.higherIsBetter ? "Higher is better \u2192" : "\u2190 Lower is better";
  drawText(ctx, direction, L.margin, 72, { size: 13, weight: 600, color: colors.blue });
  drawLegend(ctx, 92);
}

// Header and footer are drawn by the chart itself: one canvas, no copying between canvases.
function frame(rows: LeaderboardRow[], input: LeaderboardChartInput): Plugin<"bar"> {
  return {
    id: "leaderboardFrame",
    afterDraw(chart: Chart<"bar">) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      drawHeader(ctx, input);
      drawNoiseFooter(ctx, chart.height - LEADERBOARD_LAYOUT.footerHeight + 20, rows);
    },
  };
}

export async function renderLeaderboardChart(input: LeaderboardChartInput): Promise<Buffer> {
  const L = LEADERBOARD_LAYOUT;
  const layout = leaderboardLayout(input);
  const { rows } = layout;
  const height = L.headerHeight + chartHeight(rows) + L.footerHeight;
  if (rows.length > 0) {
    return withChart(barConfig(layout, input), { width: L.width, height }, encodePng);
  }
  const { canvas, ctx } = createSurface(L.width, height);
  drawHeader(ctx, input);
  drawText(ctx, "No one ranked yet \u2014 two scans make a change.", L.width / 2, L.headerHeight + 20, {
    size: 14,
    color: colors.muted,
    align: "center",
    baseline: "middle",
  });
  drawNoiseFooter(ctx, height - L.footerHeight + 20, rows);
  return encodePng(canvas);
}

function drawNoiseFooter(ctx: Parameters<typeof drawText>[0], y: number, rows: LeaderboardRow[]): void {
  const L = LEADERBOARD_LAYOUT;
  const noisy = rows.filter((r) => r.withinNoise).length;
  const text =
    noisy > 0
      ? `${noisy} of ${rows.length} within measurement noise \u2014 too small to call yet.`
      : "Every change here is bigger than the measurement noise.";
  ctx.font = font(12);
  drawText(ctx, fitText(ctx, text, L.width - 2 * L.margin), L.margin, y, { size: 12, color: colors.muted });
}
