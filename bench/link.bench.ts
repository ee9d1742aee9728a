// npm run bench:link — what /link and /unlink cost with a database of 50 people × 50 scans on Telegram, each
// with a Discord account holding 10 more: the incremental model run of one member before and after the merge,
// `/link CODE` (spend the code, merge, run the models for both), and /unlink.
import { randomBytes } from "node:crypto";
import { buildCore } from "../src/compose-core.ts";
import { connect } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { resolveMember } from "../src/db/queries/people.ts";
import { createLogger } from "../src/log.ts";
import { makeRecord, recordExtractor } from "../test/support/records.ts";
import { percentile } from "./percentile.ts";
import { scratchDatabase } from "./scratch-database.ts";

const PEOPLE = 50;
const TELEGRAM_SCANS = 50;
const DISCORD_SCANS = 10;

const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;

const accounts = (i: number) => ({
  tg: { platform: "telegram", userId: String(i), displayName: `Person ${i}` },
  dc: { platform: "discord", userId: `d${i}`, displayName: `Person ${i}` },
});

async function main() {
  const db = await scratchDatabase();
  const { sql } = connect(db.url);
  try {
    await migrate(sql);
    const core = await buildCore(
      { sql, url: db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      createLogger("silent"),
      { extractor: recordExtractor(), now: () => new Date() },
    );
    const memberIds: number[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      for (const [actor, scans, firstDay] of [
        [accounts(i).tg, TELEGRAM_SCANS, 0],
        [accounts(i).dc, DISCORD_SCANS, TELEGRAM_SCANS * 14],
      ] as const) {
        const member = await resolveMember(sql, actor);
        if (actor.platform === "telegram") memberIds.push(member.id);
        for (let s = 0; s < scans; s++) {
          const day = new Date(Date.UTC(2022, 0, 3 + firstDay + s * 14, 7, 30)).toISOString().slice(0, 16);
          const record = makeRecord({
            scannedAt: day,
            weightKg: 70 + (i % 30) - s * 0.1,
            fatPct: 25 - s * 0.1,
          });
          const sha = randomBytes(32).toString("hex");
          await sql`insert into bronze.raw_files (sha256, bytes, size_bytes) values (${sha}, ${Buffer.from("x")}, 1)`;
          await sql`insert into bronze.scan_reports (raw_sha256, member_id, parser_version, status, payload, scanned_at, source_platform)
                    values (${sha}, ${member.id}, '1.0.0', 'accepted', ${JSON.stringify(record)}::jsonb, ${record.scanned_at}, ${actor.platform})`;
        }
      }
    }
    await core.runPipeline([], true);

    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const before: number[] = [];
    for (const id of memberIds) before.push(await timed(() => core.runPipeline([id])));
    console.log(`incremental model run for one member, unlinked: ${summary(before)}`);

    const links: number[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const { tg, dc } = accounts(i);
      const code = await core.services.requestLinkCode({ actor: dc });
      if (code.kind !== "code") throw new Error(code.kind);
      links.push(
        await timed(async () => {
          const r = await core.services.linkAccounts({ actor: tg, codeText: code.code });
          if (r.kind !== "linked") throw new Error(r.kind);
        }),
      );
    }
    console.log(`/link CODE (spend, merge, models for both): ${summary(links)}`);

    const after: number[] = [];
    for (const id of memberIds) after.push(await timed(() => core.runPipeline([id])));
    console.log(
      `incremental model run for one linked person (${TELEGRAM_SCANS + DISCORD_SCANS} scans): ${summary(after)}`,
    );

    const unlinks: number[] = [];
    for (let i = 0; i < PEOPLE; i++)
      unlinks.push(await timed(() => core.services.unlinkAccount({ actor: accounts(i).dc })));
    console.log(`/unlink (split, models for both): ${summary(unlinks)}`);
    await core.close();
  } finally {
    await sql.end();
    await db.cleanup();
  }
}

await main();
