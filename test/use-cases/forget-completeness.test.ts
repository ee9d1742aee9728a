// Nothing outlives /forget: after a member who sent every kind of file (accepted, the same file again, a
// re-export of a stored scan, rejected, too large, waiting for a busy reader, interrupted mid-read, and a copy
// someone else forwarded) is forgotten, no table of any schema — bronze, silver, gold, app, the job queue —
// nor the Sheet mirror holds their name, a sha256 of their files or a run of their files' bytes.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCore, type Core } from "../../src/compose-core.ts";
import { findGroup } from "../../src/db/queries/people.ts";
import { claimSummary } from "../../src/db/queries/summaries.ts";
import { ExtractorBusyError } from "../../src/domain/extractor-busy.ts";
import type { ScanRecord } from "../../src/domain/scan-record.ts";
import { createLogger } from "../../src/log.ts";
import { MAX_KEPT_BYTES } from "../../src/use-cases/ingest-scan.ts";
import type { ScanExtractor } from "../../src/use-cases/ports.ts";
import { csvSheet, googleSheet, useMirror, waitForDrain } from "../sheets/mirror-harness.ts";
import { FIXED_NOW, useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes, recordExtractor } from "../support/records.ts";
import { tablesHolding } from "../support/tables-holding.ts";

/** the job queue's tables too: payloads and outputs of jobs */
const WALKED = [
  "bronze.raw_files",
  "silver.scans",
  "gold.sheet_rows",
  "app.members",
  "jobs.queue",
  "jobs.archive",
];
const zora = { platform: "telegram", userId: "7701", displayName: "Zora Quist" };
/** Zora's Discord account, joined to her Telegram one by /link */
const zoraOnDiscord = { platform: "discord", userId: "77010", displayName: "Zora Quist" };
const bob = { platform: "telegram", userId: "7702", displayName: "Bob Brann" };
const group = { platform: "telegram", chatId: "-7700", title: "Forget Crew" };

const zoraAt = (scannedAt: string, weightKg: number) =>
  makeRecord({ name: "ZORA QUIST", scannedAt, weightKg, fatPct: 30, sex: "female" });
/** The same record written differently: another file of the same printed scan (a re-export). */
const reExport = (record: ScanRecord) =>
  new TextEncoder().encode(`TEST-RECORD:${JSON.stringify(record, null, 1)}`);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A run of a file's bytes that no other file has: around the name when it has one, else its start. */
function distinctiveRun(bytes: Uint8Array): string {
  const at = Buffer.from(bytes).indexOf("ZORA");
  return hex(bytes.subarray(Math.max(0, at), Math.max(0, at) + 48));
}

/** An extractor that starts reading and never finishes until released (a hang, or a crash mid-read). */
function hangingExtractor() {
  let release: (error: Error) => void = () => {};
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const extractor: ScanExtractor = {
    ...recordExtractor(),
    extract: () => {
      markStarted();
      return new Promise((_, reject) => {
        release = reject;
      });
    },
  };
  return { extractor, started, release: (error: Error) => release(error) };
}

describe.each([
  ["csv", csvSheet],
  ["google stand-in", googleSheet],
] as const)("/forget leaves nothing (Sheet: %s)", (_name, makeSheet) => {
  const t = useTestCore();
  const mirrored = useMirror(t, makeSheet);

  const send = (who: typeof zora, bytes: Uint8Array, core: Core = t.current, fileName = "scan.pdf") =>
    core.ingestScan({
      bytes,
      fileName,
      mimeType: "application/pdf",
      platform: who.platform,
      sender: who,
      group: who.platform === group.platform ? group : null,
      chatId: who.platform === group.platform ? group.chatId : who.userId,
      messageId: null,
    });
  const coreWith = (extractor: ScanExtractor) =>
    buildCore(
      { sql: t.db.sql, url: t.db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      createLogger("silent"),
      { extractor, now: () => FIXED_NOW, published: (ids) => t.published(ids) },
    );

  it("deletes every file the member sent, and every trace of their name", async () => {
    const first = recordBytes(zoraAt("2026-03-01T08:00", 70));
    const second = recordBytes(zoraAt("2026-04-01T08:00", 69));
    const again = reExport(zoraAt("2026-03-01T08:00", 70));
    const rejected = new TextEncoder().encode("%PDF-1.4 ZORA-REJECTED-SHEET 5e1f0c not a record");
    const oversized = new Uint8Array(MAX_KEPT_BYTES + 1024);
    oversized.set(new TextEncoder().encode("%PDF-1.7 ZORA-OVERSIZED-SHEET 91c2d7"));
    const waiting = recordBytes(zoraAt("2026-05-01T08:00", 68));
    const interrupted = recordBytes(zoraAt("2026-05-15T08:00", 67.5));
    const fromDiscord = recordBytes(zoraAt("2026-05-20T08:00", 67));
    const bobs = recordBytes(
      makeRecord({ name: "BOB BRANN", scannedAt: "2026-03-02T08:00", weightKg: 90, fatPct: 24 }),
    );

    expect((await send(zora, first)).kind).toBe("accepted");
    expect((await send(zora, second)).kind).toBe("accepted");
    expect(await send(zora, first)).toMatchObject({ kind: "duplicate", reason: "same_file" });
    expect(await send(zora, again)).toMatchObject({ kind: "duplicate", reason: "same_scan" });
    expect(await send(zora, rejected)).toMatchObject({ kind: "rejected", code: "unsupported_layout" });
    expect(await send(zora, oversized, t.current, "huge.pdf")).toMatchObject({
      kind: "rejected",
      code: "too_large",
    });
    const busy = await coreWith({
      ...recordExtractor(),
      extract: async () => {
        throw new ExtractorBusyError("zora");
      },
    });
    expect(await send(zora, waiting, busy)).toMatchObject({ kind: "busy" });
    const hanging = hangingExtractor();
    const stuck = send(zora, interrupted, await coreWith(hanging.extractor));
    await hanging.started;
    // Bob forwards one of Zora's scans, and sends his own
    expect(await send(bob, second)).toMatchObject({ kind: "duplicate", ownedByOther: true });
    expect((await send(bob, bobs)).kind).toBe("accepted");
    // a scan from her Discord account, which she then links to the Telegram one
    expect((await send(zoraOnDiscord, fromDiscord)).kind).toBe("accepted");
    const code = await t.current.services.requestLinkCode({ actor: zoraOnDiscord });
    if (code.kind !== "code") throw new Error(`expected a link code, got ${code.kind}`);
    expect(await t.current.services.linkAccounts({ actor: zora, codeText: code.code })).toMatchObject({
      kind: "linked",
    });
    // a weekly summary remembered the ranks it showed, by member id
    const zoraId = (
      await t.current.sql<{ id: number }[]>`
      select member_id::int as id from app.identities where platform_user_id = ${zora.userId}`
    )[0]!.id;
    const groupId = (await findGroup(t.current.sql, "telegram", group.chatId))!.id;
    await claimSummary(
      t.current.sql,
      {
        groupId,
        weekStart: "2026-05-25",
        scheduledFor: FIXED_NOW,
        late: false,
        ranks: { metric: "composite", period: "challenge", ranks: { [zoraId]: 1, 999999: 2 } },
      },
      FIXED_NOW,
    );
    await waitForDrain(t.current.sql);

    // too large: recorded by sha256, size, name and code — never the bytes
    const [big] = await t.current.sql`
      select f.bytes is null as "noBytes", f.size_bytes as size, f.file_name as name, r.error_code as code
      from bronze.raw_files f join bronze.scan_reports r on r.raw_sha256 = f.sha256 where f.sha256 = ${sha(oversized)}`;
    expect(big).toEqual({ noBytes: true, size: oversized.byteLength, name: "huge.pdf", code: "too_large" });

    const zorasFiles = [first, second, again, rejected, oversized, waiting, interrupted, fromDiscord];
    const needles = [
      "Zora",
      "Quist",
      ...zorasFiles.map(sha),
      // bytea reads as hex in a row's text
      ...[first, second, again, rejected, waiting, interrupted, fromDiscord].map(distinctiveRun),
    ];
    const before = await tablesHolding(t.current.sql, needles, WALKED);
    const seen = new Set([...before.values()].flat());
    // every needle is really stored somewhere before /forget, so finding none afterwards means something
    for (const needle of needles) expect(seen, needle).toContain(needle.toLowerCase());
    expect(mirrored.sheet.tabs().flatMap((tab) => mirrored.sheet.grid(tab).flat())).toContain("Zora Quist");
    const oversizedRun = hex(oversized.subarray(0, 40));
    expect([...(await tablesHolding(t.current.sql, [oversizedRun], WALKED)).keys()]).toEqual([]);

    const forgotten = await t.current.services.forget({ actor: zora });
    expect(forgotten).toEqual({ scans: 3, rawFiles: zorasFiles.length });
    hanging.release(new ExtractorBusyError("zora", "closing"));
    // the read that hung ends without a scan: the reader closed, or its member is gone
    const settled = await stuck.then(
      (outcome) => outcome.kind,
      () => "failed",
    );
    expect(["busy", "failed"]).toContain(settled);
    await waitForDrain(t.current.sql);

    expect(Object.fromEntries(await tablesHolding(t.current.sql, needles, WALKED))).toEqual({});
    const { sheet } = mirrored;
    const cells = sheet.tabs().flatMap((tab) =>
      sheet
        .grid(tab)
        .flat()
        .map((c) => c.toLowerCase()),
    );
    for (const needle of needles) {
      expect(
        cells.filter((c) => c.includes(needle.toLowerCase())),
        needle,
      ).toEqual([]);
    }
    const [summary] = await t.current.sql<{ ranks: { ranks: Record<string, number> } }[]>`
      select ranks from app.summaries_sent where group_id = ${groupId}`;
    expect(summary!.ranks.ranks).toEqual({ 999999: 2 });

    // Bob keeps his own scan and his Sheet row
    const [left] = await t.current
      .sql`select count(*)::int as n from bronze.raw_files where sha256 = ${sha(bobs)}`;
    expect(left!.n).toBe(1);
    expect((await t.current.services.progress({ actor: bob })).kind).toBe("ok");
    expect(mirrored.sheet.tabs().flatMap((tab) => mirrored.sheet.grid(tab).flat())).toContain("Bob Brann");
  });
});
