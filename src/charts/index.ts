// Public API of the chart renderer: plain data in, PNG (2×, white background, bundled Inter) out.

export { renderChallengePodiumChart } from "./challenge-podium-chart.ts";
export { renderLeaderboardChart } from "./leaderboard-chart.ts";
export { renderProgressChart } from "./progress-chart.ts";
export { renderChart } from "./render.ts";
export { renderSegmentChart } from "./segment-chart.ts";
export { initCharts } from "./setup.ts";
export type * from "./types.ts";
export { renderWeeklySummaryChart } from "./weekly-summary-chart.ts";
