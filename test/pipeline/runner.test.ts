import { describe, expect, it } from "vitest";
import { discoverModels, discoverTests } from "../../pipeline/models.ts";
import { createPipeline, PipelineTestFailed } from "../../pipeline/runner.ts";
import { buildCore } from "../../src/compose-core.ts";
import { PARSER_VERSION } from "../../src/extract/read-sheet.ts";
import { createLogger } from "../../src/log.ts";
import { FIXED_NOW, useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes, recordExtractor } from "../support/records.ts";

// versions newer than the one the test core reads with
const major = Number(PARSER_VERSION.split(".")[0]);
const BUMPED = `${major + 1}.0.0`;
const BUMPED_AGAIN = `${major + 2}.0.0`;

const sender = (id: number) => ({ platform: "telegram", userId: String(id), displayName: `Member ${id}` });
const group = { platform: "telegram", chatId: "-1", title: "Crew" };

describe("model discovery", () => {
  it("finds every model with its grain, silver before gold, each after what it reads", () => {
    const models = discoverModels();
    const order = models.map((m) => m.relation);
    expect(models.every((m) => m.grain.startsWith("one row per"))).toBe(true);
    const lastSilver = Math.max(
      ...models.filter((m) => m.schema === "silver").map((m) => order.indexOf(m.relation)),
    );
    const firstGold = Math.min(
      ...models.filter((m) => m.schema === "gold").map((m) => order.indexOf(m.relation)),
    );
    expect(lastSilver).toBeLessThan(firstGold);
    for (const model of models) {
      for (const dep of model.dependsOn)
        expect(order.indexOf(dep)).toBeLessThan(order.indexOf(model.relation));
    }
    expect(models.find((m) => m.relation === "gold.member_progress")!.dependsOn).toEqual(
      expect.arrayContaining(["silver.scans", "gold.metric_noise"]),
    );
    expect(discoverTests().length).toBeGreaterThan(3);
  });
});

describe("pipeline runs", () => {
  const t = useTestCore();

  it("20 parallel ingests of distinct files plus one file 5 times end as exactly the distinct scans", async () => {
    const distinct = Array.from({ length: 20 }, (_, i) =>
      makeRecord({
        scannedAt: `2026-04-${String(i + 1).padStart(2, "0")}T08:00`,
        weightKg: 80 - i * 0.2,
        fatPct: 22,
      }),
    );
    const repeated = makeRecord({ scannedAt: "2026-05-01T08:00", weightKg: 75, fatPct: 20 });
    const jobs = [
      ...distinct.map((r, i) => ({ record: r, member: (i % 4) + 1 })),
      ...Array.from({ length: 5 }, () => ({ record: repeated, member: 9 })),
    ];
    const outcomes = await Promise.all(
      jobs.map(({ record, member }) =>
        t.current.ingestScan({
          bytes: recordBytes(record),
          fileName: null,
          mimeType: null,
          platform: "telegram",
          sender: sender(member),
          group,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.kind === "accepted")).toHaveLength(21);
    expect(outcomes.filter((o) => o.kind === "duplicate")).toHaveLength(4);
    const [count] = await t.current.sql<{ n: number }[]>`select count(*)::int as n from silver.scans`;
    expect(count!.n).toBe(21);
  });

  it("a failing SQL test rolls back and leaves the published gold untouched", async () => {
    const before = await t.current.sql`select * from gold.member_progress order by scan_id`;
    const failing = createPipeline(t.current.sql, {
      tests: [
        ...discoverTests(),
        { name: "always_fails", sql: "select 1::bigint as member_id", key: "member_id" },
      ],
    });
    await t.current.sql`delete from app.voided_scans`;
    await t.current.sql`insert into app.voided_scans (scan_report_id, reason)
                        select id, 'test' from bronze.scan_reports order by id limit 3`;
    await expect(failing.run({ fullRefresh: true, now: FIXED_NOW })).rejects.toBeInstanceOf(
      PipelineTestFailed,
    );
    await expect(failing.run({ memberIds: [1, 2], now: FIXED_NOW })).rejects.toThrow(/always_fails/);
    expect(await t.current.sql`select * from gold.member_progress order by scan_id`).toEqual(before);
    await t.current.sql`delete from app.voided_scans`;
  });

  it("reprocess after a parser version bump adds new bronze rows but keeps one scan per file, same ids", async () => {
    const idsBefore = await t.current.sql<
      { scan_id: string }[]
    >`select scan_id from silver.scans order by scan_id`;
    const bumped = await buildCore(
      { sql: t.db.sql, url: t.db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      createLogger("silent"),
      { extractor: recordExtractor({ parserVersion: BUMPED }), now: () => FIXED_NOW },
    );
    const report = await bumped.reprocess();
    expect(report.accepted).toBe(21);
    expect(report.unchanged).toBe(0);
    const [versions] = await t.current.sql<{ n: number }[]>`
      select count(distinct parser_version)::int as n from bronze.scan_reports`;
    expect(versions!.n).toBe(2);
    const idsAfter = await t.current.sql<{ scan_id: string; parser_version: string }[]>`
      select scan_id, parser_version from silver.scans order by scan_id`;
    expect(idsAfter.map((r) => r.scan_id)).toEqual(idsBefore.map((r) => r.scan_id));
    expect(new Set(idsAfter.map((r) => r.parser_version))).toEqual(new Set([BUMPED]));
    expect((await bumped.reprocess()).unchanged).toBe(21);
  });

  it("a scan a member said is not theirs stays out, whichever parser version reads the file", async () => {
    const record = makeRecord({
      scannedAt: "2026-05-20T09:00",
      weightKg: 90,
      fatPct: 30,
      name: "SOMEONE ELSE",
    });
    const out = await t.current.ingestScan({
      bytes: recordBytes(record),
      fileName: null,
      mimeType: null,
      platform: "telegram",
      sender: sender(7),
      group,
    });
    expect(out.kind).toBe("accepted");
    if (out.kind !== "accepted") return;
    const inSilver = async () =>
      (await t.current.sql`select 1 from silver.scans where scan_id = ${out.scanId}`).length;
    const answer = await t.current.services.confirmScanOwner({
      actor: sender(7),
      scanReportId: out.scanReportId,
      mine: false,
    });
    expect(answer).toBe("removed");
    expect(await inSilver()).toBe(0);

    const bumped = await buildCore(
      { sql: t.db.sql, url: t.db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      createLogger("silent"),
      { extractor: recordExtractor({ parserVersion: BUMPED_AGAIN }), now: () => FIXED_NOW },
    );
    await bumped.reprocess();
    expect(await inSilver()).toBe(0);
  });
});
