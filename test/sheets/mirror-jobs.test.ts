// The Sheet mirror end to end: ingests and corrections through the core, the sheet-mirror job family on
// pg-boss, and the Google Sheets stand-in (real client library) or the CSV folder. After the queue
// drains, every tab the bot owns must equal gold.sheet_rows: header, rows, order.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, type Core } from "../../src/compose-core.ts";
import { scanReportIdOf, sheetRowsColumns } from "../../src/db/queries/gold.ts";
import { readSyncState } from "../../src/db/queries/sheet-sync-state.ts";
import { PARSER_VERSION } from "../../src/extract/read-sheet.ts";
import { openJobs } from "../../src/jobs/index.ts";
import { SHEET_RECONCILE_QUEUE } from "../../src/jobs/sheet-mirror.ts";
import { createLogger } from "../../src/log.ts";
import { SHEET_COLUMNS, SHEET_HIDDEN_COLUMNS } from "../../src/sheets/columns.ts";
import { FIXED_NOW, useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes, recordExtractor } from "../support/records.ts";
import {
  actualTabs,
  csvSheet,
  expectedAgainst,
  googleSheet,
  type MirrorSheet,
  type RunningMirror,
  startMirror,
  waitForDrain,
} from "./mirror-harness.ts";

const ana = { platform: "telegram", userId: "11", displayName: "Ana" };
const ben = { platform: "telegram", userId: "12", displayName: "Ben" };
const cy = { platform: "telegram", userId: "13", displayName: "Cy" };
const morning = { platform: "telegram", chatId: "-100", title: "Morning Crew" };
const evening = { platform: "telegram", chatId: "-200", title: "Evening: Crew" };
const asPlace = (g: typeof morning) => ({ kind: "group" as const, ...g });

async function ingest(
  core: Core,
  who: typeof ana,
  group: typeof morning | null,
  scannedAt: string,
  weightKg: number,
  fatPct = 20,
) {
  const out = await core.ingestScan({
    bytes: recordBytes(makeRecord({ scannedAt, weightKg, fatPct })),
    fileName: "scan.pdf",
    mimeType: "application/pdf",
    platform: "telegram",
    sender: who,
    group,
    chatId: group?.chatId ?? who.userId,
    messageId: null,
  });
  expect(out.kind).toBe("accepted");
  if (out.kind !== "accepted") throw new Error("not accepted");
  return out;
}

async function expectMirrored(core: Core, sheet: MirrorSheet): Promise<Map<string, string[][]>> {
  await waitForDrain(core.sql);
  const expected = await expectedAgainst(core.sql, sheet);
  expect(actualTabs(sheet)).toEqual(expected);
  return expected;
}

const tabOf = (expected: Map<string, string[][]>, prefix: string) =>
  [...expected.keys()].find((t) => t.startsWith(prefix)) ?? "";
const eveningTabName = (expected: Map<string, string[][]>) => tabOf(expected, "Evening");
const trimRow = (row: string[]) => {
  const copy = [...row];
  while (copy.length > 0 && copy.at(-1) === "") copy.pop();
  return copy;
};

describe.each([
  ["google stand-in", googleSheet],
  ["csv", csvSheet],
] as const)("Sheet mirror jobs (%s)", (_name, makeSheet) => {
  const t = useTestCore();
  let sheet: MirrorSheet;
  let mirror: RunningMirror;

  beforeAll(async () => {
    sheet = await makeSheet();
    mirror = await startMirror(t, sheet);
  });
  afterAll(async () => {
    await mirror?.stop();
    await sheet?.close();
  });

  it("shows every column of gold.sheet_rows except the routing keys, scan_id first", async () => {
    const model = await sheetRowsColumns(t.current.sql);
    expect(new Set(SHEET_COLUMNS)).toEqual(
      new Set(model.filter((c) => !(SHEET_HIDDEN_COLUMNS as readonly string[]).includes(c))),
    );
    expect(SHEET_COLUMNS.slice(0, 4)).toEqual(["scan_id", "scanned_at", "member", "printed_units"]);
  });

  it("after ingests, one tab per group plus Direct, equal to gold.sheet_rows", async () => {
    await ingest(t.current, ana, morning, "2026-03-02T08:10", 68);
    await ingest(t.current, ana, morning, "2026-03-30T08:10", 67.2, 19);
    await ingest(t.current, ben, morning, "2026-03-03T18:20", 96, 27);
    await ingest(t.current, ben, evening, "2026-03-31T18:20", 95.1, 26);
    // an old PDF sent late lands between existing rows
    await ingest(t.current, ana, morning, "2026-03-16T08:10", 67.6, 19.5);
    await ingest(t.current, cy, null, "2026-03-04T07:00", 72, 14);

    const expected = await expectMirrored(t.current, sheet);
    const morningTab = tabOf(expected, "Morning Crew #");
    expect(eveningTabName(expected)).toMatch(/^Evening +Crew #\d+$/);
    const eveningTab = tabOf(expected, "Evening");
    expect(morningTab).not.toBe("");
    expect(eveningTab).not.toBe("");
    expect([...expected.keys()].sort()).toEqual([morningTab, eveningTab, "Direct"].sort());
    // Ben shares with both groups: all his scans in both tabs; Ana's three scans oldest first
    expect(
      expected
        .get(morningTab)!
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(["Ana", "Ben", "Ana", "Ana", "Ben"]);
    expect(
      expected
        .get(eveningTab)!
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(["Ben", "Ben"]);
    expect(
      expected
        .get("Direct")!
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(["Cy"]);

    const state = await readSyncState(t.current.sql, sheet.target.key);
    expect(state?.lastSuccessAt).toBeInstanceOf(Date);
    expect(state?.rows).toBe(8);
    expect(state?.lastError).toBeNull();
  });

  it("hiding a member removes their rows from that group's tab only; showing brings them back", async () => {
    await t.current.services.setVisibility({ actor: ben, place: asPlace(evening), hidden: true });
    let expected = await expectMirrored(t.current, sheet);
    const eveningTab = [...actualTabs(sheet).keys()].find((x) => x.startsWith("Evening"))!;
    expect(expected.get(eveningTab)).toEqual([[...SHEET_COLUMNS]]); // emptied, header kept
    expect(expected.get(tabOf(expected, "Morning"))!.filter((r) => r[2] === "Ben")).toHaveLength(2);

    await t.current.services.setVisibility({ actor: ben, place: asPlace(evening), hidden: false });
    expected = await expectMirrored(t.current, sheet);
    expect(expected.get(eveningTab)!.slice(1)).toHaveLength(2);
  });

  it("a voided scan's row disappears", async () => {
    const before = actualTabs(sheet);
    const morningTab = tabOf(before, "Morning");
    // the report the bot would ask about now: the newest reading of that file
    const scanId = before.get(morningTab)!.find((r) => r[1] === "2026-03-30 08:10")![0]!;
    const scanReportId = (await scanReportIdOf(t.current.sql, scanId))!;
    expect(await t.current.services.confirmScanOwner({ actor: ana, scanReportId, mine: false })).toBe(
      "removed",
    );
    const expected = await expectMirrored(t.current, sheet);
    expect(expected.get(morningTab)!.length).toBe(before.get(morningTab)!.length - 1);
    expect(expected.get(morningTab)!.some((r) => r[1] === "2026-03-30 08:10")).toBe(false);
  });

  it("when the real owner sends the voided sheet, its time shows once, under their name", async () => {
    await ingest(t.current, ben, morning, "2026-03-30T08:10", 67.3, 19);
    const expected = await expectMirrored(t.current, sheet);
    const rows = expected.get(tabOf(expected, "Morning"))!.filter((r) => r[1] === "2026-03-30 08:10");
    expect(rows.map((r) => [r[2], r[SHEET_COLUMNS.indexOf("weight_kg")]])).toEqual([["Ben", "67.3"]]);
  });

  it("the reconcile restores rows edited or deleted by hand and leaves a person's own rows alone", async () => {
    const morningTab = tabOf(actualTabs(sheet), "Morning");
    sheet.setCell(morningTab, 1, SHEET_COLUMNS.indexOf("weight_kg"), 1234);
    sheet.deleteRow(morningTab, 2);
    sheet.appendRow(morningTab, ["note: Ben was ill in March"]);
    await mirror.boss.send(SHEET_RECONCILE_QUEUE, {});
    await waitForDrain(t.current.sql);
    const grid = sheet.grid(morningTab);
    const note = grid.findIndex((r) => r[0] === "note: Ben was ill in March");
    expect(note).toBeGreaterThan(0);
    const withoutNote = grid.filter((_, i) => i !== note);
    const expected = await expectedAgainst(t.current.sql, sheet);
    expect(withoutNote.map(trimRow)).toEqual(expected.get(morningTab));
    expect((await readSyncState(t.current.sql, sheet.target.key))?.unknownRows).toBe(1);
  });

  it("forgetting members removes their rows; a group whose members all left is emptied", async () => {
    await t.current.services.forget({ actor: ben });
    let expected = await expectMirrored(t.current, sheet);
    for (const grid of expected.values()) expect(grid.some((r) => r[2] === "Ben")).toBe(false);
    const eveningTab = [...actualTabs(sheet).keys()].find((x) => x.startsWith("Evening"))!;
    expect(sheet.grid(eveningTab)).toEqual([[...SHEET_COLUMNS]]);

    await t.current.services.forget({ actor: cy });
    expected = await expectMirrored(t.current, sheet);
    expect(sheet.grid("Direct")).toEqual([[...SHEET_COLUMNS]]);
  });

  it("a sync with nothing to change writes nothing", async () => {
    const state = await readSyncState(t.current.sql, sheet.target.key);
    await mirror.boss.send(SHEET_RECONCILE_QUEUE, {});
    await waitForDrain(t.current.sql);
    const after = await readSyncState(t.current.sql, sheet.target.key);
    expect(after!.lastSuccessAt!.getTime()).toBeGreaterThan(state!.lastSuccessAt!.getTime());
    expect(after?.writeRequests).toBe(0);
  });

  it("the ingest never fails because the queue is down", async () => {
    // the boss dies under the mirror, which is still the core's published port: send() fails inside
    await mirror.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    await ingest(t.current, ana, morning, "2026-04-20T08:10", 66.5, 18);
    // a new job layer catches up at start-up
    mirror = await startMirror(t, sheet);
    await expectMirrored(t.current, sheet);
  });
});

describe("the job layer runs the Sheet mirror on the configured target", () => {
  const t = useTestCore();
  it("syncs the CSV folder of config.sheets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pump-jobs-csv-"));
    const jobs = await openJobs(t.current.database, { sheets: { kind: "csv", dir } }, t.current.log, {
      pollingIntervalSeconds: 0.5,
      schedule: false,
    });
    t.published = jobs.published;
    await jobs.start(t.current, []);
    try {
      await ingest(t.current, ana, morning, "2026-03-02T08:10", 68);
      await waitForDrain(t.current.sql);
      const sheet = await csvSheetAt(dir);
      const expected = await expectedAgainst(t.current.sql, sheet);
      expect(expected.size).toBe(1);
      expect(actualTabs(sheet)).toEqual(expected);
    } finally {
      await jobs.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function csvSheetAt(dir: string): Promise<MirrorSheet> {
  const { parseCsv } = await import("../../src/sheets/csv.ts");
  const { tabFileName, tabFromFileName } = await import("../../src/sheets/csv-sink.ts");
  const { readdirSync, readFileSync } = await import("node:fs");
  const none = () => {
    throw new Error("read-only");
  };
  return {
    name: "csv",
    target: { key: `csv:${dir}`, label: dir, open: none },
    tabs: () => readdirSync(dir).flatMap((f) => tabFromFileName(f) ?? []),
    grid: (tab) => parseCsv(readFileSync(join(dir, tabFileName(tab)), "utf8")),
    setCell: none,
    deleteRow: none,
    appendRow: none,
    randomFaults: none,
    slow: none,
    close: async () => {},
  };
}

describe("a reprocess with a new parser version (google stand-in)", () => {
  const r = useTestCore();
  let reSheet: MirrorSheet;
  let reMirror: RunningMirror;
  beforeAll(async () => {
    reSheet = await googleSheet();
    reMirror = await startMirror(r, reSheet);
  });
  afterAll(async () => {
    await reMirror?.stop();
    await reSheet?.close();
  });

  it("mirrors the first reading", async () => {
    await ingest(r.current, ana, morning, "2026-03-02T08:10", 68);
    await ingest(r.current, ana, morning, "2026-03-30T08:10", 67.2, 19);
    await ingest(r.current, ben, evening, "2026-03-03T18:20", 96, 27);
    await expectMirrored(r.current, reSheet);
  });

  it("reprocessing with a new parser version updates rows in place (the reconcile picks it up)", async () => {
    const NEWER = `${Number(PARSER_VERSION.split(".")[0]) + 1}.0.0`;
    const before = actualTabs(reSheet);
    const v2 = await buildCore(r.current.database, { defaultTimeZone: "UTC" }, createLogger("silent"), {
      now: () => FIXED_NOW,
      extractor: recordExtractor({
        parserVersion: NEWER,
        revise: (record) => ({ ...record, metrics: { ...record.metrics, bwi: 7.5 } }),
      }),
    });
    await v2.reprocess();
    await reMirror.boss.send(SHEET_RECONCILE_QUEUE, {});
    const expected = await expectMirrored(r.current, reSheet);
    for (const [tab, grid] of expected) {
      expect(grid.length).toBe(before.get(tab)!.length);
      // one row per member and scan time: nothing duplicated (ids stay: scan_id is the file's hash)
      const keys = grid.slice(1).map((r) => `${r[2]}|${r[1]}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const row of grid.slice(1)) {
        expect(row[SHEET_COLUMNS.indexOf("parser_version")]).toBe(NEWER);
        expect(row[SHEET_COLUMNS.indexOf("bwi")]).toBe("7.5");
      }
    }
  });
});
