// npm run bench:ingest — per-scan ingest latency (raw → bronze → models → result, charts excluded) with a
// database holding 50 members × 50 scans, and backfill throughput for 1,000 generated PDFs.
// Uses the embedded Postgres in a temp dir, or DATABASE_URL when set (a scratch database is created there).
import { randomBytes } from "node:crypto";
import { buildCore } from "../src/compose-core.ts";
import { connect } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { resolveMember } from "../src/db/queries/people.ts";
import { cagedScanExtractor } from "../src/extract/scan-extractor.ts";
import { createLogger } from "../src/log.ts";
import { renderScanPdf } from "../test/fixtures/evolt-sheet.ts";
import { followUp, makeScanSheet, type PersonInput } from "../test/fixtures/person.ts";
import { makeRecord } from "../test/support/records.ts";
import { percentile } from "./percentile.ts";
import { scratchDatabase } from "./scratch-database.ts";

const MEMBERS = 50;
const SCANS_PER_MEMBER = 50;
const MEASURED_INGESTS = Number(process.env.BENCH_INGESTS ?? 100);
const BACKFILL_FILES = Number(process.env.BENCH_BACKFILL ?? 1000);

function person(i: number): PersonInput {
  return {
    sex: i % 3 === 0 ? "female" : "male",
    age: 22 + (i % 40),
    heightCm: 160 + (i % 30),
    weightKg: 60 + (i % 45),
    bodyFatPct: 14 + (i % 20),
    scannedAt: "2024-01-08T07:30",
    name: `MEMBER ${i}`,
    seed: i,
  };
}

async function main() {
  const db = await scratchDatabase();
  const { sql } = connect(db.url);
  try {
    await migrate(sql);
    const log = createLogger("silent");
    const core = await buildCore(
      { sql, url: db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      log,
      { extractor: cagedScanExtractor({ whenFull: "wait" }), now: () => new Date() },
    );

    // seed 50 × 50 scans straight into bronze (canonical records), then one full refresh
    const seedStart = performance.now();
    for (let m = 0; m < MEMBERS; m++) {
      const member = await resolveMember(sql, {
        platform: "bench",
        userId: String(m),
        displayName: `Member ${m}`,
      });
      const [g] = await sql<{ id: number }[]>`
        insert into app.groups (platform, platform_chat_id, title) values ('bench', ${String(m % 5)}, ${`Group ${m % 5}`})
        on conflict (platform, platform_chat_id) do update set title = excluded.title returning id::int`;
      await sql`insert into app.memberships (group_id, member_id) values (${g!.id}, ${member.id}) on conflict do nothing`;
      const rows = [];
      for (let s = 0; s < SCANS_PER_MEMBER; s++) {
        const day = new Date(Date.UTC(2022, 0, 3 + s * 14, 7, 30)).toISOString().slice(0, 16);
        const record = makeRecord({
          scannedAt: day,
          weightKg: 70 + (m % 30) - s * 0.1,
          fatPct: 25 - s * 0.1,
        });
        const sha = randomBytes(32).toString("hex");
        rows.push({ sha, record });
      }
      for (const { sha, record } of rows) {
        await sql`insert into bronze.raw_files (sha256, bytes, size_bytes) values (${sha}, ${Buffer.from("x")}, 1)`;
        await sql`insert into bronze.scan_reports (raw_sha256, member_id, parser_version, status, payload, scanned_at, source_platform, group_id)
                  values (${sha}, ${member.id}, '1.0.0', 'accepted', ${JSON.stringify(record)}::jsonb, ${record.scanned_at}, 'bench', ${g!.id})`;
      }
    }
    const refresh = await core.runPipeline([], true);
    console.log(
      Object.entries(refresh.timings)
        .map(([k, v]) => `${k} ${v.toFixed(0)}ms`)
        .join(", "),
    );
    console.log(
      `seeded ${MEMBERS * SCANS_PER_MEMBER} scans in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; full refresh ${refresh.ms.toFixed(0)} ms`,
    );

    // per-scan latency: real PDFs (pre-rendered) for existing members
    const pdfs: { bytes: Uint8Array; member: number }[] = [];
    for (let i = 0; i < MEASURED_INGESTS; i++) {
      const p = followUp(person(i), { days: 800 + i, fatKgChange: -1, leanKgChange: 0.3 });
      pdfs.push({ bytes: await renderScanPdf(makeScanSheet(p)), member: i % MEMBERS });
    }
    const latencies: number[] = [];
    if (process.env.BENCH_PROFILE) {
      const one = await core.runPipeline([1]);
      console.log(
        "incremental:",
        Object.entries(one.timings)
          .map(([k, v]) => `${k} ${v.toFixed(0)}ms`)
          .join(", "),
      );
    }
    for (const { bytes, member } of pdfs) {
      const started = performance.now();
      const outcome = await core.ingestScan({
        bytes,
        fileName: "scan.pdf",
        mimeType: "application/pdf",
        platform: "bench",
        sender: { platform: "bench", userId: String(member), displayName: `Member ${member}` },
      });
      latencies.push(performance.now() - started);
      if (outcome.kind !== "accepted") throw new Error(`unexpected ${outcome.kind}`);
    }
    console.log(
      `per-scan ingest (${MEASURED_INGESTS} scans into ${MEMBERS}×${SCANS_PER_MEMBER}): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (target p95 ≤ 60 ms)`,
    );

    // backfill throughput: 1,000 pre-rendered PDFs through the same path, as `pump ingest` does
    const backfill: { bytes: Uint8Array; member: number }[] = [];
    for (let i = 0; i < BACKFILL_FILES; i++) {
      const base = person(1000 + (i % 20));
      const p = followUp(base, { days: 7 * Math.floor(i / 20) + 1, fatKgChange: -0.01 * i, leanKgChange: 0 });
      backfill.push({ bytes: await renderScanPdf(makeScanSheet(p)), member: 1000 + (i % 20) });
    }
    const started = performance.now();
    let accepted = 0;
    await core.backfillScans(
      backfill.map(({ bytes, member }) => ({
        bytes,
        fileName: null,
        mimeType: "application/pdf",
        platform: "bench",
        sender: { platform: "bench", userId: String(member), displayName: `Member ${member}` },
      })),
      (outcome) => {
        if (outcome.kind === "recorded") accepted++;
      },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `backfill: ${accepted}/${BACKFILL_FILES} accepted in ${seconds.toFixed(1)} s = ${(BACKFILL_FILES / seconds).toFixed(0)} scans/s (target ≥ 50/s)`,
    );
    await core.close();
  } finally {
    await sql.end();
    if (process.env.BENCH_KEEP) console.log(`kept ${db.url}`);
    else await db.cleanup();
  }
}

await main();
