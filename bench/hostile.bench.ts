// `npm run bench:hostile [-- --copies N]`: the hostile corpus (test/hostile/corpus.ts) and bit-flipped copies
// of every committed fixture, through the real cage. Prints the tallies — tried / clean / warned / wrong /
// hung, peak memory per parse, time per bomb — and whether the verdicts hold under parallel load.
// "clean": the right refusal or exactly the sheet's values; "warned": values that differ from the sheet but
// with a warning the member reads; "wrong": a wrong refusal or values that differ silently; "hung": no answer
// within the cage's time limit. Targets: 0 wrong, 0 hung, peak ≤ 300 MB per parse, a bomb ≤ 15 s.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { SCAN_ERROR_CODES } from "../src/domain/scan-record.ts";
import { ExtractorPool, type TaskCost } from "../src/extract/cage/pool.ts";
import {
  committedFixtures,
  type Expectation,
  flipBytes,
  type HostileFile,
  hostileCorpus,
  uncompressedCopy,
} from "../test/hostile/corpus.ts";
import { judge, label, type Outcome, outcomeOf } from "../test/hostile/outcome.ts";

const { values } = parseArgs({
  options: { copies: { type: "string", default: "200" }, "plain-copies": { type: "string", default: "50" } },
});
const COPIES = Number(values.copies);
const PLAIN_COPIES = Number(values["plain-copies"]);
const BOMB_KINDS = new Set([
  "decompression bomb",
  "nesting",
  "many items",
  "fonts and CMaps",
  "pages and sizes",
]);

let lastCost: TaskCost | null = null;
const pool = new ExtractorPool({
  whenFull: "wait",
  queueLimit: 100_000,
  queuePerKey: 100_000,
  onCost: (cost) => {
    lastCost = cost;
  },
});
await pool.warmUp();

interface Tally {
  tried: number;
  clean: number;
  warned: number;
  wrong: number;
  hung: number;
  accepted: number;
}
const emptyTally = (): Tally => ({ tried: 0, clean: 0, warned: 0, wrong: 0, hung: 0, accepted: 0 });
const count = (tally: Tally, outcome: Outcome, expect: Expectation) => {
  tally.tried++;
  tally[judge(outcome, expect)]++;
  if ("record" in outcome) tally.accepted++;
};
const line = (name: string, t: Tally) =>
  console.log(
    `${name.padEnd(34)}${[t.tried, t.clean, t.warned, t.wrong, t.hung, t.accepted].map((n) => String(n).padStart(8)).join("")}`,
  );
const header = () =>
  console.log(
    `${"".padEnd(34)}${["tried", "clean", "warned", "wrong", "hung", "read"].map((h) => h.padStart(8)).join("")}`,
  );

console.log(`hostile bench: load average ${loadavg()[0]?.toFixed(1)} on entry`);
const corpus = await hostileCorpus();

// one after the other: per-file cost as the worker measured it
const byKind = new Map<string, Tally>();
const total = emptyTally();
const peaks: number[] = [];
const bombSeconds: number[] = [];
const alone: string[] = [];
for (const file of corpus) {
  const started = performance.now();
  const outcome = await outcomeOf(pool.extract(file.bytes, { key: "alone" }));
  const seconds = (performance.now() - started) / 1000;
  const cost = lastCost as TaskCost | null;
  if (cost?.verdict === "time") total.hung++;
  if (cost?.peakKb) peaks.push(cost.peakKb / 1024);
  if (BOMB_KINDS.has(file.kind)) bombSeconds.push(seconds);
  alone.push(label(outcome));
  const kind = byKind.get(file.kind) ?? emptyTally();
  byKind.set(file.kind, kind);
  count(kind, outcome, file.expect);
  count(total, outcome, file.expect);
}

// all at once, from seven members: the same bytes must get the same verdict
const together = await Promise.all(
  corpus.map((file, i) => outcomeOf(pool.extract(file.bytes, { key: `member-${i % 7}` })).then(label)),
);
const changed = corpus.filter((_file, i) => alone[i] !== together[i]).map((file) => file.name);

console.log("");
console.log(`hostile corpus: ${corpus.length} files made at run time`);
header();
for (const [kind, tally] of byKind) line(kind, tally);
line("all", total);
const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
const at = (list: number[], p: number) =>
  sorted(list)[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0;
console.log(
  `peak memory per parse: max ${Math.max(...peaks).toFixed(0)} MB, p95 ${at(peaks, 0.95).toFixed(0)} MB, median ${at(peaks, 0.5).toFixed(0)} MB`,
);
console.log(
  `time per bomb (${bombSeconds.length} files of the bomb kinds): max ${Math.max(...bombSeconds).toFixed(2)} s, median ${at(bombSeconds, 0.5).toFixed(3)} s`,
);
console.log(
  `verdicts that changed under parallel load: ${changed.length}${changed.length ? ` (${changed.join(", ")})` : ""}`,
);
console.log(`workers killed by the cage's limits: ${JSON.stringify(pool.stats().kills)}`);

// bit flips in every committed fixture, as committed and stored uncompressed
async function flipped(name: string, copies: number, maxFlips: number, plain: boolean): Promise<Tally> {
  const tally = emptyTally();
  const jobs: Promise<void>[] = [];
  for (const fixture of committedFixtures()) {
    const bytes = plain ? await uncompressedCopy(fixture.bytes).catch(() => null) : fixture.bytes;
    if (!bytes) continue;
    const expect: Expectation = fixture.record
      ? { sheet: fixture.record }
      : { refuse: [...SCAN_ERROR_CODES] };
    for (let copy = 0; copy < copies; copy++) {
      const flips = 1 + ((copy * 7919) % maxFlips);
      const file: HostileFile = {
        name,
        kind: name,
        bytes: flipBytes(bytes, flips, 1_000 * copy + flips),
        expect,
      };
      jobs.push(
        outcomeOf(pool.extract(file.bytes, { key: String(copy % 4) })).then((o) => count(tally, o, expect)),
      );
    }
    await Promise.all(jobs.splice(0));
  }
  return tally;
}

console.log("");
console.log(`bit flips in the ${committedFixtures().length} committed fixtures`);
header();
const committed = await flipped("as committed, 1–100 flips", COPIES, 100, false);
line(`as committed, 1–100 flips ×${COPIES}`, committed);
if (PLAIN_COPIES > 0) {
  line(`uncompressed, 1–100 flips ×${PLAIN_COPIES}`, await flipped("uncompressed", PLAIN_COPIES, 100, true));
  line(`uncompressed, 1–3 flips ×${PLAIN_COPIES}`, await flipped("uncompressed few", PLAIN_COPIES, 3, true));
}
await pool.close();
console.log("");
console.log(
  `hostile: tried=${total.tried} clean=${total.clean} warned=${total.warned} wrong=${total.wrong} hung=${total.hung} peak_mb=${Math.max(...peaks).toFixed(0)} bomb_s_max=${Math.max(...bombSeconds).toFixed(2)} changed_under_load=${changed.length} · flips: tried=${committed.tried} read=${committed.accepted} wrong=${committed.wrong} (load average ${loadavg()[0]?.toFixed(1)})`,
);
