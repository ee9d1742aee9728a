// What happens around a scan when things go wrong: a transform that failed, a sheet sent by the wrong
// person, a reader that crashed, a file dropped in a group that is not a scan.
import { describe, expect, it } from "vitest";
import { buildCore } from "../../src/compose-core.ts";
import { ScanRejectedError } from "../../src/domain/scan-record.ts";
import { createLogger } from "../../src/log.ts";
import { createIngestScan, MAX_KEPT_BYTES } from "../../src/use-cases/ingest-scan.ts";
import type { ScanExtractor } from "../../src/use-cases/ports.ts";
import { FIXED_NOW, useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes, recordExtractor } from "../support/records.ts";

const ana = { platform: "telegram", userId: "601", displayName: "Ana" };
const bob = { platform: "telegram", userId: "602", displayName: "Bob" };
const group = { platform: "telegram", chatId: "-600", title: "Crew" };

describe("ingest edge cases", () => {
  const t = useTestCore();
  const scansOf = async (userId: string) =>
    t.current.sql<{ scan_id: string }[]>`
      select s.scan_id from silver.scans s join app.identities i on i.member_id = s.member_id
      where i.platform_user_id = ${userId}`;
  const ingest = (sender: typeof ana, bytes: Uint8Array, core = t.current) =>
    core.ingestScan({ bytes, fileName: null, mimeType: null, platform: "telegram", sender, group });
  const coreWith = (extractor: ScanExtractor) =>
    buildCore(
      { sql: t.db.sql, url: t.db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      createLogger("silent"),
      { extractor, now: () => FIXED_NOW },
    );

  it("a scan whose transform failed is published when it is sent again, not called a duplicate", async () => {
    const bytes = recordBytes(
      makeRecord({ scannedAt: "2026-04-01T08:00", weightKg: 70, fatPct: 25, name: "ANA" }),
    );
    let databaseHiccup = true;
    const { ingestScan } = createIngestScan({
      sql: t.current.sql,
      log: createLogger("silent"),
      extractor: recordExtractor(),
      runPipeline: async (ids) => {
        if (databaseHiccup) {
          databaseHiccup = false;
          throw new Error("the database went away mid-transform");
        }
        return t.current.runPipeline(ids);
      },
      published: async () => {},
      now: () => FIXED_NOW,
    });
    const send = () =>
      ingestScan({ bytes, fileName: null, mimeType: null, platform: "telegram", sender: ana, group });
    await expect(send()).rejects.toThrow(/went away/);
    expect(await scansOf("601")).toHaveLength(0);

    const again = await send();
    expect(again.kind).toBe("accepted");
    expect(await scansOf("601")).toHaveLength(1);
    expect((await send()).kind).toBe("duplicate");
  });

  it("the real owner can add a sheet that someone else sent and said was not theirs", async () => {
    const sheet = recordBytes(
      makeRecord({ scannedAt: "2026-04-02T09:00", weightKg: 90, fatPct: 28, name: "BOB" }),
    );
    const wrong = await ingest(ana, sheet);
    if (wrong.kind !== "accepted") throw new Error(`expected accepted, got ${wrong.kind}`);
    expect(
      await t.current.services.confirmScanOwner({
        actor: ana,
        scanReportId: wrong.scanReportId,
        mine: false,
      }),
    ).toBe("removed");
    const right = await ingest(bob, sheet);
    expect(right.kind).toBe("accepted");
    expect(await scansOf("602")).toHaveLength(1);
    expect((await scansOf("601")).map((r) => r.scan_id)).not.toContain(
      right.kind === "accepted" ? right.scanId : "",
    );
  });

  it("a file that is not a scan does not make its sender a member of the group", async () => {
    const cleo = { platform: "telegram", userId: "603", displayName: "Cleo" };
    const reader = await coreWith({
      ...recordExtractor(),
      extract: async () => {
        throw new TypeError("reader bug on an odd sheet");
      },
    });
    const out = await ingest(cleo, new TextEncoder().encode("%PDF-1.4 not really"), reader);
    expect(out).toMatchObject({ kind: "rejected", code: "unsupported_layout" });
    const members = await t.current.sql`
      select 1 from app.memberships ms join app.identities i on i.member_id = ms.member_id
      where i.platform_user_id = '603'`;
    expect(members).toHaveLength(0);
    // the crash is on record, so a parser fix re-reads the file and /forget can delete it
    const reports = await t.current.sql`
      select r.error_code from bronze.scan_reports r join app.identities i on i.member_id = r.member_id
      where i.platform_user_id = '603'`;
    expect(reports.map((r) => r.error_code)).toEqual(["unsupported_layout"]);
  });

  it("a file too large to keep is recorded by its size and code, not its bytes, and reprocess passes it by", async () => {
    const dora = { platform: "telegram", userId: "604", displayName: "Dora" };
    const huge = new Uint8Array(MAX_KEPT_BYTES + 1);
    let hugeReads = 0;
    const counting = await coreWith({
      ...recordExtractor(),
      extract: async (bytes) => {
        // the huge file itself, or its missing bytes read as an empty file
        if (bytes.byteLength === 0 || bytes.byteLength > MAX_KEPT_BYTES) hugeReads++;
        throw new ScanRejectedError("not_evolt_report");
      },
    });
    expect(await ingest(dora, huge, counting)).toMatchObject({ kind: "rejected", code: "too_large" });
    expect(await ingest(dora, huge, counting)).toMatchObject({ kind: "rejected", code: "too_large" });
    const [file] = await t.current.sql`
      select f.bytes is null as "noBytes", f.size_bytes as size, count(r.id)::int as reports
      from bronze.raw_files f join bronze.scan_reports r on r.raw_sha256 = f.sha256
      join app.identities i on i.member_id = r.member_id and i.platform_user_id = '604'
      group by f.sha256`;
    expect(file).toEqual({ noBytes: true, size: MAX_KEPT_BYTES + 1, reports: 1 });
    await counting.reprocess();
    expect(hugeReads).toBe(0);
  });
});
