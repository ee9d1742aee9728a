// `pump sheets:status` and `pump sheets:resync` as a person runs them: a child process with the
// environment pointing at the test database and the Sheets stand-in (a throwaway service-account key).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEET_COLUMNS } from "../../src/sheets/columns.ts";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";
import { actualTabs, expectedAgainst, googleSheet } from "./mirror-harness.ts";

const run = promisify(execFile);

describe("pump sheets:status / sheets:resync against the stand-in", () => {
  const t = useTestCore();
  let sheet: Awaited<ReturnType<typeof googleSheet>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sheet = await googleSheet();
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: t.db.url,
      GOOGLE_SHEET_ID: sheet.standIn.spreadsheetId,
      GOOGLE_APPLICATION_CREDENTIALS: sheet.account.keyFile,
      GOOGLE_SHEETS_API_ROOT: sheet.standIn.url,
      LOG_LEVEL: "warn",
    };
    for (const [i, who] of ["31", "32"].entries()) {
      await t.current.ingestScan({
        bytes: recordBytes(
          makeRecord({ scannedAt: `2026-03-0${i + 2}T08:00`, weightKg: 75 + i, fatPct: 20 }),
        ),
        fileName: "scan.pdf",
        mimeType: "application/pdf",
        platform: "telegram",
        sender: { platform: "telegram", userId: who, displayName: `Member ${who}` },
        group: { platform: "telegram", chatId: "-900", title: "CLI Crew" },
        chatId: "-900",
        messageId: null,
      });
    }
  });
  afterAll(async () => {
    await sheet?.close();
  });

  const pump = (...args: string[]) =>
    run(process.execPath, ["bin/pump.js", ...args], { env, timeout: 60_000 });

  it("status before any sync: never synced, the rows are missing; it writes nothing", async () => {
    const { stdout } = await pump("sheets:status");
    expect(stdout).toContain(`target: Google Sheet ${sheet.standIn.spreadsheetId}`);
    expect(stdout).toContain("last sync: never");
    expect(stdout).toMatch(/tab "CLI Crew #\d+": tab missing; 2 missing/);
    expect(stdout).toMatch(/drift: 1 tab differ/);
    expect(sheet.standIn.writeCount()).toBe(0);
  });

  it("resync makes the Sheet equal gold.sheet_rows and says what it did", async () => {
    const { stdout } = await pump("sheets:resync");
    expect(stdout).toMatch(/2 rows in 1 tab; 2 appended, 0 updated, 0 deleted/);
    expect(actualTabs(sheet)).toEqual(await expectedAgainst(t.current.sql, sheet));
  });

  it("status after hand edits: last sync recorded, drift and a person's rows reported", async () => {
    const tab = [...actualTabs(sheet).keys()][0]!;
    sheet.setCell(tab, 1, SHEET_COLUMNS.indexOf("weight_kg"), 999);
    sheet.appendRow(tab, ["a note"]);
    const writes = sheet.standIn.writeCount();
    const { stdout } = await pump("sheets:status");
    expect(stdout).toMatch(/last sync: \S+ \(resync\): 2 rows in 1 tab; 2 appended/);
    expect(stdout).toMatch(/queue sheet-sync: 0 waiting, 0 waiting to retry, 0 running/);
    expect(stdout).toContain("1 changed");
    expect(stdout).toContain("rows not written by the bot (left alone): 4");
    expect(sheet.standIn.writeCount()).toBe(writes);

    const again = await pump("sheets:resync");
    expect(again.stdout).toMatch(/1 updated/);
    expect(again.stdout).toContain("rows not written by the bot, left alone: 4");
    expect(actualTabs(sheet)).toEqual(await expectedAgainst(t.current.sql, sheet));
  });

  it("a Sheet not shared with the service account: resync exits 1 with the operator message", async () => {
    sheet.standIn.setShared(false);
    try {
      await expect(pump("sheets:resync")).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(
          "Share the Sheet with ronald-pump@test-project.iam.gserviceaccount.com",
        ),
      });
      const { stdout } = await pump("sheets:status").catch((e: { stdout: string }) => e);
      expect(stdout).toContain("last error:");
      expect(stdout).not.toContain("PRIVATE KEY");
    } finally {
      sheet.standIn.setShared(true);
    }
  });
});
