// One-time chart.js setup: components, date adapter, fonts and defaults.
import "chartjs-adapter-date-fns";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
} from "chart.js";
import { whiteBackground } from "./background-plugin.ts";
import { registerFonts } from "./fonts.ts";
import { colors, FONT_FAMILY } from "./theme.ts";

let ready = false;

/** Registers fonts and chart.js components. Call at start; idempotent, and every renderer calls it lazily. */
export function initCharts(): void {
  if (ready) return;
  registerFonts();
  Chart.register(
    LineController,
    LineElement,
    PointElement,
    BarController,
    BarElement,
    LinearScale,
    CategoryScale,
    TimeScale,
    Filler,
    whiteBackground,
  );
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = colors.muted;
  Chart.defaults.borderColor = colors.grid;
  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.events = [];
  // With pdf.js's global Path2D (or one from a second copy of the canvas package) chart.js's cached-path
  // line drawing can silently draw nothing. A `segment` option makes LineElement stroke directly on the
  // context instead, which always works.
  Chart.defaults.datasets.line.segment = {} as never;
  ready = true;
}
