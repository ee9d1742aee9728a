// A note a person typed in the Sheet survives the write quota: a late scan slotted in between rows shifts
// our rows (and the notes beside them), and a 429 may stop the sync after any one of its writes. Whatever
// step it stops at, the retry ends with every note beside its own scan, and nothing else lost.
import { afterEach, describe, expect, it } from "vitest";
import { type DesiredRow, syncTab, type TabSpec } from "../../src/sheets/mirror.ts";
import { SheetRetryableError } from "../../src/sheets/sheet-sink.ts";
import { type Backend, backendNames, makeBackend } from "./backends.ts";

const COLUMNS = ["scan_id", "member", "scanned_at", "weight_kg"] as const;
const TAB = "Iron Crew";
const NOTE_COLUMN = 5; // a column left free beside ours, where a coach keeps notes

const row = (n: number): DesiredRow => ({
  scan_id: `scan_${n}`,
  member: "Ana",
  scanned_at: `2026-03-0${n}T07:35`,
  weight_kg: 80 - n / 10,
});
const spec = (ns: number[]): TabSpec => ({
  tab: TAB,
  columns: COLUMNS,
  rows: ns.map(row),
  isOurId: "scan_",
  sortBy: ["scanned_at"],
});

/** scan id → the note beside it, and the notes with no scan beside them */
function notes(grid: string[][]): { byScan: Record<string, string>; stray: string[] } {
  const byScan: Record<string, string> = {};
  const stray: string[] = [];
  for (const cells of grid.slice(1)) {
    const note = cells[NOTE_COLUMN] ?? "";
    if (!note) continue;
    if (cells[0]?.startsWith("scan_")) byScan[cells[0]] = note;
    else stray.push(note);
  }
  return { byScan, stray };
}

describe.each(backendNames)("notes in the Sheet under the write quota, on %s", (backendName) => {
  let backend: Backend;
  afterEach(async () => {
    await backend.close();
  });

  // the sync of the late scan writes three times: append, overwrite the shifted rows, delete a voided one
  it.each([0, 1, 2])("a 429 on write %i of the late scan's sync loses no note", async (failing) => {
    backend = await makeBackend(backendName);
    const sink = await backend.sink();
    await syncTab(sink, spec([1, 2, 4, 5]));
    backend.setCell(TAB, 0, NOTE_COLUMN, "coach notes");
    backend.setCell(TAB, 2, NOTE_COLUMN, "knee pain");
    backend.setCell(TAB, 3, NOTE_COLUMN, "new diet");
    backend.setCell(TAB, 4, NOTE_COLUMN, "after holiday");

    // scan 3 arrives late (between 2 and 4) and scan 1 was voided
    backend.failWrite(failing, 429);
    await expect(syncTab(sink, spec([2, 3, 4, 5]))).rejects.toBeInstanceOf(SheetRetryableError);
    await syncTab(await backend.sink(), spec([2, 3, 4, 5])); // pg-boss's retry

    const grid = backend.grid(TAB);
    expect(grid.map((cells) => cells[0])).toEqual(["scan_id", "scan_2", "scan_3", "scan_4", "scan_5"]);
    expect(grid[0]?.[NOTE_COLUMN]).toBe("coach notes");
    expect(notes(grid)).toEqual({
      byScan: { scan_2: "knee pain", scan_4: "new diet", scan_5: "after holiday" },
      stray: [],
    });
    const again = await syncTab(await backend.sink(), spec([2, 3, 4, 5]));
    expect(again.writeRequests).toBe(0);
  });
});
