// Metamorphic properties of the layout reader: changes to how a sheet is drawn that a person would not
// notice must not change the record. Every committed sheet of both drawing styles (pdf-lib template and
// pdfkit) is read from its PDF once; each run then transforms the reader's input in-process.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { ScanRecord } from "../../src/domain/scan-record.ts";
import { readFirstPage, warmUp } from "../../src/extract/extract-scan.ts";
import type { PageContent } from "../../src/extract/page-content.ts";
import { readSheet } from "../../src/extract/read-sheet.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";
import { renderPdfkitSheet } from "../fixtures/pdfkit-sheet.ts";
import { EXAMPLE_ALEX } from "../fixtures/person.ts";
import { expectSameRecord } from "./compare.ts";
import { apply, CHANGES } from "./page-changes.ts";

interface Sheet {
  name: string;
  page: PageContent;
  expected: ScanRecord;
}

const sheets: Sheet[] = [];
const names = readdirSync(SCANS_DIR)
  .filter((file) => file.endsWith(".expected.json"))
  .map((file) => file.replace(".expected.json", ""))
  .sort();

beforeAll(async () => {
  await warmUp();
  for (const name of names) {
    const page = await readFirstPage(new Uint8Array(readFileSync(join(SCANS_DIR, `${name}.pdf`))));
    const expected = JSON.parse(readFileSync(join(SCANS_DIR, `${name}.expected.json`), "utf8")) as ScanRecord;
    sheets.push({ name, page, expected });
  }
}, 120_000);

describe("metamorphic: what a person would not notice does not change the record", () => {
  it.each(Object.keys(CHANGES))("%s, on every committed sheet of both styles", (change) => {
    expect(sheets.length).toBeGreaterThanOrEqual(45);
    expect(sheets.some((sheet) => sheet.name.startsWith("pdfkit-"))).toBe(true);
    let changedSheets = 0;
    for (const [index, sheet] of sheets.entries()) {
      const changed = apply(sheet.page, [change], 1000 + index);
      if (JSON.stringify(changed.items) !== JSON.stringify(sheet.page.items)) changedSheets++;
      try {
        expectSameRecord(readSheet(changed), sheet.expected);
      } catch (error) {
        throw new Error(`${sheet.name} after ${change}: ${(error as Error).message}`);
      }
    }
    // the change really happened (a no-op would prove nothing); few template sheets have close neighbours
    expect(changedSheets).toBeGreaterThanOrEqual(
      Math.ceil((change === "mergeNeighbours" ? 0.3 : 0.9) * sheets.length),
    );
  });

  it("holds for random chains of changes on random sheets (property, 250 runs)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.constantFrom(...Object.keys(CHANGES)), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (which, changes, seed) => {
          const sheet = sheets[which % sheets.length] as Sheet;
          const changed = apply(sheet.page, changes, seed);
          try {
            expectSameRecord(readSheet(changed), sheet.expected);
          } catch (error) {
            const record = (() => {
              try {
                return readSheet(changed);
              } catch {
                return null;
              }
            })();
            const missing = record
              ? Object.entries(record.metrics).filter(
                  ([key, value]) =>
                    value === null && sheet.expected.metrics[key as keyof typeof record.metrics] !== null,
                )
              : [];
            throw new Error(
              `${sheet.name} after ${changes.join(", ")} (seed ${seed}): ${(error as Error).message} ${JSON.stringify(missing)}`,
            );
          }
        },
      ),
      { numRuns: 250, seed: 20261202 },
    );
  });

  it("re-ordering the drawing in the PDF itself does not change the record", async () => {
    const [natural, shuffledOrder] = await Promise.all([
      renderPdfkitSheet(EXAMPLE_ALEX, { marks: "cross-lines" }),
      renderPdfkitSheet(EXAMPLE_ALEX, { marks: "cross-lines", order: "shuffled", seed: 77 }),
    ]);
    expect(shuffledOrder).not.toEqual(natural);
    const a = readSheet(await readFirstPage(natural));
    expectSameRecord(readSheet(await readFirstPage(shuffledOrder)), a);
    expect(a.balance).toEqual({ upper_lower: "unbalanced", left_right: "balanced" });
  });
});
