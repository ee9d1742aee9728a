// Property: whatever the order of changes, faults, lost answers and restarts, once a sync succeeds the
// sheet shows exactly the desired rows (sorted by scanned_at, then scan_id), each once, with unknown
// rows untouched; and a sync right after writes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DesiredRow, type MirrorOptions, syncAll } from "../../src/sheets/mirror.ts";
import { SheetRetryableError } from "../../src/sheets/sheet-sink.ts";
import { mulberry32 } from "../fakes/sheets/prng.ts";
import { type Backend, backendNames, makeBackend } from "./backends.ts";

const TABS = ["Alpha", "Bravo's gym", "Charlie Crew"] as const;
const BASE_COLUMNS = ["scan_id", "scanned_at", "weight_kg", "member"];
const MORE_COLUMNS = [...BASE_COLUMNS, "body_fat_pct"];

type Step =
  | { kind: "upsert"; tab: number; id: number; day: number; weight: number | null }
  | { kind: "remove"; tab: number; id: number }
  | { kind: "dropTab"; tab: number }
  | { kind: "handEdit"; tab: number; pick: number; value: string }
  | { kind: "handDelete"; tab: number; pick: number }
  | { kind: "note"; tab: number }
  | { kind: "addColumn" };

const tabIndex = fc.integer({ min: 0, max: TABS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("upsert" as const),
      tab: tabIndex,
      id: fc.integer({ min: 1, max: 15 }),
      day: fc.integer({ min: 1, max: 9 }),
      weight: fc.option(
        fc.integer({ min: 500, max: 1200 }).map((n) => n / 10),
        { nil: null },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("remove" as const),
      tab: tabIndex,
      id: fc.integer({ min: 1, max: 15 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dropTab" as const), tab: tabIndex }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("handEdit" as const),
      tab: tabIndex,
      pick: fc.nat(),
      value: fc.string({ maxLength: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("handDelete" as const), tab: tabIndex, pick: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("note" as const), tab: tabIndex }) },
  { weight: 1, arbitrary: fc.constant({ kind: "addColumn" as const }) },
);

function expectedRows(rows: Iterable<DesiredRow>, columns: readonly string[]): string[][] {
  return [...rows]
    .sort((a, b) => {
      const ka = [String(a.scanned_at), String(a.scan_id)];
      const kb = [String(b.scanned_at), String(b.scan_id)];
      return ka[0]! < kb[0]! ? -1 : ka[0]! > kb[0]! ? 1 : ka[1]! < kb[1]! ? -1 : ka[1]! > kb[1]! ? 1 : 0;
    })
    .map((r) => {
      const cells = columns.map((c) => (r[c] === null || r[c] === undefined ? "" : String(r[c])));
      while (cells.length > 0 && cells.at(-1) === "") cells.pop();
      return cells;
    });
}

async function syncUntilDone(
  backend: Backend,
  desired: Map<string, DesiredRow[]>,
  options: MirrorOptions,
  rand: () => number,
): Promise<number> {
  let sink = await backend.sink();
  for (let attempt = 1; attempt <= 300; attempt++) {
    if (rand() < 0.3) sink = await backend.sink(); // a restart between attempts
    try {
      await syncAll(sink, desired, options);
      return attempt;
    } catch (error) {
      if (!(error instanceof SheetRetryableError)) throw error;
    }
  }
  throw new Error("sync never succeeded");
}

describe.each(backendNames)("mirror property on %s", (backendName) => {
  it("converges to exactly the desired rows through faults and restarts", async () => {
    let syncs = 0;
    let attempts = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(step, { minLength: 1, maxLength: 8 }), async (seed, steps) => {
        const backend = await makeBackend(backendName);
        try {
          await runSteps(backend, seed, steps);
        } finally {
          await backend.close();
        }
      }),
      { numRuns: backendName === "csv" ? 40 : 15 },
    );
    // The faults really happened: many syncs needed more than one attempt.
    expect(attempts).toBeGreaterThan(syncs);

    async function runSteps(backend: Backend, seed: number, steps: Step[]): Promise<void> {
      const names = [...TABS];
      const desired = names.map(() => new Map<number, DesiredRow>());
      const notes = names.map(() => 0);
      let columns = BASE_COLUMNS;
      const rand = mulberry32(seed);
      const options = (): MirrorOptions => ({
        columns,
        isOurId: "scan_",
        sortBy: ["scanned_at"],
      });
      const present = (t: number) => backend.tabs().includes(names[t]!);
      const ourRowIndexes = (t: number) =>
        backend.grid(names[t]!).flatMap((r, i) => (i > 0 && /^scan_\d+$/.test(r[0] ?? "") ? [i] : []));

      for (const s of steps) {
        backend.randomFaults(null);
        switch (s.kind) {
          case "upsert":
            desired[s.tab]!.set(s.id, {
              scan_id: `scan_${s.id}`,
              scanned_at: `2026-04-0${s.day}T08:00`,
              weight_kg: s.weight,
              member: `m${s.id % 4}`,
              body_fat_pct: s.weight === null ? null : Math.round(s.weight) / 4,
            });
            break;
          case "remove":
            desired[s.tab]!.delete(s.id);
            break;
          case "dropTab":
            desired[s.tab]!.clear();
            break;
          case "handEdit": {
            const rows = present(s.tab) ? ourRowIndexes(s.tab) : [];
            if (rows.length > 0)
              backend.setCell(names[s.tab]!, rows[s.pick % rows.length]!, 1 + (s.pick % 3), s.value);
            break;
          }
          case "handDelete": {
            const rows = present(s.tab) ? ourRowIndexes(s.tab) : [];
            if (rows.length > 0) backend.deleteRow(names[s.tab]!, rows[s.pick % rows.length]!);
            break;
          }
          case "note":
            if (present(s.tab) && backend.grid(names[s.tab]!).length > 0) {
              backend.appendRow(names[s.tab]!, [`note ${notes[s.tab]}`]);
              notes[s.tab]!++;
            }
            break;
          case "addColumn":
            columns = MORE_COLUMNS;
            break;
        }
        const byTab = new Map(names.map((n, t) => [n, [...desired[t]!.values()]]));
        backend.randomFaults({ seed, probability: 0.25 });
        attempts += await syncUntilDone(backend, byTab, options(), rand);
        syncs++;
      }

      backend.randomFaults(null);
      names.forEach((name, t) => {
        if (!present(t)) {
          expect(desired[t]!.size).toBe(0);
          return;
        }
        const grid = backend.grid(name);
        expect(grid[0]).toEqual(columns);
        const ours = grid.slice(1).filter((r) => /^scan_\d+$/.test(r[0] ?? ""));
        expect(ours).toEqual(expectedRows(desired[t]!.values(), columns));
        const unknown = grid.slice(1).filter((r) => r.length > 0 && !/^scan_\d+$/.test(r[0] ?? ""));
        expect(unknown).toEqual(Array.from({ length: notes[t]! }, (_, i) => [`note ${i}`]));
      });
      const writes = backend.writeCount();
      const byTab = new Map(names.map((n, t) => [n, [...desired[t]!.values()]]));
      await syncAll(await backend.sink(), byTab, options());
      expect(backend.writeCount()).toBe(writes);
    }
  });
});
