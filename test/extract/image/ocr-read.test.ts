// Real OCR reads (seconds each, so few): a screenshot and a phone photo of fixture sheets read to the
// same record as their PDF, with nothing shown that the sheet does not print; a photo of something else
// refused as unreadable_image; digits damaged on purpose give null or the printed value, never another;
// and all of it with the network taken away.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createCanvas } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScanRecord, ScanRejectedError } from "../../../src/domain/scan-record.ts";
import { readFirstPage } from "../../../src/extract/extract-scan.ts";
import { type CagedExtractor, cagedScanExtractor } from "../../../src/extract/scan-extractor.ts";
import { SCANS_DIR } from "../../fixtures/generate.ts";
import { imageOnlyPdf, renderSheetPage, sheetImage } from "../../fixtures/sheet-images.ts";
import { compareFields as compare } from "./compare-fields.ts";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../../..");
const OCR_TIMEOUT = 180_000;

const pdfOf = (name: string) => new Uint8Array(readFileSync(join(SCANS_DIR, `${name}.pdf`)));
const expectedOf = (name: string): ScanRecord =>
  JSON.parse(readFileSync(join(SCANS_DIR, `${name}.expected.json`), "utf8"));

async function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const pump = (...args: string[]) =>
  node(["--import", "tsx", join(ROOT, "test/extract/parse-cli.ts"), ...args]);

/**
 * The sheet as a screenshot with the first digit of each named value painted over by another digit, the
 * way a misprint, a crease or a stain could make OCR read it confidently wrong.
 */
async function damagedScreenshot(name: string, startsWith: string[]): Promise<Uint8Array> {
  const scale = 2.4;
  const page = await renderSheetPage(pdfOf(name), scale);
  const canvas = createCanvas(page.width, page.height);
  const context = canvas.getContext("2d");
  const pixels = context.createImageData(page.width, page.height);
  for (let i = 0; i < page.data.length; i++) {
    pixels.data.set([page.data[i] as number, page.data[i] as number, page.data[i] as number, 255], 4 * i);
  }
  context.putImageData(pixels, 0, 0);
  const items = (await readFirstPage(pdfOf(name))).items;
  const pageHeightPt = page.height / scale;
  for (const prefix of startsWith) {
    const item = items.find((candidate) => candidate.str.startsWith(prefix));
    if (!item) throw new Error(`no item starts with ${prefix}`);
    const size = item.fontSize * scale;
    const x = item.x * scale;
    const baseline = (pageHeightPt - item.y) * scale;
    const digit = String((Number(item.str[0]) + 3) % 10 || 7);
    context.fillStyle = "#ffffff";
    context.fillRect(x - 1, baseline - size * 0.8, size * 0.58, size * 0.85);
    context.fillStyle = "#000000";
    context.font = `${size}px sans-serif`;
    context.fillText(digit, x, baseline);
  }
  return new Uint8Array(canvas.toBuffer("image/png"));
}

let dir = "";
let extractor: CagedExtractor;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pump-ocr-"));
  extractor = cagedScanExtractor({ size: 1, whenFull: "wait" });
});

afterAll(async () => {
  await extractor?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("reading a sheet from an image", () => {
  it(
    "pump parse screenshot.png prints the record, source image, every value shown as printed",
    async () => {
      const file = join(dir, "screenshot.png");
      writeFileSync(
        file,
        await sheetImage(pdfOf("example-alex-metric"), {
          kind: "screenshot",
          scale: 2.2,
          format: "png",
          chrome: true,
        }),
      );
      const result = await pump("parse", file);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const record = JSON.parse(result.stdout) as ScanRecord;
      expect(record.source).toBe("image");
      const { right, wrong } = compare(record, expectedOf("example-alex-metric"));
      expect(wrong).toEqual([]);
      expect(right).toBeGreaterThanOrEqual(24);
    },
    OCR_TIMEOUT,
  );

  it(
    "a phone photo on a desk, tilted, in perspective and upside down, inside an image-only PDF, is read",
    async () => {
      const photo = await sheetImage(pdfOf("metric-times-male"), {
        kind: "photo",
        paperWidth: 2000,
        tiltDeg: 3.5,
        perspective: 0.025,
        blur: 0.8,
        shadow: 0.25,
        noise: 4,
        jpegQuality: 80,
        desk: true,
        quarterTurns: 2,
        seed: 7,
      });
      const record = await extractor.extract(await imageOnlyPdf(photo), { key: "member" });
      expect(record.source).toBe("image");
      const { right, wrong } = compare(record, expectedOf("metric-times-male"));
      expect(wrong).toEqual([]);
      expect(right).toBeGreaterThanOrEqual(20);
    },
    OCR_TIMEOUT,
  );

  it(
    "a photo of another document is unreadable_image (pump parse exits 2), an image-only PDF without a sheet no_text_layer",
    async () => {
      const file = join(dir, "invoice.jpg");
      writeFileSync(
        file,
        await sheetImage(pdfOf("invoice"), {
          kind: "photo",
          paperWidth: 1400,
          tiltDeg: -2,
          perspective: 0.01,
          blur: 0,
          shadow: 0.1,
          noise: 2,
          jpegQuality: 85,
          desk: true,
          quarterTurns: 0,
          seed: 3,
        }),
      );
      const result = await pump("parse", file);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^error: unreadable_image: [A-Z].+\n$/);
      const refused = await extractor.extract(pdfOf("image-only"), { key: "member" }).then(
        () => "read",
        (error) => (error instanceof ScanRejectedError ? error.code : String(error)),
      );
      expect(refused).toBe("no_text_layer");
    },
    OCR_TIMEOUT,
  );

  it(
    "with the network off, damaged digits give null or the printed value, never another value",
    async () => {
      const expected = expectedOf("metric-female-athlete");
      const file = join(dir, "damaged.png");
      // the weight (60.0 kg) and the lean body mass (49.2 / Optimal) each get another first digit (+3): the
      // two misreads keep LBM + BFM = weight, every other relation of theirs breaks
      writeFileSync(file, await damagedScreenshot("metric-female-athlete", ["60.0 kg", "49.2 /"]));
      const result = await node([
        "--require",
        join(ROOT, "test/support/no-network.cjs"),
        "--import",
        "tsx",
        join(ROOT, "test/extract/image/read-offline.ts"),
        file,
      ]);
      expect(result.stderr).toBe("");
      expect(result.stdout).not.toMatch(/^error/);
      const record = JSON.parse(result.stdout) as ScanRecord;
      expect([null, expected.metrics.weight_kg]).toContain(record.metrics.weight_kg);
      expect([null, expected.metrics.lean_body_mass_kg]).toContain(record.metrics.lean_body_mass_kg);
      const { right, wrong } = compare(record, expected);
      expect(wrong).toEqual([]);
      expect(right).toBeGreaterThanOrEqual(18);
    },
    OCR_TIMEOUT,
  );
});
