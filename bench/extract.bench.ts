// `npm run bench:extract`: how fast a scan is read, over the committed fixtures (sheets and refused files):
// 1. the extract task itself, in this process (what a warm worker does per file);
// 2. through the cage (a warm pool of compiled workers): per call, and inside the worker;
// 3. whole processes: `pump parse <file>` and `pump --help` from a cold start, and a worker's start.
// Targets (idle 2-core machine): warm p95 ≤ 15 ms; `pump parse` ≤ 0.8 s and ≤ 200 MB; `pump --help` ≤ 0.3 s.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ScanRejectedError } from "../src/domain/scan-record.ts";
import type { ExtractorPool, TaskCost } from "../src/extract/cage/pool.ts";
import { extractScan } from "../src/extract/extract-scan.ts";
import { SCANS_DIR } from "../test/fixtures/generate.ts";
import { percentile } from "./percentile.ts";

const WARM_ROUNDS = 30;
const PROCESS_RUNS = 7;
const ROOT = join(import.meta.dirname, "..");

const files = readdirSync(SCANS_DIR)
  .filter((file) => file.endsWith(".pdf"))
  .sort()
  .map((file) => ({
    name: file.replace(/\.pdf$/, ""),
    bytes: new Uint8Array(readFileSync(join(SCANS_DIR, file))),
  }));

const settle = (reading: Promise<unknown>) =>
  reading.then(
    () => {},
    (error) => {
      // by name: the compiled pool throws dist/'s copy of the class
      if (!(error instanceof ScanRejectedError) && (error as Error).name !== "ScanRejectedError") throw error;
    },
  );
const row = (label: string, ...cells: string[]) =>
  console.log(`${label.padEnd(44)}${cells.map((c) => c.padStart(10)).join("")}`);
const ms = (value: number) => value.toFixed(1);

console.log(
  `extract bench: ${files.length} fixture files × ${WARM_ROUNDS} warm rounds; load average ${loadavg()[0]?.toFixed(1)} on entry`,
);
console.log("");
row("measure", "p50 ms", "p95 ms");

// 1. in process
const example = files.find((file) => file.name === "example-alex-metric")!;
const coldStart = performance.now();
await settle(extractScan(example.bytes));
row("in process: first parse (pdf.js load)", ms(performance.now() - coldStart));
const inProcess: number[] = [];
for (const file of files) {
  for (let round = 0; round < WARM_ROUNDS; round++) {
    const start = performance.now();
    await settle(extractScan(file.bytes));
    inProcess.push(performance.now() - start);
  }
}
row("in process: warm extraction", ms(percentile(inProcess, 50)), ms(percentile(inProcess, 95)));

// 2. through the cage, with compiled workers (as `npm start` and `pump` run them): build dist/ first
execFileSync(process.execPath, [join(ROOT, "bin/build.mjs")], { cwd: ROOT, stdio: "inherit" });
const { ExtractorPool: Pool } = (await import(
  pathToFileURL(join(ROOT, "dist/src/extract/cage/pool.js")).href
)) as { ExtractorPool: typeof ExtractorPool };
const costs: TaskCost[] = [];
const pool = new Pool({ size: 1, onCost: (cost) => costs.push(cost) });
const warmStart = performance.now();
await pool.warmUp();
row("cage: compiled worker, start to ready", ms(performance.now() - warmStart));
const firstStart = performance.now();
await settle(pool.extract(example.bytes));
row("cage: first file in a fresh worker", ms(performance.now() - firstStart));
for (const file of files) await settle(pool.extract(file.bytes));
costs.length = 0;
const throughPool: number[] = [];
for (const file of files) {
  for (let round = 0; round < WARM_ROUNDS; round++) {
    const start = performance.now();
    await settle(pool.extract(file.bytes));
    throughPool.push(performance.now() - start);
  }
}
const inWorker = costs.map((cost) => cost.ms);
row("cage: warm extraction, inside the worker", ms(percentile(inWorker, 50)), ms(percentile(inWorker, 95)));
row(
  "cage: warm extraction, per call (end to end)",
  ms(percentile(throughPool, 50)),
  ms(percentile(throughPool, 95)),
);
const peak = Math.max(...costs.map((cost) => cost.peakKb ?? 0)) / 1024;
row("cage: peak worker memory during a file", `${peak.toFixed(0)} MB`);
await pool.close();

// 3. whole processes, from a cold start
console.log("");
const gnuTime = existsSync("/usr/bin/time");
function wholeProcess(args: string[]): { wall: number; peakMb: number | null; exit: number | null } {
  const start = performance.now();
  if (!gnuTime) {
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    return { wall: performance.now() - start, peakMb: null, exit: result.status };
  }
  const result = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const wall = performance.now() - start;
  const kb = Number(result.stderr.trim().split("\n").at(-1));
  return { wall, peakMb: Number.isFinite(kb) ? kb / 1024 : null, exit: result.status };
}
row("whole process (compiled, cold start)", "median s", "max s", "peak MB");
for (const [label, args] of [
  [
    "pump parse example-alex-metric.pdf",
    ["bin/pump.js", "parse", join(SCANS_DIR, "example-alex-metric.pdf")],
  ],
  ["pump parse not-a-pdf.pdf", ["bin/pump.js", "parse", join(SCANS_DIR, "not-a-pdf.pdf")]],
  ["pump --help", ["bin/pump.js", "--help"]],
] as const) {
  wholeProcess([...args]);
  const runs = Array.from({ length: PROCESS_RUNS }, () => wholeProcess([...args]));
  const walls = runs.map((run) => run.wall / 1000);
  const peaks = runs.map((run) => run.peakMb ?? Number.NaN);
  row(label, percentile(walls, 50).toFixed(2), Math.max(...walls).toFixed(2), Math.max(...peaks).toFixed(0));
}
console.log("");
console.log(
  `(peak MB: the largest single process, the worker included; ${PROCESS_RUNS} runs each; load average ${loadavg()[0]?.toFixed(1)} at the end)`,
);
