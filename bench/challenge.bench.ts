// npm run bench:challenge — what a running challenge costs: per-scan ingest latency (the group's challenge
// board and Challenge rows are rebuilt with the other group models) with 40 entrants × 12 weekly scans, the
// live `/challenge` status, and the finish (podium image + a private result per entrant, to a notifier that
// only counts). Uses the embedded Postgres in a temp dir, or DATABASE_URL when set (a scratch database).

import { buildCore } from "../src/compose-core.ts";
import { connect } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { createChallengeJobs } from "../src/jobs/challenge-finish.ts";
import { createLogger } from "../src/log.ts";
import type { Notifier } from "../src/use-cases/notifier.ts";
import { makeRecord, recordBytes, recordExtractor } from "../test/support/records.ts";
import { percentile } from "./percentile.ts";
import { scratchDatabase } from "./scratch-database.ts";

const ENTRANTS = Number(process.env.BENCH_ENTRANTS ?? 40);
const WEEKS = 12;

const db = await scratchDatabase();
const { sql } = connect(db.url, 4);
let now = new Date("2026-03-01T09:00:00Z");
try {
  await migrate(sql);
  const log = createLogger("silent");
  const core = await buildCore({ sql, url: db.url, close: async () => {} }, { defaultTimeZone: "UTC" }, log, {
    extractor: recordExtractor(),
    now: () => now,
  });
  const place = { kind: "group" as const, platform: "telegram", chatId: "-1", title: "Bench Gym" };
  await core.services.startChallenge({ place, words: `"Bench Cut" 2026-03-02 ${WEEKS}w` });
  const actor = (i: number) => ({ platform: "telegram", userId: String(i), displayName: `Entrant ${i}` });
  for (let i = 0; i < ENTRANTS; i++) await core.services.joinChallenge({ actor: actor(i), place });

  const ingestMs: number[] = [];
  let message = 0;
  for (let week = 0; week < WEEKS; week++) {
    for (let i = 0; i < ENTRANTS; i++) {
      const at = new Date(Date.UTC(2026, 2, 3 + week * 7, 7, i % 50)).toISOString().slice(0, 16);
      const record = makeRecord({
        name: `Entrant ${i}`,
        scannedAt: at,
        weightKg: 70 + (i % 25) - week * 0.3,
        fatPct: 28 - week * 0.2 - (i % 5) * 0.1,
      });
      const started = performance.now();
      const outcome = await core.ingestScan({
        bytes: recordBytes(record),
        fileName: "scan.pdf",
        mimeType: "application/pdf",
        platform: "telegram",
        sender: actor(i),
        group: { platform: "telegram", chatId: place.chatId, title: place.title },
        chatId: place.chatId,
        messageId: String(++message),
      });
      ingestMs.push(performance.now() - started);
      if (outcome.kind !== "accepted") throw new Error(`scan ${outcome.kind}`);
    }
  }
  now = new Date("2026-05-20T09:00:00Z");
  const statusMs: number[] = [];
  for (let n = 0; n < 20; n++) {
    const started = performance.now();
    await core.services.challengeStatus({ place });
    statusMs.push(performance.now() - started);
  }
  let posted = 0;
  const counting: Notifier = {
    platform: "telegram",
    deliverScan: async () => "sent",
    postToGroup: async () => {
      posted += 1;
      return "sent";
    },
    postToUser: async () => {
      posted += 1;
      return "sent";
    },
  };
  const jobs = createChallengeJobs({ ...core, notifiers: [counting] });
  now = new Date("2026-05-25T00:05:00Z");
  const finishStart = performance.now();
  await jobs.tick();
  const finishMs = performance.now() - finishStart;
  console.log(`entrants ${ENTRANTS}, scans ${ENTRANTS * WEEKS}, posts ${posted}`);
  console.log(
    `challenge: ingest_p50_ms=${percentile(ingestMs, 50).toFixed(0)} ingest_p95_ms=${percentile(ingestMs, 95).toFixed(0)} · status_p95_ms=${percentile(statusMs, 95).toFixed(0)} · finish_ms=${finishMs.toFixed(0)}`,
  );
  await core.close();
} finally {
  await sql.end({ timeout: 5 });
  await db.cleanup();
}
