// A photo taken turned a quarter either way or upside down is read the right way up at the first try: the
// whole page is OCR'd once (each pass costs seconds), and the record is the sheet's. Real OCR, in this
// process, so the readings can be counted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ScanRecord } from "../../../src/domain/scan-record.ts";
import { decodeImage } from "../../../src/extract/image/decode-image.ts";
import { type PageReading, readPageImage } from "../../../src/extract/image/read-image.ts";
import { SCANS_DIR } from "../../fixtures/generate.ts";
import { deskPhoto, sheetImage } from "../../fixtures/sheet-images.ts";
import { compareFields } from "./compare-fields.ts";

const OCR_TIMEOUT = 180_000;

const pdfOf = (name: string) => new Uint8Array(readFileSync(join(SCANS_DIR, `${name}.pdf`)));
const expectedOf = (name: string): ScanRecord =>
  JSON.parse(readFileSync(join(SCANS_DIR, `${name}.expected.json`), "utf8"));

const TURNED = [
  { quarterTurns: 1, sheet: "example-alex-metric" },
  { quarterTurns: 2, sheet: "metric-times-male" },
  { quarterTurns: 3, sheet: "metric-female-athlete" },
] as const;

describe("a photo taken turned", () => {
  for (const { quarterTurns, sheet } of TURNED) {
    it(
      `turned ${quarterTurns * 90}° is read with one pass over the page, the right way up`,
      async () => {
        const photo = await sheetImage(
          pdfOf(sheet),
          deskPhoto({ tiltDeg: -2.5, quarterTurns, seed: 11 + quarterTurns }),
        );
        const readings: PageReading[] = [];
        const record = await readPageImage(await decodeImage(photo), (reading) => readings.push(reading));
        expect(readings.map((reading) => reading.read !== null)).toEqual([true]);
        const { right, wrong } = compareFields(record, expectedOf(sheet));
        expect(wrong).toEqual([]);
        expect(right).toBeGreaterThanOrEqual(20);
      },
      OCR_TIMEOUT,
    );
  }
});
