// `npm run bench:extract`: cold first parse, warm p50/p95 per file and files per second on one core, over
// the committed fixtures (sheets and refused files alike). Target: warm p95 ≤ 15 ms.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { ScanRejectedError } from "../src/domain/scan-record.ts";
import { extractScan } from "../src/extract/extract-scan.ts";
import { SCANS_DIR } from "../test/fixtures/generate.ts";

const WARM_ROUNDS = 30;
const THROUGHPUT_SECONDS = 3;
const TARGET_P95_MS = 15;

const files = readdirSync(SCANS_DIR)
  .filter((file) => file.endsWith(".pdf"))
  .sort()
  .map((file) => ({
    name: file.replace(/\.pdf$/, ""),
    bytes: new Uint8Array(readFileSync(join(SCANS_DIR, file))),
  }));

async function parse(bytes: Uint8Array): Promise<void> {
  try {
    await extractScan(bytes);
  } catch (error) {
    if (!(error instanceof ScanRejectedError)) throw error;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const ms = (value: number) => value.toFixed(1).padStart(8);

const example = files.find((file) => file.name === "example-alex-metric") ?? files[0];
if (!example) throw new Error(`no fixtures in ${SCANS_DIR}`);
const coldStart = performance.now();
await parse(example.bytes);
const cold = performance.now() - coldStart;

// CPU time next to wall time: on a shared machine wall time also counts other processes' turns.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const perFile: { name: string; p50: number; p95: number; cpu50: number }[] = [];
const all: number[] = [];
const allCpu: number[] = [];
for (const file of files) {
  await parse(file.bytes);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < WARM_ROUNDS; round++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await parse(file.bytes);
    cpu.push(cpuMs(cpuStart));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  all.push(...times);
  allCpu.push(...cpu);
  perFile.push({
    name: file.name,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    cpu50: percentile(cpu, 0.5),
  });
}
all.sort((a, b) => a - b);
allCpu.sort((a, b) => a - b);

let parsed = 0;
const until = performance.now() + THROUGHPUT_SECONDS * 1000;
while (performance.now() < until) {
  await parse((files[parsed % files.length] as (typeof files)[number]).bytes);
  parsed++;
}
const filesPerSecond = parsed / THROUGHPUT_SECONDS;

const worst = [...perFile].sort((a, b) => b.p95 - a.p95);
const overTarget = perFile.filter((file) => file.p95 > TARGET_P95_MS).length;
console.log(`extract bench: ${files.length} fixture files, ${WARM_ROUNDS} warm rounds each, one core`);
console.log("");
console.log(`${"measure".padEnd(36)} wall ms  cpu ms`);
console.log(`${"cold first parse (incl. pdf.js load)".padEnd(36)}${ms(cold)}`);
console.log(`${"warm p50, all files".padEnd(36)}${ms(percentile(all, 0.5))}${ms(percentile(allCpu, 0.5))}`);
console.log(`${"warm p95, all files".padEnd(36)}${ms(percentile(all, 0.95))}${ms(percentile(allCpu, 0.95))}`);
console.log(
  `${"warm p95, median file".padEnd(36)}${ms(
    percentile(
      perFile.map((file) => file.p95).sort((a, b) => a - b),
      0.5,
    ),
  )}`,
);
console.log(`${"files per second (sequential)".padEnd(36)}${filesPerSecond.toFixed(0).padStart(8)}`);
console.log("");
console.log(`${"slowest files (wall)".padEnd(36)}     p50     p95 cpu p50`);
for (const file of worst.slice(0, 5))
  console.log(`${file.name.padEnd(36)}${ms(file.p50)}${ms(file.p95)}${ms(file.cpu50)}`);
console.log("");
console.log(
  `${overTarget} of ${perFile.length} files above the ${TARGET_P95_MS} ms wall p95 target (load average ${loadavg()[0]?.toFixed(1)})`,
);
