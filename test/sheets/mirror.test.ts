// The same mirror behaviour against both sinks: the Google stand-in (real client over HTTP) and CSV files.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DesiredRow, driftReport, syncAll, syncTab, type TabSpec } from "../../src/sheets/mirror.ts";
import { SheetRetryableError } from "../../src/sheets/sheet-sink.ts";
import { type Backend, backendNames, makeBackend } from "./backends.ts";

const COLUMNS = ["scan_id", "member", "scanned_at", "weight_kg", "body_fat_pct"] as const;
const TAB = "Iron Crew";

function row(n: number, weight: number | null = 80 + n / 10, fat: number | null = 20): DesiredRow {
  return {
    scan_id: `scan_${n}`,
    member: `Member ${n % 3}`,
    scanned_at: `2026-03-${String(n).padStart(2, "0")}T07:35`,
    weight_kg: weight,
    body_fat_pct: fat,
  };
}

function spec(rows: DesiredRow[], columns: readonly string[] = COLUMNS, tab = TAB): TabSpec {
  return { tab, columns, rows, isOurId: "scan_", sortBy: ["scanned_at"] };
}

/** The rows as text, as the sheet must show them. */
function expected(rows: DesiredRow[], columns: readonly string[] = COLUMNS): string[][] {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const body = [...rows]
    .sort((a, b) => String(a.scanned_at).localeCompare(String(b.scanned_at)))
    .map((r) => {
      const cells = columns.map((c) => text(r[c]));
      while (cells.length > 0 && cells.at(-1) === "") cells.pop();
      return cells;
    });
  return [[...columns], ...body];
}

describe.each(backendNames)("mirror on %s", (backendName) => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await makeBackend(backendName);
  });
  afterEach(async () => {
    await backend.close();
  });

  it("first sync writes the header and the rows; a second sync writes nothing", async () => {
    const sink = await backend.sink();
    const rows = [row(3), row(1), row(2, null)];
    const first = await syncTab(sink, spec(rows));
    expect(first).toMatchObject({ created: true, headerWritten: true, appended: 3, updated: 0, deleted: 0 });
    expect(backend.grid(TAB)).toEqual(expected(rows));

    const writesBefore = backend.writeCount();
    const second = await syncTab(await backend.sink(), spec(rows));
    expect(second).toMatchObject({
      created: false,
      headerWritten: false,
      appended: 0,
      updated: 0,
      deleted: 0,
      unchanged: 3,
    });
    expect(second.writeRequests).toBe(0);
    expect(backend.writeCount()).toBe(writesBefore);
  });

  it("rewrites only the row whose value changed, and deletes a row that is no longer wanted", async () => {
    const sink = await backend.sink();
    await syncTab(sink, spec([row(1), row(2), row(3)]));

    const changed = await syncTab(sink, spec([row(1), row(2, 79.95), row(3)]));
    expect(changed).toMatchObject({ updated: 1, unchanged: 2, appended: 0, deleted: 0, writeRequests: 1 });
    expect(backend.grid(TAB)).toEqual(expected([row(1), row(2, 79.95), row(3)]));

    const removed = await syncTab(sink, spec([row(1), row(3)]));
    expect(removed).toMatchObject({ updated: 0, deleted: 1, appended: 0, unchanged: 2, writeRequests: 1 });
    expect(backend.grid(TAB)).toEqual(expected([row(1), row(3)]));
  });

  it("treats null as an empty cell and numbers as numbers", async () => {
    const sink = await backend.sink();
    await syncTab(sink, spec([row(1, 78.4, null)]));
    const again = await syncTab(sink, spec([row(1, 78.4, null)]));
    expect(again).toMatchObject({ updated: 0, unchanged: 1, writeRequests: 0 });
    const cleared = await syncTab(sink, spec([row(1, null, null)]));
    expect(cleared.updated).toBe(1);
    expect(backend.grid(TAB)[1]).toEqual(["scan_1", "Member 1", "2026-03-01T07:35"]);
  });

  it("repairs hand edits, re-adds a deleted row, leaves an unknown row alone and reports it", async () => {
    const sink = await backend.sink();
    const rows = [row(1), row(2), row(3)];
    await syncTab(sink, spec(rows));
    backend.setCell(TAB, 1, 3, 999); // someone typed over scan_1's weight
    backend.deleteRow(TAB, 2); // someone deleted scan_2
    backend.appendRow(TAB, ["Note: scales recalibrated 2026-03-10"]);

    const drift = await driftReport(sink, spec(rows));
    expect(drift).toMatchObject({
      exists: true,
      missing: ["scan_2"],
      changed: ["scan_1"],
      extra: [],
      headerOk: true,
    });
    expect(drift.unknownRowNumbers).toEqual([4]);

    const report = await syncTab(await backend.sink(), spec(rows));
    expect(report).toMatchObject({ updated: 2, appended: 1, unknownRows: 1 });
    const grid = backend.grid(TAB);
    expect(grid.filter((r) => /^scan_\d/.test(r[0] ?? ""))).toEqual(expected(rows).slice(1));
    expect(grid).toContainEqual(["Note: scales recalibrated 2026-03-10"]);

    const settled = await syncTab(sink, spec(rows));
    expect(settled).toMatchObject({ updated: 0, appended: 0, deleted: 0, writeRequests: 0, unknownRows: 1 });
  });

  it("removes a second copy of a row", async () => {
    const sink = await backend.sink();
    await syncTab(sink, spec([row(1), row(2)]));
    backend.appendRow(TAB, ["scan_1", "Member 1", "2026-03-01T07:35", 80.1, 20]);
    const report = await syncTab(sink, spec([row(1), row(2)]));
    expect(report).toMatchObject({ deleted: 1, appended: 0 });
    expect(backend.grid(TAB)).toEqual(expected([row(1), row(2)]));
  });

  it("keeps rows in scanned_at order when an older scan arrives late, carrying a person's notes along", async () => {
    const sink = await backend.sink();
    await syncTab(sink, spec([row(2), row(4)]));
    backend.setCell(TAB, 0, 5, "coach note");
    backend.setCell(TAB, 2, 5, "great month");

    const report = await syncTab(sink, spec([row(2), row(3), row(4)]));
    expect(report.appended).toBe(1);
    const grid = backend.grid(TAB);
    expect(grid.map((r) => r[0])).toEqual(["scan_id", "scan_2", "scan_3", "scan_4"]);
    expect(grid[0]?.[5]).toBe("coach note");
    expect(grid[3]?.[5]).toBe("great month");
    expect(grid[2]?.[5] ?? "").toBe("");
  });

  it("extends an older header with new columns and fills them in", async () => {
    const sink = await backend.sink();
    const old = ["scan_id", "member", "scanned_at", "weight_kg"];
    await syncTab(sink, spec([row(1), row(2)], old));
    expect(backend.grid(TAB)[0]).toEqual(old);

    const report = await syncTab(sink, spec([row(1), row(2)]));
    expect(report).toMatchObject({ headerWritten: true, updated: 2 });
    expect(backend.grid(TAB)).toEqual(expected([row(1), row(2)]));
  });

  it("adds new columns after a person's own column instead of moving it", async () => {
    const sink = await backend.sink();
    const old = ["scan_id", "member", "scanned_at", "weight_kg"];
    await syncTab(sink, spec([row(1)], old));
    backend.setCell(TAB, 0, 4, "comment");
    backend.setCell(TAB, 1, 4, "first scan!");

    await syncTab(sink, spec([row(1)]));
    expect(backend.grid(TAB)).toEqual([
      ["scan_id", "member", "scanned_at", "weight_kg", "comment", "body_fat_pct"],
      ["scan_1", "Member 1", "2026-03-01T07:35", "80.1", "first scan!", "20"],
    ]);
    const again = await syncTab(sink, spec([row(1)]));
    expect(again.writeRequests).toBe(0);
  });

  it("an append whose answer is lost is not repeated by the retry", async () => {
    const sink = await backend.sink();
    await syncTab(sink, spec([row(1)]));
    backend.loseResponseAfterCommit(1);
    const error = await syncTab(sink, spec([row(1), row(2)])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetRetryableError);
    expect((error as SheetRetryableError).mayHaveCommitted).toBe(true);

    const retry = await syncTab(await backend.sink(), spec([row(1), row(2)]));
    expect(retry).toMatchObject({ appended: 0, unchanged: 2 });
    expect(backend.grid(TAB)).toEqual(expected([row(1), row(2)]));
  });

  it.each([429, 500, 503] as const)("HTTP %i is retryable and the next attempt succeeds", async (status) => {
    const sink = await backend.sink();
    backend.failNext(1, status);
    await expect(syncTab(sink, spec([row(1)]))).rejects.toBeInstanceOf(SheetRetryableError);
    await syncTab(sink, spec([row(1)]));
    expect(backend.grid(TAB)).toEqual(expected([row(1)]));
  });

  it("syncAll empties a tab of ours that has no rows any more, keeping its header and unknown rows", async () => {
    const sink = await backend.sink();
    const options = { columns: COLUMNS, isOurId: "scan_", sortBy: ["scanned_at"] };
    await syncAll(
      sink,
      new Map([
        ["A team", [row(1), row(2)]],
        ["B team", [row(3)]],
      ]),
      options,
    );
    backend.appendRow("B team", ["keep me"]);

    const report = await syncAll(await backend.sink(), new Map([["A team", [row(1), row(2)]]]), options);
    expect(report.emptied).toEqual(["B team"]);
    expect(backend.grid("B team")).toEqual([[...COLUMNS], ["keep me"]]);
    expect(backend.grid("A team")).toEqual(expected([row(1), row(2)]));
    const idle = await syncAll(sink, new Map([["A team", [row(1), row(2)]]]), options);
    expect(idle.tabs.reduce((n, t) => n + t.writeRequests, 0)).toBe(0);
  });

  it("driftReport sends no write", async () => {
    const sink = await backend.sink();
    await syncTab(sink, spec([row(1), row(2)]));
    const before = backend.writeCount();
    const drift = await driftReport(sink, spec([row(2), row(3)]));
    expect(drift).toMatchObject({ missing: ["scan_3"], extra: ["scan_1"], changed: [] });
    expect(await driftReport(sink, spec([row(1)], COLUMNS, "Nobody"))).toMatchObject({
      exists: false,
      missing: ["scan_1"],
    });
    expect(backend.writeCount()).toBe(before);
  });

  it("refuses a desired row whose id isOurId rejects (it would be re-appended forever)", async () => {
    const sink = await backend.sink();
    await expect(syncTab(sink, spec([{ ...row(1), scan_id: "other_1" }]))).rejects.toThrow(/not one of ours/);
  });
});
