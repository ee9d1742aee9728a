// CSV specifics: RFC 4180 quoting, tab names as file names, atomic whole-file writes.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatCsv, parseCsv } from "../../src/sheets/csv.ts";
import { CsvSheetSink, tabFileName, tabFromFileName } from "../../src/sheets/csv-sink.ts";
import { syncTab } from "../../src/sheets/mirror.ts";
import { SheetPermanentError } from "../../src/sheets/sheet-sink.ts";

describe("CSV format", () => {
  it("quotes commas, quotes and line breaks, and reads them back", () => {
    const rows = [
      ["scan_id", "note"],
      ["scan_1", 'said "hi", then left'],
      ["scan_2", "two\r\nlines"],
      ["scan_3", 78.4, true],
    ];
    const text = formatCsv(rows);
    expect(text).toBe(
      'scan_id,note,\r\nscan_1,"said ""hi"", then left",\r\nscan_2,"two\r\nlines",\r\nscan_3,78.4,TRUE\r\n',
    );
    expect(parseCsv(text)).toEqual([
      ["scan_id", "note"],
      ["scan_1", 'said "hi", then left'],
      ["scan_2", "two\r\nlines"],
      ["scan_3", "78.4", "TRUE"],
    ]);
  });

  it("accepts bare LF line ends and keeps blank rows inside", () => {
    expect(parseCsv('a,b\n\n"c"\n')).toEqual([["a", "b"], [], ["c"]]);
    expect(parseCsv("")).toEqual([]);
  });
});

describe("CSV sink", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "pump-csv-sink-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("maps any tab name to a safe file name and back", () => {
    for (const tab of ["Iron Crew", "Bob's gym", "a/b\\c:d*?", "..", ".hidden", "Müller 100%"]) {
      const file = tabFileName(tab);
      expect(file).not.toMatch(/[/\\:*?]/);
      expect(file.startsWith(".")).toBe(false);
      expect(tabFromFileName(file)).toBe(tab);
    }
    expect(tabFileName("Iron Crew")).toBe("Iron Crew.csv");
  });

  it("writes whole files atomically and leaves no temp file behind", async () => {
    const sink = new CsvSheetSink(join(dir, "sheets"));
    const spec = {
      tab: "a/b",
      columns: ["scan_id", "weight_kg"],
      rows: [{ scan_id: "scan_1", weight_kg: 80.5 }],
      isOurId: "scan_",
    };
    await syncTab(sink, spec);
    expect(await readdir(join(dir, "sheets"))).toEqual(["a%2Fb.csv"]);
    expect(await readFile(join(dir, "sheets", "a%2Fb.csv"), "utf8")).toBe(
      "scan_id,weight_kg\r\nscan_1,80.5\r\n",
    );
    expect(await sink.listTabs()).toEqual(["a/b"]);
  });

  it("reading a tab that does not exist is a permanent error", async () => {
    await expect(new CsvSheetSink(dir).readTabs(["nope"])).rejects.toBeInstanceOf(SheetPermanentError);
  });
});
