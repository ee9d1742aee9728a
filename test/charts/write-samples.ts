// Writes example charts from the sample data: `npx tsx test/charts/write-samples.ts [outDir]`.
// Renders the renderer-only samples (test/charts/samples.ts) to look at a change; docs/charts/ holds the
// README examples made by the CLI (test/fixtures/make-readme-examples.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  renderLeaderboardChart,
  renderProgressChart,
  renderSegmentChart,
  renderWeeklySummaryChart,
} from "../../src/charts/index.ts";
import {
  leaderboardInput,
  progressInput,
  progressPoints,
  quietWeekInput,
  segmentInput,
  weeklySummaryInput,
} from "./samples.ts";

const out = process.argv[2] ?? "/tmp/charts";
const extras = process.argv.includes("--all");
mkdirSync(out, { recursive: true });

const charts: [string, () => Promise<Buffer>][] = [
  ["progress.png", () => renderProgressChart(progressInput(14))],
  ["progress-single.png", () => renderProgressChart(progressInput(1))],
  ["leaderboard.png", () => renderLeaderboardChart(leaderboardInput(12))],
  ["weekly-summary.png", () => renderWeeklySummaryChart(weeklySummaryInput())],
  ["segments.png", () => renderSegmentChart(segmentInput())],
];
if (extras) {
  charts.push(
    ["progress-2.png", () => renderProgressChart(progressInput(2))],
    [
      "progress-120-lb.png",
      () => renderProgressChart({ ...progressInput(120), points: progressPoints(120, 9), unit: "lb" }),
    ],
    ["leaderboard-1.png", () => renderLeaderboardChart(leaderboardInput(1))],
    ["leaderboard-30.png", () => renderLeaderboardChart(leaderboardInput(30))],
    ["weekly-summary-quiet.png", () => renderWeeklySummaryChart(quietWeekInput())],
  );
}
for (const [name, render] of charts) {
  writeFileSync(join(out, name), await render());
  console.log(join(out, name));
}
