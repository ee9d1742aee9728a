// Render time per chart type: p50/p95 over 50 renders after warm-up (PNG encoding included).
// Run: npm run bench:charts. Target: p95 ≤ 60 ms.
import { cpus, loadavg } from "node:os";
import {
  initCharts,
  renderLeaderboardChart,
  renderProgressChart,
  renderSegmentChart,
  renderWeeklySummaryChart,
} from "../src/charts/index.ts";
import {
  leaderboardInput,
  progressInput,
  progressPoints,
  quietWeekInput,
  segmentInput,
  weeklySummaryInput,
} from "../test/charts/samples.ts";
import { percentile } from "./percentile.ts";

const WARMUP = 5;
const RUNS = 50;
const TARGET_P95_MS = 60;

const cases: [string, () => Promise<Buffer>][] = [
  ["progress (1 scan, snapshot)", () => renderProgressChart(progressInput(1))],
  ["progress (14 scans)", () => renderProgressChart(progressInput(14))],
  [
    "progress (120 scans, lb)",
    () => renderProgressChart({ ...progressInput(120), points: progressPoints(120, 9), unit: "lb" }),
  ],
  ["leaderboard (8 rows)", () => renderLeaderboardChart(leaderboardInput(8))],
  ["leaderboard (30 rows)", () => renderLeaderboardChart(leaderboardInput(30))],
  ["weekly summary", () => renderWeeklySummaryChart(weeklySummaryInput())],
  ["weekly summary (quiet)", () => renderWeeklySummaryChart(quietWeekInput())],
  ["segments", () => renderSegmentChart(segmentInput())],
];

initCharts();
const rows: { name: string; p50: number; p95: number; cpu50: number; kb: number }[] = [];
for (const [name, render] of cases) {
  for (let i = 0; i < WARMUP; i++) await render();
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const png = await render();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    bytes = png.length;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  rows.push({
    name,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    cpu50: percentile(cpu, 50),
    kb: bytes / 1024,
  });
}

const pad = (s: string, n: number) => s.padEnd(n);
// Wall time suffers when the machine is busy; CPU time per render (process-wide, incl. the zlib thread)
// shows the cost itself.
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${cpus().length} CPUs`,
);
console.log(
  `${pad("chart", 30)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"cpu p50".padStart(8)} ${"PNG KB".padStart(8)}`,
);
for (const r of rows) {
  const flag = r.p95 > TARGET_P95_MS ? "  over target" : "";
  console.log(
    `${pad(r.name, 30)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.cpu50.toFixed(1).padStart(8)} ${r.kb.toFixed(0).padStart(8)}${flag}`,
  );
}
console.log(`target: p95 <= ${TARGET_P95_MS} ms; ${RUNS} renders after ${WARMUP} warm-up each`);
