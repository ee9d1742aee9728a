// CSV injection (OWASP): a text cell a spreadsheet would run as a formula is written neutralised in the CSV
// mirror and in /export, read back exactly, and left as plain text (RAW) in the Google Sheet.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSyncState } from "../../src/db/queries/sheet-sync-state.ts";
import { openJobs } from "../../src/jobs/index.ts";
import { SHEET_RECONCILE_QUEUE } from "../../src/jobs/sheet-mirror.ts";
import { formatCsv, parseCsv } from "../../src/sheets/csv.ts";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";
import { googleSheet, startMirror, waitForDrain } from "./mirror-harness.ts";

const FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"];

/** The first character of every field of a CSV text (fields split the way a spreadsheet would). */
function fieldStarts(text: string): string[] {
  return parseRaw(text).flatMap((row) => row.map((f) => f.slice(0, 1)));
}

/** CSV fields without the reader's un-neutralising step, as a spreadsheet program sees them. */
function parseRaw(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("CSV cells that a spreadsheet would run", () => {
  it("are written with a leading apostrophe; negative numbers stay numbers", () => {
    const text = formatCsv([["name", "delta"], ...FORMULAS.map((f) => [f, -1.5])]);
    const raw = parseRaw(text);
    expect(raw.slice(1).map((r) => r[0])).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(raw.slice(1).map((r) => r[1])).toEqual(FORMULAS.map(() => "-1.5"));
    for (const start of fieldStarts(text)) expect("=+@\t\r").not.toContain(start || "x");
  });

  it("read back as exactly what was written, apostrophes of the text itself included", () => {
    const tricky = ["'=a", "''b", "'c", "'", "a'", "=", "'\t", ...FORMULAS];
    expect(parseCsv(formatCsv([tricky]))).toEqual([tricky]);
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string({
              unit: fc.constantFrom("'", "=", "-", "+", "@", "\t", "\r", "\n", ",", '"', "a", " "),
            }),
            { minLength: 1, maxLength: 4 },
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (rows) => {
          const trimmed = rows.map((r) => {
            const copy = [...r];
            while (copy.length > 0 && copy.at(-1) === "") copy.pop();
            return copy;
          });
          while (trimmed.length > 0 && trimmed.at(-1)!.length === 0) trimmed.pop();
          expect(parseCsv(formatCsv(rows))).toEqual(trimmed);
        },
      ),
      { seed: 18, numRuns: 300 },
    );
  });
});

describe("a member whose name is a formula", () => {
  const t = useTestCore();
  const evil = { platform: "telegram", userId: "66", displayName: FORMULAS[0]! };
  const group = { platform: "telegram", chatId: "-66", title: "@Crew" };

  it("is neutralised in /export and in the CSV mirror, which then stays unchanged", async () => {
    const out = await t.current.ingestScan({
      bytes: recordBytes(
        makeRecord({ scannedAt: "2026-03-01T08:00", weightKg: 80, fatPct: 22, name: "=EVIL" }),
      ),
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      platform: "telegram",
      sender: evil,
      group,
    });
    expect(out.kind).toBe("accepted");

    const exported = await t.current.services.exportCsv({ actor: evil });
    expect(exported.scans).toBe(1);
    const exportRows = parseRaw(exported.csv);
    const printed = exportRows[0]!.indexOf("printed_name");
    expect(exportRows[1]![printed]).toBe("'=EVIL");
    expect(parseCsv(exported.csv)[1]![printed]).toBe("=EVIL");

    const dir = mkdtempSync(join(tmpdir(), "pump-csv-injection-"));
    const jobs = await openJobs(t.current.database, { sheets: { kind: "csv", dir } }, t.current.log, {
      pollingIntervalSeconds: 0.5,
      schedule: false,
    });
    t.published = jobs.published;
    try {
      await jobs.start(t.current, []);
      await waitForDrain(t.current.sql);
      const [file] = readdirSync(dir).filter((f) => f.startsWith("@") || f.includes("Crew"));
      const text = readFileSync(join(dir, file!), "utf8");
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      for (const start of fieldStarts(text)) expect("=+@\t\r").not.toContain(start || "x");
      // reading it back gives the name itself, so the next sync finds nothing to change
      expect(parseCsv(text).some((row) => row.includes(FORMULAS[0]!))).toBe(true);
      const before = await readSyncState(t.current.sql, `csv:${dir}`);
      await jobs.boss.send(SHEET_RECONCILE_QUEUE, {});
      await waitForDrain(t.current.sql);
      const after = await readSyncState(t.current.sql, `csv:${dir}`);
      expect(after!.lastSuccessAt!.getTime()).toBeGreaterThan(before!.lastSuccessAt!.getTime());
      expect(after!.writeRequests).toBe(0);
      expect(readFileSync(join(dir, file!), "utf8")).toBe(text);
    } finally {
      await jobs.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is plain text in the Google Sheet: every write is RAW", async () => {
    const sheet = await googleSheet();
    const mirror = await startMirror(t, sheet);
    try {
      await mirror.boss.send(SHEET_RECONCILE_QUEUE, {});
      await waitForDrain(t.current.sql);
      const cells = sheet.tabs().flatMap((tab) => sheet.grid(tab).flat());
      expect(cells).toContain(FORMULAS[0]);
      expect([...sheet.standIn.valueInputOptions]).toEqual(["RAW"]);
    } finally {
      await mirror.stop();
      await sheet.close();
    }
  });
});
