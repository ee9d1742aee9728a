// One metric's line over time, as a chart.js config: noise band around the latest value, goal line,
// first and latest values labelled.
import type { Chart, ChartConfiguration, Plugin, ScriptableContext } from "chart.js";
import { format } from "date-fns";
import { formatNumber } from "./format.ts";
import { colors, font, withAlpha } from "./theme.ts";
import type { TimeAxis } from "./time-axis.ts";

export interface PanelPoint {
  x: number;
  y: number;
}

export interface PanelSpec {
  points: PanelPoint[];
  /** Minimal detectable change, display units. */
  noise: number;
  /** Goal in display units, or null. */
  goal: number | null;
  axis: TimeAxis;
  showTimeTicks: boolean;
  color: string;
  /** Width reserved for the y axis, so that stacked panels line up. */
  yAxisWidth: number;
}

export function yBounds(spec: Pick<PanelSpec, "points" | "noise" | "goal">): {
  min: number;
  max: number;
  step: number;
} {
  const values = spec.points.map((p) => p.y);
  const latest = values.at(-1);
  if (latest !== undefined) values.push(latest - spec.noise, latest + spec.noise);
  if (spec.goal !== null) values.push(spec.goal);
  if (values.length === 0) return { min: 0, max: 1, step: 0.5 };
  let min = Math.min(...values);
  let max = Math.max(...values);
  // A flat series must not look like a cliff: never zoom in further than a few units of noise.
  const minSpan = Math.max(spec.noise * 3, 1);
  if (max - min < minSpan) {
    const mid = (min + max) / 2;
    min = mid - minSpan / 2;
    max = mid + minSpan / 2;
  }
  const pad = (max - min) * 0.1;
  const step = niceStep((max - min + 2 * pad) / 3);
  return { min: Math.floor((min - pad) / step) * step, max: Math.ceil((max + pad) / step) * step, step };
}

export function stepDecimals(step: number): number {
  return Number.isInteger(step) ? 0 : Number.isInteger(Math.round(step * 1e6) / 1e5) ? 1 : 2;
}

/** 1, 2, 2.5 or 5 × 10^k: tick steps a person reads at a glance. */
export function niceStep(raw: number): number {
  const exp = 10 ** Math.floor(Math.log10(raw));
  const f = raw / exp;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * exp;
}

function pointRadius(count: number): (ctx: ScriptableContext<"line">) => number {
  const base = count <= 40 ? 3 : count <= 80 ? 2 : 0;
  return (ctx) => (ctx.dataIndex === 0 || ctx.dataIndex === count - 1 ? 4 : base);
}

function decorations(spec: PanelSpec): Plugin<"line"> {
  return {
    id: "progressDecorations",
    beforeDatasetsDraw(chart: Chart<"line">) {
      const { ctx, chartArea } = chart;
      const y = chart.scales.y!;
      const latest = spec.points.at(-1);
      ctx.save();
      if (latest && spec.noise > 0) {
        const top = y.getPixelForValue(latest.y + spec.noise);
        const bottom = y.getPixelForValue(latest.y - spec.noise);
        ctx.fillStyle = withAlpha(spec.color, 0.16);
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      }
      if (spec.goal !== null) {
        const gy = Math.round(y.getPixelForValue(spec.goal)) + 0.5;
        ctx.strokeStyle = colors.ink;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(chartArea.left, gy);
        ctx.lineTo(chartArea.right, gy);
        ctx.stroke();
        ctx.setLineDash([]);
        const label = `Goal ${formatNumber(spec.goal)}`;
        ctx.font = font(11, 600);
        ctx.textAlign = "left";
        const above = gy - 4 > chartArea.top + 12;
        ctx.textBaseline = above ? "bottom" : "top";
        ctx.lineWidth = 3;
        ctx.strokeStyle = "#ffffff";
        ctx.strokeText(label, chartArea.left + 4, above ? gy - 3 : gy + 3);
        ctx.fillStyle = colors.ink;
        ctx.fillText(label, chartArea.left + 4, above ? gy - 3 : gy + 3);
      }
      ctx.restore();
    },
    afterDatasetsDraw(chart: Chart<"line">) {
      const meta = chart.getDatasetMeta(0);
      const n = spec.points.length;
      const { ctx, chartArea } = chart;
      if (n === 0) {
        ctx.save();
        ctx.font = font(13, 400);
        ctx.fillStyle = colors.muted;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(
          "Not on your scan sheets yet",
          (chartArea.left + chartArea.right) / 2,
          (chartArea.top + chartArea.bottom) / 2,
        );
        ctx.restore();
        return;
      }
      const label = (index: number, align: "left" | "right") => {
        const el = meta.data[index];
        const point = spec.points[index];
        if (!el || !point) return;
        const neighbour = spec.points[index === 0 ? 1 : index - 1];
        // Put the label on the side the line does not go to.
        const prefersAbove = neighbour === undefined || neighbour.y <= point.y;
        const goalY = spec.goal === null ? null : chart.scales.y!.getPixelForValue(spec.goal);
        const fits = (isAbove: boolean) => {
          const top = isAbove ? el.y - 23 : el.y + 9;
          const clearOfGoal = goalY === null || goalY < top - 1 || goalY > top + 15;
          return top >= 0 && top + 14 <= chart.height && clearOfGoal;
        };
        const above = fits(prefersAbove) ? prefersAbove : fits(!prefersAbove) ? !prefersAbove : prefersAbove;
        const ty = above ? el.y - 9 : el.y + 9;
        const text = formatNumber(point.y);
        ctx.save();
        ctx.font = font(12, 700);
        ctx.textAlign = align;
        ctx.textBaseline = ty < el.y ? "bottom" : "top";
        const tx =
          align === "left" ? Math.max(el.x - 4, chartArea.left + 2) : Math.min(el.x + 4, chart.width - 2);
        ctx.lineJoin = "round";
        ctx.lineWidth = 3.5;
        ctx.strokeStyle = "#ffffff";
        ctx.strokeText(text, tx, ty);
        ctx.fillStyle = colors.ink;
        ctx.fillText(text, tx, ty);
        ctx.restore();
      };
      label(n - 1, "right");
      if (n > 1) label(0, "left");
    },
  };
}

export function progressPanelConfig(spec: PanelSpec): ChartConfiguration<"line", PanelPoint[]> {
  const { min, max, step } = yBounds(spec);
  const n = spec.points.length;
  return {
    type: "line",
    data: {
      datasets: [
        {
          data: spec.points,
          borderColor: spec.color,
          borderWidth: n > 80 ? 2 : 2.5,
          pointRadius: pointRadius(n),
          pointHoverRadius: 0,
          pointBackgroundColor: "#ffffff",
          pointBorderColor: spec.color,
          pointBorderWidth: 2,
          tension: 0,
          spanGaps: true,
          parsing: false,
          normalized: true,
          clip: false,
        },
      ],
    },
    options: {
      layout: { padding: { top: 4, right: 14, bottom: 0, left: 0 } },
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: {
          type: "time",
          min: spec.axis.min,
          max: spec.axis.max,
          time: {
            unit: spec.axis.unit,
            isoWeekday: true,
            displayFormats: { [spec.axis.unit]: spec.axis.pattern },
          },
          grid: { color: colors.grid, drawTicks: spec.showTimeTicks, tickLength: 4 },
          border: { display: spec.showTimeTicks, color: colors.axis },
          ticks: {
            display: spec.showTimeTicks,
            autoSkip: true,
            maxTicksLimit: 5,
            maxRotation: 0,
            font: { size: 11 },
            color: colors.muted,
            // Tick labels are formatted by us so the pattern holds whatever unit chart.js settles on.
            callback: (value) => format(new Date(Number(value)), spec.axis.pattern),
          },
        },
        y: {
          type: "linear",
          min,
          max,
          grid: { color: colors.grid, drawTicks: false },
          border: { display: false },
          ticks: {
            display: n > 0,
            stepSize: step,
            font: { size: 11 },
            color: colors.muted,
            padding: 6,
            callback: (value) => formatNumber(Number(value), stepDecimals(step)),
          },
          afterFit: (scale) => {
            scale.width = spec.yAxisWidth;
          },
        },
      },
    },
    plugins: [decorations(spec)],
  };
}
