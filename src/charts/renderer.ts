// The use-cases' chart port (use-cases/ports.ts) over the renderers of this folder.
import type { ChartRenderer } from "../use-cases/ports.ts";
import { renderChallengePodiumChart } from "./challenge-podium-chart.ts";
import { renderLeaderboardChart } from "./leaderboard-chart.ts";
import { renderProgressChart } from "./progress-chart.ts";
import { renderSegmentChart } from "./segment-chart.ts";
import { initCharts } from "./setup.ts";
import { renderWeeklySummaryChart } from "./weekly-summary-chart.ts";

/** Registers the bundled font and chart.js parts once, then draws on demand. */
export function chartRenderer(): ChartRenderer {
  initCharts();
  return {
    progress: renderProgressChart,
    leaderboard: renderLeaderboardChart,
    segments: renderSegmentChart,
    weeklySummary: renderWeeklySummaryChart,
    challengePodium: renderChallengePodiumChart,
  };
}
