// npm run bench:scale [-- --2m] — does a scan cost the same on day 1000 as on day 1 (issue 17)?
// Builds synthetic history straight into the real schema (each member 100 weekly scans, 40 members per
// group): 20 k scans, grown to 200 k (and to 2 M with --2m), and at each size measures per-scan ingest
// (raw → bronze → models → reply data; canonical records through the extractor port, so no PDF parse and
// no chart — bench:extract measures those), the incremental run per model, a full refresh (built beside
// and swapped), an ingest's latency while maintenance runs (a full refresh, the hourly clock refresh),
// the slowest read meanwhile, start-up before ready, and /progress, /leaderboard data p95 when quiet.
// BENCH_DATABASE_URL or DATABASE_URL (an admin URL) → database bench_scale_scale there (made again each run,
// dropped after it); neither → an embedded server in a temp dir.
import type { Sql } from "postgres";
import { buildCore, type Core } from "../src/compose-core.ts";
import { connect } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { getGroup, getMember } from "../src/db/queries/people.ts";
import { createLogger } from "../src/log.ts";
import { loadLeaderboard } from "../src/use-cases/get-leaderboard.ts";
import { loadProgress } from "../src/use-cases/get-progress.ts";
import { makeRecord, recordBytes, recordExtractor } from "../test/support/records.ts";
import { writeSyntheticHistory } from "../test/support/synthetic-history.ts";
import { percentile } from "./percentile.ts";
import { scratchDatabase } from "./scratch-database.ts";

const MEMBERS_PER_GROUP = 40;
const SCANS_PER_MEMBER = 100;
const SCANS_PER_GROUP = MEMBERS_PER_GROUP * SCANS_PER_MEMBER;
const QUIET_INGESTS = Number(process.env.BENCH_INGESTS ?? 40);
const READS = 60;
const DATABASE = "bench_scale_scale";

const sizes: { label: string; scans: number }[] = [
  { label: "20k", scans: 20_000 },
  { label: "200k", scans: 200_000 },
  ...(process.argv.includes("--2m") ? [{ label: "2m", scans: 2_000_000 }] : []),
];

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

interface SizeResult {
  label: string;
  ingestP50: number;
  ingestP95: number;
  perModel: Record<string, number>;
  fullRefresh: number;
  ingestDuringRefresh: number;
  ingestDuringClock: number;
  slowestReadDuringRefresh: number;
  startup: number;
  progressP95: number;
  leaderboardP95: number;
  databaseSize: string;
}

function openCore(sql: Sql, url: string): Promise<Core> {
  return buildCore(
    { sql, url, close: async () => {} },
    { defaultTimeZone: "UTC" },
    createLogger("silent"),
    { extractor: recordExtractor(), now: () => new Date() },
    { catchUpInBackground: true },
  );
}

/** One new scan for a member, a day after now so it is their latest. */
let ingestCounter = 0;
async function ingestOne(core: Core, memberId: number, groupId: number): Promise<number> {
  ingestCounter++;
  const at = new Date(Date.now() + ingestCounter * 60_000).toISOString().slice(0, 16);
  const record = makeRecord({ scannedAt: at, weightKg: 80 - (ingestCounter % 10) * 0.1, fatPct: 24.5 });
  const started = performance.now();
  const outcome = await core.ingestScan({
    bytes: recordBytes(record),
    fileName: null,
    mimeType: null,
    platform: "bench",
    memberId,
    groupId,
  });
  if (outcome.kind !== "accepted") throw new Error(`ingest was ${outcome.kind}`);
  return performance.now() - started;
}

/** Runs `ingest`/`read` in turn until `maintenance` settles; the slowest of each. */
async function whileRunning(
  maintenance: Promise<unknown>,
  ingest: () => Promise<number>,
  read: () => Promise<number>,
): Promise<{ ingest: number; read: number; ingests: number }> {
  let done = false;
  const finished = maintenance.finally(() => {
    done = true;
  });
  let slowestIngest = 0;
  let slowestRead = 0;
  let ingests = 0;
  do {
    slowestIngest = Math.max(slowestIngest, await ingest());
    slowestRead = Math.max(slowestRead, await read());
    ingests++;
  } while (!done);
  await finished;
  return { ingest: slowestIngest, read: slowestRead, ingests };
}

async function measure(core: Core, sql: Sql, label: string, groupIds: number[]): Promise<SizeResult> {
  const memberIn = async (groupId: number, n: number) => {
    const [row] = await sql<{ id: number }[]>`
      select member_id::int as id from app.memberships where group_id = ${groupId} order by member_id offset ${n} limit 1`;
    return row!.id;
  };
  const pick = (i: number) => groupIds[(i * 7919) % groupIds.length]!;
  const targets = await Promise.all(
    Array.from({ length: QUIET_INGESTS }, async (_, i) => ({
      group: pick(i),
      member: await memberIn(pick(i), i % MEMBERS_PER_GROUP),
    })),
  );

  // warm: one ingest and one of each read
  await ingestOne(core, targets[0]!.member, targets[0]!.group);
  const latencies: number[] = [];
  const perModel: Record<string, number[]> = {};
  for (const { member, group } of targets) {
    latencies.push(await ingestOne(core, member, group));
    const report = await core.runPipeline([member]);
    for (const [model, t] of Object.entries(report.timings)) {
      perModel[model] = [...(perModel[model] ?? []), t];
    }
  }

  const readProgress = async (memberId: number) => {
    const member = (await getMember(sql, memberId))!;
    const started = performance.now();
    await loadProgress(sql, member, "all", new Date().toISOString().slice(0, 10));
    return performance.now() - started;
  };
  const readBoard = async (groupId: number) => {
    const group = (await getGroup(sql, groupId))!;
    const started = performance.now();
    await loadLeaderboard(sql, group, "composite", "30d");
    return performance.now() - started;
  };
  const progressTimes: number[] = [];
  const boardTimes: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = targets[i % targets.length]!;
    progressTimes.push(await readProgress(t.member));
    boardTimes.push(await readBoard(t.group));
  }

  let n = 0;
  const nextIngest = () => {
    const t = targets[n++ % targets.length]!;
    return ingestOne(core, t.member, t.group);
  };
  const nextRead = () => readProgress(targets[n % targets.length]!.member);

  const refreshStarted = performance.now();
  let refreshMs = 0;
  const refresh = core.runPipeline([], true).then((r) => {
    refreshMs = performance.now() - refreshStarted;
    return r;
  });
  const duringRefresh = await whileRunning(refresh, nextIngest, nextRead);

  const clockGroups = groupIds.slice(0, Math.min(groupIds.length, 20));
  const clock = (async () => {
    for (const g of clockGroups) await core.refreshClock(g);
  })();
  const duringClock = await whileRunning(clock, nextIngest, nextRead);

  const startupStarted = performance.now();
  const second = await openCore(sql, core.database.url);
  const startup = performance.now() - startupStarted;
  await second.catchingUp;

  const [size] = await sql<
    { size: string }[]
  >`select pg_size_pretty(pg_database_size(current_database())) as size`;
  const quietP50 = percentile(latencies, 50);
  console.log(
    `  ${label}: ${duringRefresh.ingests} ingests during the full refresh, ${duringClock.ingests} during the clock refresh of ${clockGroups.length} groups`,
  );
  return {
    label,
    ingestP50: quietP50,
    ingestP95: percentile(latencies, 95),
    perModel: Object.fromEntries(Object.entries(perModel).map(([k, v]) => [k, percentile(v, 50)])),
    fullRefresh: refreshMs,
    ingestDuringRefresh: duringRefresh.ingest,
    ingestDuringClock: duringClock.ingest,
    slowestReadDuringRefresh: duringRefresh.read,
    startup,
    progressP95: percentile(progressTimes, 95),
    leaderboardP95: percentile(boardTimes, 95),
    databaseSize: size!.size,
  };
}

function printTable(results: SizeResult[]): void {
  const row = (name: string, cell: (r: SizeResult) => string) =>
    console.log(`| ${name} | ${results.map(cell).join(" | ")} |`);
  console.log(`\n| scans | ${results.map((r) => r.label).join(" | ")} |`);
  console.log(`| --- | ${results.map(() => "---").join(" | ")} |`);
  row("per-scan ingest p50 / p95 (warm, in process)", (r) => `${ms(r.ingestP50)} / ${ms(r.ingestP95)}`);
  const models = Object.keys(results[0]!.perModel).filter((m) => !m.startsWith("test "));
  for (const model of models)
    row(`of which \`${model}\` (incremental, p50)`, (r) => ms(r.perModel[model] ?? 0));
  row("of which the scoped SQL tests (p50, together)", (r) =>
    ms(
      Object.entries(r.perModel)
        .filter(([m]) => m.startsWith("test "))
        .reduce((a, [, v]) => a + v, 0),
    ),
  );
  row("full refresh (built beside, then swapped)", (r) => ms(r.fullRefresh));
  row("slowest ingest during a full refresh", (r) => ms(r.ingestDuringRefresh));
  row("slowest ingest during the clock refresh", (r) => ms(r.ingestDuringClock));
  row("slowest /progress read during a full refresh", (r) => ms(r.slowestReadDuringRefresh));
  row("start-up before ready", (r) => ms(r.startup));
  row("/progress, /leaderboard data p95 (quiet)", (r) => `${ms(r.progressP95)} / ${ms(r.leaderboardP95)}`);
  row("database size", (r) => r.databaseSize);
}

async function main() {
  const db = await scratchDatabase({
    adminUrl: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL,
    name: DATABASE,
  });
  const { sql } = connect(db.url);
  const results: SizeResult[] = [];
  try {
    await migrate(sql);
    const core = await openCore(sql, db.url);
    await core.catchingUp;
    const groupIds: number[] = [];
    for (const size of sizes) {
      const groups = size.scans / SCANS_PER_GROUP;
      const writing = performance.now();
      const written = await writeSyntheticHistory(sql, {
        groups: groups - groupIds.length,
        firstGroup: groupIds.length,
        membersPerGroup: MEMBERS_PER_GROUP,
        scansPerMember: SCANS_PER_MEMBER,
        now: new Date(),
      });
      groupIds.push(...written.groupIds);
      const build = await core.runPipeline([], true);
      console.log(
        `${size.label}: history written in ${ms(performance.now() - writing - build.ms)}, models built in ${ms(build.ms)}`,
      );
      results.push(await measure(core, sql, size.label, groupIds));
    }
    printTable(results);
    // an ingest's wait: its slowest latency during maintenance above its quiet median
    const wait = Math.max(
      ...results.map((r) => Math.max(r.ingestDuringRefresh, r.ingestDuringClock) - r.ingestP50),
      0,
    );
    const reads = Math.max(...results.map((r) => Math.max(r.progressP95, r.leaderboardP95)));
    const p95 = results.map((r) => `${r.label}=${Math.round(r.ingestP95)}`).join(" ");
    console.log(
      `scale: ingest_p95_ms ${p95} · maintenance_wait_ms=${Math.round(wait)} · read_p95_ms=${Math.round(reads)}`,
    );
    await core.close();
  } finally {
    await sql.end({ timeout: 5 });
    await db.cleanup();
  }
}

await main();
